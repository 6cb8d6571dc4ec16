namespace Connector.Ai.Chat;

/// <summary>What a <see cref="StructuredOutputCall"/> came to: the usable result, or why there is none.</summary>
public sealed record StructuredOutcome<TResult>(TResult? Result, string? FallbackReason)
    where TResult : class;
