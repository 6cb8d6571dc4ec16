using System.Text;
using System.Xml;

namespace Connector.Salesforce.Embedding;

/// <summary>
/// What an admin installs in Salesforce for the agent panel: <c>call-center.xml</c> (the Open CTI call center pointing
/// at the Worker's panel) and <c>GUIDE.md</c> (the steps around it). Built from the Worker's public URL by
/// <see cref="Plan"/>, which says everything wrong at once; written by <see cref="WriteAsync"/>.
/// </summary>
public sealed record SalesforceInstallPackage(Uri WorkerUrl, SalesforceCallCenter CallCenter)
{
    public const string CallCenterFile = "call-center.xml";
    public const string GuideFile = "GUIDE.md";

    /// <summary>
    /// Checks the Worker's public URL and the call center's names. Lightning loads only https adapter URLs; plain http
    /// is let through for a Worker on this machine (a fake host in tests, a developer's browser) with a warning.
    /// </summary>
    public static SalesforceInstallPlan Plan(string workerUrl, string internalName = SalesforceCallCenter.DefaultInternalName,
        string displayName = SalesforceCallCenter.DefaultDisplayName)
    {
        ArgumentNullException.ThrowIfNull(workerUrl);
        var problems = new List<string>();
        var warnings = new List<string>();
        if (!Uri.TryCreate(workerUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || url.Host.Length == 0)
        {
            problems.Add($"url: '{workerUrl}' is not an absolute https URL (e.g. https://connector.example.com).");
            return new SalesforceInstallPlan(null, problems, warnings);
        }

        if (url.Query.Length > 0 || url.Fragment.Length > 0 || url.UserInfo.Length > 0)
        {
            problems.Add($"url: '{workerUrl}' must be the Worker's base URL, without user, query or fragment.");
        }

        if (url.Scheme == "http")
        {
            if (url.IsLoopback)
            {
                warnings.Add($"url: '{workerUrl}' is plain http: Salesforce Lightning accepts only https adapter URLs, so this package is good for a Worker on this machine only (testing).");
            }
            else
            {
                problems.Add($"url: '{workerUrl}' is plain http: Salesforce Lightning loads the softphone only from https (http is accepted for localhost and 127.0.0.1 only).");
            }
        }

        var callCenter = SalesforceCallCenter.ForWorker(url, internalName, displayName);
        problems.AddRange(callCenter.Problems());
        return new SalesforceInstallPlan(problems.Count == 0 ? new SalesforceInstallPackage(url, callCenter) : null, problems, warnings);
    }

    /// <summary>Writes both files into <paramref name="directory"/> (created when missing; files there are replaced) and returns their paths.</summary>
    public async Task<IReadOnlyList<string>> WriteAsync(string directory, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var xmlPath = Path.Combine(directory, CallCenterFile);
        var settings = new XmlWriterSettings
        {
            Async = true,
            Indent = true,
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        };
        await using (var file = File.Create(xmlPath))
        await using (var writer = XmlWriter.Create(file, settings))
        {
            await CallCenter.ToXml().SaveAsync(writer, ct);
        }

        var guidePath = Path.Combine(directory, GuideFile);
        await File.WriteAllTextAsync(guidePath, SalesforceInstallGuide.Render(this), new UTF8Encoding(false), ct);
        return [xmlPath, guidePath];
    }
}

/// <summary>The package when the input is good, else every problem (each naming the input it is about); warnings either way.</summary>
public sealed record SalesforceInstallPlan(SalesforceInstallPackage? Package, IReadOnlyList<string> Problems, IReadOnlyList<string> Warnings);
