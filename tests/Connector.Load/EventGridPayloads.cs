using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Connector.Load;

/// <summary>
/// Event Grid deliveries (the Event Grid schema, one event per delivery) as ACS sends them, written straight to UTF-8
/// bytes: a WhatsApp text (AdvancedMessageReceived) and a web-chat message (ChatMessageReceivedInThread).
/// </summary>
public static class EventGridPayloads
{
    private const string Topic = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/load/providers/Microsoft.Communication/communicationServices/load-acs";

    public static byte[] WhatsApp(string eventId, string messageId, string from, string channelRegistration, DateTimeOffset at, string text)
    {
        var time = Time(at);
        return Encoding.UTF8.GetBytes(
            $$"""[{"id":"{{eventId}}","topic":"{{Topic}}","subject":"advancedMessage/sender/{{from}}/recipient/{{channelRegistration}}","data":{"channelType":"whatsapp","messageId":"{{messageId}}","messageType":"text","from":"{{from}}","to":"{{channelRegistration}}","receivedTimestamp":"{{time}}","content":{{JsonSerializer.Serialize(text)}}},"eventType":"Microsoft.Communication.AdvancedMessageReceived","dataVersion":"1.0","metadataVersion":"1","eventTime":"{{time}}"}]""");
    }

    public static byte[] Chat(string eventId, string messageId, string threadId, string sender, DateTimeOffset at, string text)
    {
        var time = Time(at);
        return Encoding.UTF8.GetBytes(
            $$$"""[{"id":"{{{eventId}}}","topic":"{{{Topic}}}","subject":"thread/{{{threadId}}}/sender/{{{sender}}}","data":{"messageBody":{{{JsonSerializer.Serialize(text)}}},"messageId":"{{{messageId}}}","type":"Text","version":"{{{messageId}}}","senderDisplayName":"Visitor","senderCommunicationIdentifier":{"rawId":"{{{sender}}}","communicationUser":{"id":"{{{sender}}}"}},"composeTime":"{{{time}}}","threadId":"{{{threadId}}}"},"eventType":"Microsoft.Communication.ChatMessageReceivedInThread","dataVersion":"1.0","metadataVersion":"1","eventTime":"{{{time}}}"}]""");
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
