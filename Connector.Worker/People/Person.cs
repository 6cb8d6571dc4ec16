namespace Connector.Worker.People;

/// <summary>Who an agent record is: how a sign-in finds it (IdP subject, email) and the queues they supervise.</summary>
public sealed record Person(string AgentId, string? Email, string? Subject, IReadOnlyList<string> Supervises);
