using Connector.Core.Customers;

namespace Connector.Core.Channels;

/// <summary>A reply the channel agreed to send, kept with the reply until it is sent.</summary>
/// <param name="To">The customer's identity it goes to.</param>
/// <param name="Text">What the timeline shows (the text, or the template and its parameters).</param>
/// <param name="Delivery">The channel's own description of the send (JSON it writes and reads back): the number,
/// thread or mail headers, the template; everything needed to send it again without the conversation.</param>
public sealed record PreparedReply(CustomerIdentity To, string Text, string Delivery, bool Template = false, string? Subject = null);
