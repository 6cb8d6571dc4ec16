namespace Connector.Worker.Tests.Payloads;

/// <summary>
/// ACS events as Event Grid delivers them, written for these tests from the schemas Microsoft Learn publishes (each
/// payload names its page); the ids, numbers, addresses and text are our own. Event Grid schema events are single
/// objects here, which a delivery wraps in a JSON array ("Azure Event Grid event schema",
/// https://learn.microsoft.com/azure/event-grid/event-schema).
/// </summary>
public static class AcsEvents
{
    /// <summary>
    /// The handshake Event Grid posts when a subscription is created, already an array as delivered (header
    /// <c>aeg-event-type: SubscriptionValidation</c>): "Endpoint validation with Event Grid events schema",
    /// https://learn.microsoft.com/azure/event-grid/end-point-validation-event-grid-events-schema.
    /// </summary>
    public const string SubscriptionValidationEvent = """
        [
          {
            "id": "a3ce2812-0f91-46d1-9861-daf2af18cdd0",
            "topic": "/subscriptions/3f1796e3-81dd-4d3f-a805-88484d2b0ef6/resourceGroups/rg-contact-centre/providers/Microsoft.Communication/communicationServices/acs-helpdesk-uk",
            "subject": "",
            "data": {
              "validationCode": "60682ef4-7f17-48fb-9bdf-a8fe6370b591",
              "validationUrl": "https://rp-uksouth.eventgrid.azure.net:553/eventsubscriptions/connector-webhook/validate?id=60682ef4-7f17-48fb-9bdf-a8fe6370b591&t=2026-10-14T08:30:05.4417920Z&apiVersion=2025-02-15&token=Qm7xT2vK"
            },
            "eventType": "Microsoft.EventGrid.SubscriptionValidationEvent",
            "eventTime": "2026-10-14T08:30:05.4417920Z",
            "metadataVersion": "1",
            "dataVersion": "1"
          }
        ]
        """;

    /// <summary>
    /// A customer's WhatsApp text: <c>Microsoft.Communication.AdvancedMessageReceived</c> in "Azure Communication
    /// Services - Advanced Messaging events",
    /// https://learn.microsoft.com/azure/event-grid/communication-services-advanced-messaging-events
    /// (<c>from</c> is the customer's number in digits; <c>to</c> is the channel registration id).
    /// </summary>
    public const string AdvancedMessageReceived = """
        {
          "id": "8e113beb-5c67-4315-bbda-0e50029cd009",
          "topic": "/subscriptions/3f1796e3-81dd-4d3f-a805-88484d2b0ef6/resourceGroups/rg-contact-centre/providers/Microsoft.Communication/communicationServices/acs-helpdesk-uk",
          "subject": "advancedMessage/sender/447700900042/recipient/0b410386-599c-4c53-aa0a-181eddaf50c3",
          "data": {
            "channelType": "whatsapp",
            "messageId": "4893dd1d-ae99-4637-b3d8-b99cac1da601",
            "messageType": "text",
            "from": "447700900042",
            "to": "0b410386-599c-4c53-aa0a-181eddaf50c3",
            "receivedTimestamp": "2026-10-14T08:42:17.3904521+00:00",
            "content": "Hello, the broadband light on my router has been flashing red since this morning."
          },
          "eventType": "Microsoft.Communication.AdvancedMessageReceived",
          "dataVersion": "1.0",
          "metadataVersion": "1",
          "eventTime": "2026-10-14T08:42:17.9126634Z"
        }
        """;

    /// <summary>
    /// The same event (same id) in the CloudEvents 1.0 schema: the envelope of "CloudEvents v1.0 schema with Azure Event
    /// Grid", https://learn.microsoft.com/azure/event-grid/cloud-event-schema, around the <c>data</c> of
    /// <see cref="AdvancedMessageReceived"/>.
    /// </summary>
    public const string AdvancedMessageReceivedCloudEvent = """
        {
          "specversion": "1.0",
          "type": "Microsoft.Communication.AdvancedMessageReceived",
          "source": "/subscriptions/3f1796e3-81dd-4d3f-a805-88484d2b0ef6/resourceGroups/rg-contact-centre/providers/Microsoft.Communication/communicationServices/acs-helpdesk-uk",
          "id": "8e113beb-5c67-4315-bbda-0e50029cd009",
          "time": "2026-10-14T08:42:17.9126634Z",
          "subject": "advancedMessage/sender/447700900042/recipient/0b410386-599c-4c53-aa0a-181eddaf50c3",
          "datacontenttype": "application/json",
          "data": {
            "channelType": "whatsapp",
            "messageId": "4893dd1d-ae99-4637-b3d8-b99cac1da601",
            "messageType": "text",
            "from": "447700900042",
            "to": "0b410386-599c-4c53-aa0a-181eddaf50c3",
            "receivedTimestamp": "2026-10-14T08:42:17.3904521+00:00",
            "content": "Hello, the broadband light on my router has been flashing red since this morning."
          }
        }
        """;

