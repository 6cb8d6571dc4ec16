using System.Text;
using Connector.Core.Channels;
using Connector.Core.Conversations;
using Connector.Core.Crm;
using Connector.Core.Customers;
using Microsoft.Extensions.Options;

namespace Connector.Crm.Contract;

/// <summary>The people, activities, files and cases the contract writes.</summary>
public static class CrmContractData
{
    public static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 30, 0, TimeSpan.Zero);

    private static readonly IdentityNormalizer Normalizer = new(Options.Create(new IdentityOptions { DefaultRegion = "GB" }));

    public static CustomerIdentity Phone(string value) => Normalizer.Normalize(IdentityKind.Phone, value);

    public static CustomerIdentity WhatsApp(string value) => Normalizer.Normalize(IdentityKind.WhatsApp, value);

    public static CustomerIdentity Email(string value) => Normalizer.Normalize(IdentityKind.Email, value);

    public static CrmContactQuery Query(string? name, bool create, params CustomerIdentity[] identities) =>
        new(Guid.NewGuid(), name, identities, create);

    public static CrmActivity Activity(CrmRecord contact, Channel channel, string conversation, string? agentUserId, CrmRecord? crmCase = null) => new(
        IdempotencyKey: $"{conversation}:{channel.ToString().ToLowerInvariant()}",
        Contact: contact,
        Channel: channel,
        Direction: Direction.In,
        StartedAt: Start,
        Duration: channel == Channel.Voice ? TimeSpan.FromSeconds(184) : TimeSpan.FromMinutes(12),
        Subject: $"{channel} from the customer",
        Body: "Asked about the delivery date; promised a call back.",
        Disposition: channel == Channel.Voice ? "Resolved" : null,
        AgentCrmUserId: agentUserId,
        ChannelRef: $"ref-{conversation}",
        Case: crmCase,
        CustomerAddress: channel == Channel.Email ? "customer@example.com" : "+442079460958",
        ServiceAddress: channel == Channel.Email ? "support@contoso.example" : "+442079460000");

    public static CrmAttachment Transcript(string conversation, CrmRecord parent, string text) => File(
        $"{conversation}:transcript", parent, CrmAttachmentKind.Transcript, $"transcript-{conversation}.txt", "text/plain", Encoding.UTF8.GetBytes(text));

    public static CrmAttachment Recording(string conversation, CrmRecord parent, byte[] audio) => File(
        $"{conversation}:recording", parent, CrmAttachmentKind.Recording, $"recording-{conversation}.wav", "audio/wav", audio);

    public static byte[] Audio(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static CrmCase Case(string conversation, CrmRecord contact, CrmRecord? existing = null, string? status = null) =>
        new($"{conversation}:case", contact, "Delivery date", "The parcel has not arrived.", status, existing, Channel.Voice);

    /// <summary>A whole voice interaction: the call, its case, a transcript and a recording.</summary>
    public static CrmInteraction Interaction(string conversation, CrmRecord contact, string? agentUserId, int audioLength = 2048)
    {
        var pending = new CrmRecord("pending", "pending"); // the adapter publishes files to the activity it writes
        return new CrmInteraction(
            Activity(contact, Channel.Voice, conversation, agentUserId),
            Case(conversation, contact),
            [Transcript(conversation, pending, $"Agent: hello\nCustomer: it is about order {conversation}"), Recording(conversation, pending, Audio(audioLength, conversation.GetHashCode(StringComparison.Ordinal)))]);
    }

    private static CrmAttachment File(string key, CrmRecord parent, CrmAttachmentKind kind, string name, string type, byte[] content) =>
        new(key, parent, kind, name, type, content.Length, _ => Task.FromResult<Stream>(new MemoryStream(content)));
}
