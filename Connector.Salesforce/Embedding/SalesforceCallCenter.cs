using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Connector.Salesforce.Embedding;

/// <summary>
/// The Open CTI call center definition an admin imports under Setup → Call Centers: the connector's panel as the
/// softphone of Lightning. The format (root <c>callCenter</c>, section <c>reqGeneralInfo</c>, items with sortOrder,
/// name and label) is Salesforce's; the items and labels below are the required ones, in the documented order.
/// </summary>
public sealed partial record SalesforceCallCenter(string InternalName, string DisplayName, Uri AdapterUrl)
{
    public const string DefaultInternalName = "AcsConnector";
    public const string DefaultDisplayName = "ACS Contact Center";

    /// <summary>The panel's narrowest supported width (it is built for 320 px slots) and a height that shows an offer and its timeline.</summary>
    public const int SoftphoneWidth = 320;
    public const int SoftphoneHeight = 560;

    /// <summary>The call center for the Worker at <paramref name="workerUrl"/>: its adapter URL is the panel, <c>{url}/panel</c>.</summary>
    public static SalesforceCallCenter ForWorker(Uri workerUrl, string internalName = DefaultInternalName, string displayName = DefaultDisplayName)
    {
        ArgumentNullException.ThrowIfNull(workerUrl);
        return new SalesforceCallCenter(internalName, displayName, PanelUrl(workerUrl));
    }

    /// <summary><c>{url}/panel</c>, keeping a path prefix the Worker is published under (a reverse proxy's <c>/connector</c>).</summary>
    public static Uri PanelUrl(Uri workerUrl)
    {
        ArgumentNullException.ThrowIfNull(workerUrl);
        return new Uri(workerUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/panel");
    }

    /// <summary>What is wrong with the definition, one message per problem naming the item; empty when Salesforce will take it.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!InternalNamePattern().IsMatch(InternalName))
        {
            problems.Add($"reqInternalName: '{InternalName}' must be 1 to 40 letters and digits, starting with a letter (Salesforce's rule).");
        }

        if (string.IsNullOrWhiteSpace(DisplayName) || DisplayName.Length > 80)
        {
            problems.Add("reqDisplayName: must be 1 to 80 characters.");
        }

        if (!AdapterUrl.IsAbsoluteUri)
        {
            problems.Add($"reqAdapterUrl: '{AdapterUrl}' is not an absolute URL.");
        }

        return problems;
    }

    /// <summary>The definition file; XML-escaping of the names is the writer's, never ours.</summary>
    public XDocument ToXml()
    {
        var items = new (string Name, string Label, string Value)[]
        {
            ("reqInternalName", "InternalName", InternalName),
            ("reqDisplayName", "Display Name", DisplayName),
            ("reqAdapterUrl", "CTI Adapter URL", AdapterUrl.AbsoluteUri),
            ("reqUseApi", "Use CTI API", "true"),
            ("reqSoftphoneHeight", "Softphone Height", SoftphoneHeight.ToString(CultureInfo.InvariantCulture)),
            ("reqSoftphoneWidth", "Softphone Width", SoftphoneWidth.ToString(CultureInfo.InvariantCulture)),
            ("reqSalesforceCompatibilityMode", "Salesforce Compatibility Mode", "Lightning"),
        };
        return new XDocument(
            new XDeclaration("1.0", "UTF-8", null),
            new XElement("callCenter",
                new XElement("section",
                    new XAttribute("sortOrder", "0"),
                    new XAttribute("name", "reqGeneralInfo"),
                    new XAttribute("label", "General Information"),
                    items.Select((item, i) => new XElement("item",
                        new XAttribute("sortOrder", i.ToString(CultureInfo.InvariantCulture)),
                        new XAttribute("name", item.Name),
                        new XAttribute("label", item.Label),
                        item.Value)))));
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,39}$")]
    private static partial Regex InternalNamePattern();
}