    /// <summary>
    /// WhatsApp's receipt for a message the connector sent: <c>Microsoft.Communication.AdvancedMessageDeliveryStatusUpdated</c>
    /// in "Azure Communication Services - Advanced Messaging events",
    /// https://learn.microsoft.com/azure/event-grid/communication-services-advanced-messaging-events
    /// (<c>messageId</c> is the send receipt's id; <c>from</c> the channel registration, <c>to</c> the customer).
    /// </summary>
    public const string AdvancedMessageDeliveryStatusUpdated = """
        {
          "id": "d883a4ff-1a5a-4c46-8b55-443efee11eb8",
          "topic": "/subscriptions/3f1796e3-81dd-4d3f-a805-88484d2b0ef6/resourceGroups/rg-contact-centre/providers/Microsoft.Communication/communicationServices/acs-helpdesk-uk",
          "subject": "advancedMessage/73c3de7b-eba3-48b0-bb35-ce66871e07ac/status/delivered",
          "data": {
            "messageId": "73c3de7b-eba3-48b0-bb35-ce66871e07ac",
            "status": "delivered",
            "channelType": "whatsapp",
            "from": "0b410386-599c-4c53-aa0a-181eddaf50c3",
            "to": "447700900042",
            "receivedTimestamp": "2026-10-14T08:44:02.1187340+00:00"
          },
          "eventType": "Microsoft.Communication.AdvancedMessageDeliveryStatusUpdated",
          "dataVersion": "1.0",
          "metadataVersion": "1",
          "eventTime": "2026-10-14T08:44:02.6021458Z"
        }
        """;

    /// <summary>
    /// A web-chat visitor's message, thread level (once per thread): <c>Microsoft.Communication.ChatMessageReceivedInThread</c>
    /// in "Azure Communication Services - Chat events",
    /// https://learn.microsoft.com/azure/event-grid/communication-services-chat-events
    /// (as in the page's sample, <c>messageId</c> and <c>version</c> are the compose time in epoch milliseconds).
    /// </summary>
    public const string ChatMessageReceivedInThread = """
        {
          "id": "d3639a9a-8961-454d-b15b-996b3ff97fd8",
          "topic": "/subscriptions/3f1796e3-81dd-4d3f-a805-88484d2b0ef6/resourceGroups/rg-contact-centre/providers/Microsoft.Communication/communicationServices/acs-helpdesk-uk",
          "subject": "thread/19:7d2c41f8e05a4b6c9a13e8f0b52d6a47@thread.v2/sender/8:acs:48251b3f-383e-4d9c-865a-c9f7510ca84f_00000024-3a7e-51c9-02c3-593a0d004e1b",
          "data": {
            "messageBody": "Hello, I ordered a replacement router last week and it still hasn't arrived.",
            "messageId": "1791969337412",
            "metadata": {
              "page": "/support/broadband"
            },
            "type": "Text",
            "version": "1791969337412",
            "senderDisplayName": "Priya",
            "senderCommunicationIdentifier": {
              "rawId": "8:acs:48251b3f-383e-4d9c-865a-c9f7510ca84f_00000024-3a7e-51c9-02c3-593a0d004e1b",
              "communicationUser": {
                "id": "8:acs:48251b3f-383e-4d9c-865a-c9f7510ca84f_00000024-3a7e-51c9-02c3-593a0d004e1b"
              }
            },
            "composeTime": "2026-10-14T09:15:37.412+00:00",
            "threadId": "19:7d2c41f8e05a4b6c9a13e8f0b52d6a47@thread.v2",
            "transactionId": "Xq2vN8dLkE6w1r0TtYb3Gg.1.1.1.1.2038475612.1"
          },
          "eventType": "Microsoft.Communication.ChatMessageReceivedInThread",
          "dataVersion": "1.0",
          "metadataVersion": "1",
          "eventTime": "2026-10-14T09:15:37.8841203Z"
        }
        """;

