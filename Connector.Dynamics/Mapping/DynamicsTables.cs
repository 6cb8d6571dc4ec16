using Connector.Core.Channels;
using Connector.Core.Conversations;

namespace Connector.Dynamics.Mapping;

/// <summary>
/// The tables the adapter writes, by logical name: their entity sets, and for activities the state/status that
/// closes them (statecode 1 Completed; phonecall statuscode 2 Made / 4 Received, email 3 Sent / 4 Received, task
/// 5 Completed, a custom activity table's default 2 Completed).
/// </summary>
internal sealed class DynamicsTables(DynamicsOptions options)
{
    public const string Contact = "contact";
    public const string PhoneCall = "phonecall";
    public const string Email = "email";
    public const string Incident = "incident";
    public const string Annotation = "annotation";

    public string Messaging => options.MessagingActivityTable;

    public string ActivityOf(Channel channel) => channel switch
    {
        Channel.Voice => PhoneCall,
        Channel.Email => Email,
        _ => Messaging,
    };

    public string SetOf(string logicalName) => logicalName switch
    {
        _ when logicalName == Messaging => options.MessagingSet,
        Contact => "contacts",
        PhoneCall => "phonecalls",
        Email => "emails",
        Incident => "incidents",
        Annotation => "annotations",
        "task" => "tasks",
        "account" => "accounts",
        _ => logicalName + "s",
    };

    public static int ClosedStatus(string logicalName, Direction direction) => logicalName switch
    {
        PhoneCall => direction == Direction.In ? 4 : 2,
        Email => direction == Direction.In ? 4 : 3,
        "task" => 5,
        _ => 2,
    };
}
