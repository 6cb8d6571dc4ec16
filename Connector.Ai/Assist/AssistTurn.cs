namespace Connector.Ai.Assist;

/// <summary>One message of the conversation as the drafter reads it.</summary>
/// <param name="FromCustomer">True for the customer's words, false for the contact centre's.</param>
/// <param name="Text">As the timeline keeps it (redacted).</param>
public sealed record AssistTurn(bool FromCustomer, string Text);
