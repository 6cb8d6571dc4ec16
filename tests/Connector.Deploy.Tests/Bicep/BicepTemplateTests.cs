using System.Text.Json;
using Connector.Deploy.Tests.Infrastructure;

namespace Connector.Deploy.Tests.Bicep;

/// <summary>infra/main.bicep through the Bicep CLI, offline: it compiles, passes the linter (rules as errors, infra/bicepconfig.json), and its ARM output deploys what the guide says.</summary>
public sealed class BicepTemplateTests
{
    private static string Infra => Path.Combine(RepositoryPaths.Root, "infra");

    [Fact]
    public async Task The_template_builds_and_passes_the_linter_with_its_rules_as_errors()
    {
        var build = await ToolRun.RunAsync(RepositoryPaths.Bicep, Infra, "build", "main.bicep", "--stdout");
        Assert.True(build.ExitCode == 0, build.Output);
        var lint = await ToolRun.RunAsync(RepositoryPaths.Bicep, Infra, "lint", "main.bicep");
        Assert.True(lint.ExitCode == 0, lint.Output);
        // Not even a warning: a warning is a rule someone forgot to make an error.
        Assert.DoesNotContain("Warning", lint.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_parameters_file_builds_against_the_template()
    {
        var run = await ToolRun.RunAsync(RepositoryPaths.Bicep, Infra, "build-params", "main.bicepparam", "--stdout");
        Assert.True(run.ExitCode == 0, run.Output);
    }

    [Fact]
    public async Task The_ARM_output_holds_the_container_app_the_database_the_cache_the_vault_and_the_event_subscription()
    {
        var types = (await ArmResourcesAsync()).Select(r => r.GetProperty("type").GetString()).ToHashSet();

        Assert.Subset(types, new HashSet<string?>
        {
            "Microsoft.App/managedEnvironments",
            "Microsoft.App/containerApps",
            "Microsoft.DBforPostgreSQL/flexibleServers",
            "Microsoft.DBforPostgreSQL/flexibleServers/databases",
            "Microsoft.Cache/redis",
            "Microsoft.KeyVault/vaults",
            "Microsoft.KeyVault/vaults/secrets",
            "Microsoft.EventGrid/systemTopics",
            "Microsoft.EventGrid/systemTopics/eventSubscriptions",
        });
    }

    [Fact]
    public async Task The_Worker_app_listens_on_8080_keeps_two_replicas_and_reads_every_secret_from_Key_Vault()
    {
        var arm = await ArmAsync();
        var app = Resource(await ArmResourcesAsync(), "Microsoft.App/containerApps").GetProperty("properties");
        var ingress = app.GetProperty("configuration").GetProperty("ingress");
        Assert.Equal(8080, ingress.GetProperty("targetPort").GetInt32());
        Assert.Equal("sticky", ingress.GetProperty("stickySessions").GetProperty("affinity").GetString());
        Assert.Equal("[parameters('minReplicas')]", app.GetProperty("template").GetProperty("scale").GetProperty("minReplicas").GetString());
        var minReplicas = arm.GetProperty("parameters").GetProperty("minReplicas");
        Assert.Equal(2, minReplicas.GetProperty("minValue").GetInt32());
        Assert.Equal(2, minReplicas.GetProperty("defaultValue").GetInt32());

        // The app's secrets are one Key Vault reference per name (a copy loop), never a value; every secret the Worker
        // reads is one of them.
        var secrets = Assert.Single(app.GetProperty("configuration").GetProperty("copy").EnumerateArray().ToList(), c => c.GetProperty("name").GetString() == "secrets");
        var secret = secrets.GetProperty("input");
        Assert.Equal("[length(variables('secretNames'))]", secrets.GetProperty("count").GetString());
        Assert.Contains("vaultUri", secret.GetProperty("keyVaultUrl").GetString(), StringComparison.Ordinal);
        Assert.False(secret.TryGetProperty("value", out _));
        var names = arm.GetProperty("variables").GetProperty("secretNames").EnumerateArray().Select(n => n.GetString()).ToHashSet();
        var env = app.GetProperty("template").GetProperty("containers")[0].GetProperty("env").EnumerateArray()
            .ToDictionary(e => e.GetProperty("name").GetString()!, e => e);
        foreach (var key in new[] { "ConnectionStrings__Connector", "SignalR__Redis", "Acs__WebhookKey", "Api__AdminKey", "Acs__ConnectionString" })
        {
            Assert.True(env.TryGetValue(key, out var variable) && variable.TryGetProperty("secretRef", out var reference) && names.Contains(reference.GetString()),
                $"{key} is not a reference to one of the vault's secrets");
        }
    }

    [Fact]
    public async Task Every_replica_mounts_one_Azure_Files_share_as_its_data_directory()
    {
        var resources = await ArmResourcesAsync();
        var template = Resource(resources, "Microsoft.App/containerApps").GetProperty("properties").GetProperty("template");
        var mount = Assert.Single(template.GetProperty("containers")[0].GetProperty("volumeMounts").EnumerateArray().ToList());
        Assert.Equal("/home/app/data", mount.GetProperty("mountPath").GetString());
        var volume = Assert.Single(template.GetProperty("volumes").EnumerateArray().ToList());
        Assert.Equal(mount.GetProperty("volumeName").GetString(), volume.GetProperty("name").GetString());
        Assert.Equal("AzureFile", volume.GetProperty("storageType").GetString());
        Assert.Equal("ReadWrite", Resource(resources, "Microsoft.App/managedEnvironments/storages").GetProperty("properties").GetProperty("azureFile").GetProperty("accessMode").GetString());
    }

    [Fact]
    public async Task The_event_subscription_sends_every_ACS_event_type_the_Worker_consumes_to_its_webhook_with_the_key()
    {
        var subscription = Resource(await ArmResourcesAsync(), "Microsoft.EventGrid/systemTopics/eventSubscriptions").GetProperty("properties");
        var endpoint = subscription.GetProperty("destination").GetProperty("properties").GetProperty("endpointUrl").GetString();
        Assert.StartsWith("[format('https://{0}/webhooks/acs/events?key={1}', ", endpoint, StringComparison.Ordinal);
        Assert.EndsWith("configuration.ingress.fqdn, parameters('webhookKey'))]", endpoint, StringComparison.Ordinal);

        // The types Connector.Worker/Webhooks/AcsEventMapper.cs and Voice/VoiceEventReceiver.cs act on; the call's own
        // events come on its callback URL, not through Event Grid.
        var included = subscription.GetProperty("filter").GetProperty("includedEventTypes").GetString();
        var arm = await ArmAsync();
        var types = arm.GetProperty("variables").GetProperty("acsEventTypes").EnumerateArray().Select(t => t.GetString()).ToHashSet();
        Assert.Equal("[variables('acsEventTypes')]", included);
        Assert.Equal(new HashSet<string?>
        {
            "Microsoft.Communication.ChatMessageReceivedInThread",
            "Microsoft.Communication.ChatMessageReceived",
            "Microsoft.Communication.AdvancedMessageReceived",
            "Microsoft.Communication.AdvancedMessageDeliveryStatusUpdated",
            "Microsoft.Communication.EmailDeliveryReportReceived",
            "Microsoft.Communication.IncomingCall",
            "Microsoft.Communication.RecordingFileStatusUpdated",
        }, types);
    }

    [Fact]
    public async Task A_template_with_a_syntax_error_fails_to_build()
    {
        var copy = RepositoryPaths.CopyToTemporaryFolder(Infra);
        try
        {
            var template = Path.Combine(copy, "main.bicep");
            // A resource declaration with a stray brace: not Bicep.
            var text = await File.ReadAllTextAsync(template, TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(template, text.Replace("resource toWorker", "resource toWorker {", StringComparison.Ordinal), TestContext.Current.CancellationToken);

            var build = await ToolRun.RunAsync(RepositoryPaths.Bicep, copy, "build", "main.bicep", "--stdout");

            Assert.NotEqual(0, build.ExitCode);
            Assert.Contains("Error", build.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public async Task A_template_breaking_a_lint_rule_fails_the_linter_because_the_rules_are_errors()
    {
        var copy = RepositoryPaths.CopyToTemporaryFolder(Infra);
        try
        {
            await File.AppendAllTextAsync(Path.Combine(copy, "main.bicep"), "\nparam forgotten string\n", TestContext.Current.CancellationToken);

            var lint = await ToolRun.RunAsync(RepositoryPaths.Bicep, copy, "lint", "main.bicep");

            Assert.NotEqual(0, lint.ExitCode);
            Assert.Contains("no-unused-params", lint.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    // Compiled once for the tests that read it: the CLI takes seconds on a busy machine.
    private static readonly Lazy<Task<JsonElement>> Compiled = new(async () =>
    {
        var build = await ToolRun.RunAsync(RepositoryPaths.Bicep, Infra, "build", "main.bicep", "--stdout");
        Assert.True(build.ExitCode == 0, build.Output);
        return JsonDocument.Parse(build.Output).RootElement.Clone();
    });

    private static Task<JsonElement> ArmAsync() => Compiled.Value;

    private static async Task<IReadOnlyList<JsonElement>> ArmResourcesAsync()
    {
        var resources = (await ArmAsync()).GetProperty("resources");
        // Symbolic-name output (languageVersion 2.0) is an object; the classic one an array.
        return resources.ValueKind == JsonValueKind.Object ? [.. resources.EnumerateObject().Select(p => p.Value)] : [.. resources.EnumerateArray()];
    }

    private static JsonElement Resource(IReadOnlyList<JsonElement> resources, string type) =>
        Assert.Single(resources, r => r.GetProperty("type").GetString() == type);
}
