namespace Connector.Core.Routing.Engine;

/// <summary>Which of a channel's targets a task missed (charter <c>channels:</c>).</summary>
public enum SlaKind
{
    /// <summary><c>answerWithin</c>: no agent had taken the task in time.</summary>
    Answer,

    /// <summary><c>firstResponseWithin</c>: no agent had written to the customer in time (chat, WhatsApp, email).</summary>
    FirstResponse,
}