    /// <summary>
    /// Another customer's message in another thread, user level (one copy per recipient, here the connector's service
    /// user): <c>Microsoft.Communication.ChatMessageReceived</c> in "Azure Communication Services - Chat events",
    /// https://learn.microsoft.com/azure/event-grid/communication-services-chat-events.
    /// </summary>
    public const string ChatMessageReceived = """
        {
          "id": "31210a7d-9152-4b93-8fc1-18459db172a6",
          "topic": "/subscriptions/3f1796e3-81dd-4d3f-a805-88484d2b0ef6/resourceGroups/rg-contact-centre/providers/Microsoft.Communication/communicationServices/acs-helpdesk-uk",
          "subject": "thread/19:c08e5b2a97f34d1e86a0d4b7f3e1c925@thread.v2/sender/8:acs:48251b3f-383e-4d9c-865a-c9f7510ca84f_00000024-3b05-8d12-b5f4-343a0d00a7c6/recipient/8:acs:48251b3f-383e-4d9c-865a-c9f7510ca84f_00000024-2f90-4c61-85f4-343a0d0091d2",
          "data": {
            "messageBody": "Thanks, an engineer visit on Thursday morning works for me.",
            "messageId": "1791969664086",
            "metadata": {},
            "senderId": "8:acs:48251b3f-383e-4d9c-865a-c9f7510ca84f_00000024-3b05-8d12-b5f4-343a0d00a7c6",
            "senderCommunicationIdentifier": {
              "rawId": "8:acs:48251b3f-383e-4d9c-865a-c9f7510ca84f_00000024-3b05-8d12-b5f4-343a0d00a7c6",
              "communicationUser": {
                "id": "8:acs:48251b3f-383e-4d9c-865a-c9f7510ca84f_00000024-3b05-8d12-b5f4-343a0d00a7c6"
              }
            },
            "senderDisplayName": "Tomasz",
            "composeTime": "2026-10-14T09:21:04.086Z",
            "type": "Text",
            "version": 1791969664086,
            "recipientId": "8:acs:48251b3f-383e-4d9c-865a-c9f7510ca84f_00000024-2f90-4c61-85f4-343a0d0091d2",
            "recipientCommunicationIdentifier": {
              "rawId": "8:acs:48251b3f-383e-4d9c-865a-c9f7510ca84f_00000024-2f90-4c61-85f4-343a0d0091d2",
              "communicationUser": {
                "id": "8:acs:48251b3f-383e-4d9c-865a-c9f7510ca84f_00000024-2f90-4c61-85f4-343a0d0091d2"
              }
            },
            "transactionId": "pL4wR9cZ2Uy7Hn3SdKe0Fw.1.1.1.1.1630582947.1.4",
            "threadId": "19:c08e5b2a97f34d1e86a0d4b7f3e1c925@thread.v2"
          },
          "eventType": "Microsoft.Communication.ChatMessageReceived",
          "dataVersion": "1.0",
          "metadataVersion": "1",
          "eventTime": "2026-10-14T09:21:04.6213387Z"
        }
        """;

    /// <summary>
    /// The delivery report of an email the connector sent: <c>Microsoft.Communication.EmailDeliveryReportReceived</c>
    /// in "Azure Communication Services - Email events",
    /// https://learn.microsoft.com/azure/event-grid/communication-services-email-events
    /// (<c>messageId</c> is the send operation's id; the page spells <c>deliveryAttemptTimeStamp</c> so).
    /// </summary>
    public const string EmailDeliveryReportReceived = """
        {
          "id": "606318f4-35f8-4c5a-a0a6-7ee8c27c06a9",
          "topic": "/subscriptions/3f1796e3-81dd-4d3f-a805-88484d2b0ef6/resourceGroups/rg-contact-centre/providers/Microsoft.Communication/communicationServices/acs-helpdesk-uk",
          "subject": "sender/DoNotReply@contact.example/message/ce338aeb-1dd0-4337-8e6c-ebff691a5d72",
          "data": {
            "sender": "DoNotReply@contact.example",
            "recipient": "sam.okafor@customer.example",
            "messageId": "ce338aeb-1dd0-4337-8e6c-ebff691a5d72",
            "status": "Delivered",
            "deliveryStatusDetails": {
              "statusMessage": "No error."
            },
            "deliveryAttemptTimeStamp": "2026-10-14T10:02:48.6630147+00:00"
          },
          "eventType": "Microsoft.Communication.EmailDeliveryReportReceived",
          "dataVersion": "1.0",
          "metadataVersion": "1",
          "eventTime": "2026-10-14T10:02:48.7014420Z"
        }
        """;

    /// <summary>
    /// An SMS to the contact centre's number, an event type the connector does not act on:
    /// <c>Microsoft.Communication.SMSReceived</c> in "Azure Communication Services - SMS events",
    /// https://learn.microsoft.com/azure/event-grid/communication-services-telephony-sms-events.
    /// </summary>
    public const string SmsReceived = """
        {
          "id": "da49698b-12ec-4b44-96c0-6d23271042a1",
          "topic": "/subscriptions/3f1796e3-81dd-4d3f-a805-88484d2b0ef6/resourceGroups/rg-contact-centre/providers/Microsoft.Communication/communicationServices/acs-helpdesk-uk",
          "subject": "/phonenumber/441632960480",
          "data": {
            "messageId": "da49698b-12ec-4b44-96c0-6d23271042a1",
            "from": "+447700900615",
            "to": "+441632960480",
            "message": "Is the outage in Leeds fixed yet?",
            "receivedTimestamp": "2026-10-14T11:07:52.0318846Z",
            "segmentCount": 1
          },
          "eventType": "Microsoft.Communication.SMSReceived",
          "dataVersion": "1.0",
          "metadataVersion": "1",
          "eventTime": "2026-10-14T11:07:53Z"
        }
        """;
}
