namespace Connector.Worker.Push;

/// <summary>The <c>type</c> of each message, as the client reads it.</summary>
public static class PushMessageTypes
{
    public const string OfferMade = "offerMade";
    public const string OfferWithdrawn = "offerWithdrawn";
    public const string Assigned = "assigned";
    public const string TaskEnded = "taskEnded";
    public const string TimelineAdded = "timelineAdded";
    public const string DeliveryStatusChanged = "deliveryStatusChanged";
    public const string CallPhaseChanged = "callPhaseChanged";
    public const string TranscriptPhrase = "transcriptPhrase";
    public const string AttachmentAdded = "attachmentAdded";
    public const string PresenceChanged = "presenceChanged";
    public const string SlaBreached = "slaBreached";

    /// <summary>What the CRM sync found or wrote for the agent's work (dotted, as the agent panel's issue names them).</summary>
    public const string CrmContact = "crmContact";
    public const string CrmActivity = "crmActivity";

    /// <summary>A customer message on held work: the panel fetches the agent assist suggestions.</summary>
    public const string AssistAvailable = "assistAvailable";

    /// <summary>A finished task of a held conversation was analysed: the panel reads the conversation's insight again.</summary>
    public const string InsightAvailable = "insightAvailable";
}
