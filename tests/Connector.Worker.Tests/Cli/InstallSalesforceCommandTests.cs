using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Connector.Salesforce;
using Connector.Worker.Cli;
using Microsoft.Extensions.Configuration;

namespace Connector.Worker.Tests.Cli;

/// <summary>
/// <c>install salesforce</c> run in-process as an admin runs it: the files it writes are checked against the call center
/// definition format of Open CTI (reference crm.md §1.8) and the guide against the steps and settings it must name.
/// </summary>
public sealed partial class InstallSalesforceCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "install-salesforce-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task The_call_center_file_has_every_required_item_of_the_documented_format_in_order()
    {
        var run = await RunAsync("salesforce", "--out", _dir, "--url", "https://connector.example.com/contact-centre/");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var xml = XDocument.Load(Path.Combine(_dir, "call-center.xml"));
        var root = xml.Root!;
        Assert.Equal("callCenter", root.Name.LocalName);
        var section = Assert.Single(root.Elements());
        Assert.Equal(("section", "0", "reqGeneralInfo", "General Information"),
            (section.Name.LocalName, (string?)section.Attribute("sortOrder"), (string?)section.Attribute("name"), (string?)section.Attribute("label")));
        var items = section.Elements().Select(e => (e.Name.LocalName, Sort: (string?)e.Attribute("sortOrder"), Name: (string?)e.Attribute("name"), Label: (string?)e.Attribute("label"))).ToList();
        Assert.Equal(
        [
            ("item", "0", "reqInternalName", "InternalName"),
            ("item", "1", "reqDisplayName", "Display Name"),
            ("item", "2", "reqAdapterUrl", "CTI Adapter URL"),
            ("item", "3", "reqUseApi", "Use CTI API"),
            ("item", "4", "reqSoftphoneHeight", "Softphone Height"),
            ("item", "5", "reqSoftphoneWidth", "Softphone Width"),
            ("item", "6", "reqSalesforceCompatibilityMode", "Salesforce Compatibility Mode"),
        ], items);

        string Value(string name) => section.Elements().Single(e => (string?)e.Attribute("name") == name).Value;
        Assert.Matches(InternalNameRule(), Value("reqInternalName"));
        Assert.Equal("ACS Contact Center", Value("reqDisplayName"));
        Assert.Equal("https://connector.example.com/contact-centre/panel", Value("reqAdapterUrl"));
        Assert.Equal("true", Value("reqUseApi"));
        Assert.InRange(int.Parse(Value("reqSoftphoneHeight"), System.Globalization.CultureInfo.InvariantCulture), 200, 1000);
        Assert.InRange(int.Parse(Value("reqSoftphoneWidth"), System.Globalization.CultureInfo.InvariantCulture), 320, 1000); // the panel's narrowest layout
        Assert.Equal("Lightning", Value("reqSalesforceCompatibilityMode"));
        Assert.Contains("https://connector.example.com/contact-centre/panel", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_with_markup_are_escaped_by_the_xml_writer_and_read_back_unchanged()
    {
        var run = await RunAsync("salesforce", "--out", _dir, "--url", "https://connector.example.com", "--internal-name", "Support2", "--display-name", "Sales & <Support> \"EU\"");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var text = await File.ReadAllTextAsync(Path.Combine(_dir, "call-center.xml"), Ct);
        Assert.Contains("Sales &amp; &lt;Support&gt;", text, StringComparison.Ordinal);
        var items = XDocument.Parse(text).Descendants("item").ToDictionary(e => (string)e.Attribute("name")!, e => e.Value);
        Assert.Equal("Sales & <Support> \"EU\"", items["reqDisplayName"]);
        Assert.Equal("Support2", items["reqInternalName"]);
    }

    [Fact]
    public async Task The_guide_names_the_panel_url_the_worker_origin_and_every_step()
    {
        var run = await RunAsync("salesforce", "--out", _dir, "--url", "https://connector.example.com");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var guide = await File.ReadAllTextAsync(Path.Combine(_dir, "GUIDE.md"), Ct);
        string[] mustName =
        [
            "https://connector.example.com/panel", // the adapter URL
            "call-center.xml",
            "Call Centers", "Import", // 1. import
            "Manage Call Center Users", // 2. users
            "Utility Items", "Open CTI Softphone", // 3. utility bar
            "CSP Trusted Sites", "URL `https://connector.example.com`", "frame-src", // 4. trust the Worker's origin
            "lightning.force.com", "Panel__HostOrigins__0", "frame-ancestors", "script-src", // 5, 6. the Worker allows Salesforce
            "add-user", "POST /api/accounts", "Auth:Oidc:Authority", "crmUserId", // 7. sign-in
            "New Connected App", "JWT bearer flow", "Client-credentials flow", "Use digital signatures", "Run As", // 8. connected app
        ];
        Assert.All(mustName, expected => Assert.Contains(expected, guide, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_adapter_setting_the_guide_names_is_a_real_Crm_Salesforce_setting()
    {
        var run = await RunAsync("salesforce", "--out", _dir, "--url", "https://connector.example.com");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var guide = await File.ReadAllTextAsync(Path.Combine(_dir, "GUIDE.md"), Ct);
        var named = SettingNames().Matches(guide).Select(m => m.Groups[1].Value).ToHashSet();
        var real = typeof(SalesforceOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "LoginUrl", "ClientId", "Username", "PrivateKeyPath", "ClientSecret", "JwtAudience", "ExternalIdField" }, named);
        Assert.Subset(real, named);
    }

    [Fact]
    public async Task Without_url_it_takes_the_configured_public_base_url_of_the_worker()
    {
        var run = await RunAsync(new Dictionary<string, string?> { ["Acs:CallbackBaseUrl"] = "https://calls.example.org" }, "salesforce", "--out", _dir);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var items = XDocument.Load(Path.Combine(_dir, "call-center.xml")).Descendants("item").ToDictionary(e => (string)e.Attribute("name")!, e => e.Value);
        Assert.Equal("https://calls.example.org/panel", items["reqAdapterUrl"]);
    }

    [Fact]
    public async Task Without_any_url_it_exits_2_saying_how_to_give_one_and_writes_nothing()
    {
        var run = await RunAsync("salesforce", "--out", _dir);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--url", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Acs:CallbackBaseUrl", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir));
    }

    [Theory]
    [InlineData("http://connector.example.com")]
    [InlineData("http://10.0.0.5:5080")]
    [InlineData("ftp://connector.example.com")]
    [InlineData("connector.example.com")]
    [InlineData("https://connector.example.com/?tenant=1")]
    public async Task A_url_salesforce_would_not_load_over_https_is_refused_with_exit_2(string url)
    {
        var run = await RunAsync("salesforce", "--out", _dir, "--url", url);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"url: '{url}'", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir));
    }

    [Theory]
    [InlineData("http://localhost:5080")]
    [InlineData("http://127.0.0.1:5080")]
    public async Task Plain_http_on_this_machine_is_written_with_a_warning(string url)
    {
        var run = await RunAsync("salesforce", "--out", _dir, "--url", url);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("warning", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("https", run.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dir, "call-center.xml")));
    }

    [Theory]
    [InlineData("9Lives")]
    [InlineData("Acs Connector")]
    [InlineData("Acs-Connector")]
    [InlineData("A1234567890123456789012345678901234567890")] // 41 characters
    public async Task An_internal_name_outside_salesforces_rule_is_refused_naming_the_rule(string name)
    {
        var run = await RunAsync("salesforce", "--out", _dir, "--url", "https://connector.example.com", "--internal-name", name);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"reqInternalName: '{name}' must be 1 to 40 letters and digits, starting with a letter", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_out_dir_that_cannot_be_made_exits_1_naming_it()
    {
        Directory.CreateDirectory(_dir);
        var file = Path.Combine(_dir, "a-file");
        await File.WriteAllTextAsync(file, "not a directory", Ct);
        var under = Path.Combine(file, "package");

        var run = await RunAsync("salesforce", "--out", under, "--url", "https://connector.example.com");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"cannot write to '{under}'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_prints_the_usage_and_an_unknown_crm_or_missing_out_is_a_usage_error()
    {
        var help = await RunAsync("salesforce", "--help");
        var unknown = await RunAsync("sugarcrm", "--out", _dir);
        var noOut = await RunAsync("salesforce", "--url", "https://connector.example.com");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("install salesforce --out DIR [--url URL]", help.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("'sugarcrm' is not a CRM this build can install into", unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, noOut.ExitCode);
        Assert.Contains("--out DIR is required", noOut.Stderr, StringComparison.Ordinal);
        Assert.NotNull(CliVerbs.Find(["install", "--help"])); // reachable as `-- install …`
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string?>(), args);

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(Dictionary<string, string?> settings, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await InstallCommand.RunAsync(args, configuration, stdout, stderr, Ct);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,39}$")]
    private static partial Regex InternalNameRule();

    [GeneratedRegex(@"Crm__Salesforce__(\w+)")]
    private static partial Regex SettingNames();
}
