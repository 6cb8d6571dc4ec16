using Connector.Core.Customers;

namespace Connector.Core.Channels;

/// <summary>What a channel sent: to which of the customer's identities, its message id, and the text to keep on the timeline.</summary>
/// <param name="MessageId">The channel's id (a WhatsApp message id, an ACS email operation id, a chat message id).</param>
/// <param name="Template">Whether a template was sent rather than free text.</param>
/// <param name="Subject">An email's subject, as sent.</param>
public sealed record ChannelReceipt(CustomerIdentity To, string MessageId, string Text, bool Template = false, string? Subject = null);
