namespace Connector.Core.Bot;

/// <summary>
/// A topic the bot must hand to a person (a cancellation, a complaint, a legal threat), recognised by its example
/// phrases the way FAQ entries are; it may route its hand-off elsewhere (a retention team for cancellations).
/// </summary>
public sealed record SensitiveIntent(string Name, IReadOnlyList<string> Phrases, BotHandOffRule? HandOff);
