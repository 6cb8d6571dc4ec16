namespace Connector.Core.Outbox;

/// <summary>
/// The kinds of work left in the outbox, each with one handler in the Worker's dispatch table. A timeline event has
/// no kind of its own: messages reach the CRM folded into the interaction logged at wrap-up.
/// </summary>
public static class OutboxKind
{
    /// <summary>Find or create the customer's CRM contact from their identities.</summary>
    public const string ContactSync = "contact.sync";

    /// <summary>Fetch a customer's media (a WhatsApp photo) from the channel and attach it to its timeline entry.</summary>
    public const string MediaDownload = "media.download";

    /// <summary>The router gave a task to an agent: the channel's part (the agent joins the chat, is connected to the call).</summary>
    public const string TaskAssigned = "task.assigned";

    /// <summary>
    /// An agent wrapped up a task: log the interaction in the CRM (its activity with the redacted transcript, the
    /// conversation's case, waiting attachments). Key <c>{conversationId}:interaction:{taskId}</c>; payload
    /// <see cref="InteractionSyncPayload"/>.
    /// </summary>
    public const string InteractionSync = "interaction.sync";

    /// <summary>
    /// Attach a stored file (a call recording, a transcript) to an interaction's CRM activity. Payload
    /// <see cref="CrmAttachPayload"/>; the row's idempotency key is the attachment's key in the CRM.
    /// </summary>
    public const string CrmAttach = "crm.attach";

    /// <summary>
    /// Send an agent's reply that is already on the timeline (pending) through its channel, with the channel's
    /// repeatability id derived from the reply's idempotency key, so a resend after a crash is one message. Payload
    /// <c>{"replyId": …}</c>, the Worker's reply record.
    /// </summary>
    public const string ReplySend = "reply.send";

    /// <summary>
    /// An agent's work ended (wrap-up, or its wrap-up time ran out): score it against the charter's QA forms. Key
    /// <c>{conversationId}:qa:{taskId}</c>; payload <see cref="InteractionSyncPayload"/> (the same facts the CRM gets).
    /// </summary>
    public const string QaEvaluate = "qa.evaluate";

    /// <summary>
    /// An agent accepted an offer (the task became theirs): open the conversation's case on their CRM screen when
    /// the adapter can (<c>ICrmScreenPop</c>). Key <c>{taskId}:screenpop:{agentId}:{at}</c>; payload
    /// <see cref="TaskAssignedPayload"/>.
    /// </summary>
    public const string CrmScreenPop = "crm.screenpop";

    /// <summary>
    /// An agent's work ended: score every turn's sentiment and topics and summarize the interaction. Key
    /// <c>{conversationId}:insight:{taskId}</c>; payload <see cref="InteractionSyncPayload"/>.
    /// </summary>
    public const string InsightAnalyse = "insight.analyse";

    /// <summary>
    /// A web-chat or WhatsApp message of a journey whose bot is on, with no task open: the bot answers it or hands off
    /// (opening the task). Key <c>{conversationId}:bot.turn:{timelineEventId}</c>; the row's subject is the message.
    /// </summary>
    public const string BotTurn = "bot.turn";
}
