using Connector.Deploy.Tests.Infrastructure;

namespace Connector.Deploy.Tests.Compose;

/// <summary>deploy/compose.yaml through Debian's docker-compose 1.29 (<c>config -q</c>), with env files made from the committed examples.</summary>
public sealed class ComposeFileTests
{
    private static string Deploy => Path.Combine(RepositoryPaths.Root, "deploy");

    [Fact]
    public async Task The_compose_file_validates_once_its_env_files_exist()
    {
        await WithCopyAsync(async folder =>
        {
            var run = await ComposeAsync(folder, "config", "-q");
            Assert.True(run.ExitCode == 0, run.Output);
        });
    }

    [Fact]
    public async Task The_compose_file_runs_two_Workers_PostgreSQL_Redis_and_a_proxy()
    {
        await WithCopyAsync(async folder =>
        {
            var run = await ComposeAsync(folder, "config", "--services");
            Assert.True(run.ExitCode == 0, run.Output);
            Assert.Equal(["postgres", "proxy", "redis", "worker-a", "worker-b"], run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order());
        });
    }

    [Fact]
    public async Task Both_Workers_get_the_shared_store_the_Redis_backplane_and_the_secrets_from_the_env_file()
    {
        await WithCopyAsync(async folder =>
        {
            var run = await ComposeAsync(folder, "config");
            Assert.True(run.ExitCode == 0, run.Output);
            // The resolved file: each Worker carries the env file's connection string and the backplane's address.
            var workers = run.Output.Split("\n  worker-", StringSplitOptions.None).Where(s => s.StartsWith("a:", StringComparison.Ordinal) || s.StartsWith("b:", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, workers.Count);
            Assert.All(workers, w =>
            {
                Assert.Contains("ConnectionStrings__Connector: Host=postgres;", w, StringComparison.Ordinal);
                Assert.Contains("SignalR__Redis: redis:6379", w, StringComparison.Ordinal);
                Assert.Contains("Urls: http://+:8080", w, StringComparison.Ordinal);
                // One data directory for both: a file one Worker fetched is served by either.
                Assert.Contains("- worker-data:/home/app/data", w, StringComparison.Ordinal);
            });
        });
    }

    [Fact]
    public async Task Without_its_env_file_the_compose_file_is_refused_because_secrets_are_never_committed()
    {
        await WithCopyAsync(async folder =>
        {
            File.Delete(Path.Combine(folder, "connector.env"));

            var run = await ComposeAsync(folder, "config", "-q");

            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains("connector.env", run.Output, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("services:", "servicez:", "'servicez' does not match")]
    // The newer schema's top-level name, which Debian's docker-compose 1.29 does not know.
    [InlineData("services:", "name: connector\nservices:", "'name' does not match")]
    [InlineData("      - \"8080:80\"", "      - { published: nope }", "ports")]
    public async Task A_broken_copy_of_the_compose_file_fails_validation(string from, string to, string complaint)
    {
        await WithCopyAsync(async folder =>
        {
            var file = Path.Combine(folder, "compose.yaml");
            var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
            Assert.Contains(from, text, StringComparison.Ordinal);
            await File.WriteAllTextAsync(file, text.Replace(from, to, StringComparison.Ordinal), TestContext.Current.CancellationToken);

            var run = await ComposeAsync(folder, "config", "-q");

            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains(complaint, run.Output, StringComparison.Ordinal);
        });
    }

    private static async Task WithCopyAsync(Func<string, Task> test)
    {
        var folder = RepositoryPaths.CopyToTemporaryFolder(Deploy);
        try
        {
            File.Copy(Path.Combine(folder, "connector.env.example"), Path.Combine(folder, "connector.env"));
            File.Copy(Path.Combine(folder, "postgres.env.example"), Path.Combine(folder, "postgres.env"));
            await test(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task<ToolRun> ComposeAsync(string folder, params string[] arguments)
    {
        const string compose = "/usr/bin/docker-compose";
        Assert.True(File.Exists(compose), "docker-compose is not installed: .ci/run installs it (Debian: apt-get install docker-compose).");
        return ToolRun.RunAsync(compose, folder, ["-f", "compose.yaml", .. arguments]);
    }
}
