using System.Security.Cryptography;
using System.Text.Json;

namespace Connector.Worker.Demo;

/// <summary>
/// The demo's generated secrets, made on first use and kept in <c>{data}/demo-secrets.json</c>: the passwords of the
/// demo accounts (so a second run of the same folder signs in the same; <c>--reset</c> makes new ones), the admin
/// key the demo uses to set itself up, the webhook key, and the stand-in's ACS access key. Never defaults: a demo
/// left running on a shared machine is no open door.
/// </summary>
internal sealed record DemoSecrets(
    string AdminKey, string WebhookKey, string AcsAccessKey, string AcsResourceId, Dictionary<string, string> Passwords)
{
    public const string FileName = "demo-secrets.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<DemoSecrets> LoadOrCreateAsync(string dataDirectory, IEnumerable<string> people, CancellationToken ct)
    {
        var path = Path.Combine(dataDirectory, FileName);
        DemoSecrets secrets;
        if (File.Exists(path))
        {
            await using var read = File.OpenRead(path);
            secrets = await JsonSerializer.DeserializeAsync<DemoSecrets>(read, Json, ct)
                ?? throw new InvalidDataException($"{path} is empty; run demo --reset to start afresh.");
        }
        else
        {
            secrets = new DemoSecrets(Token(16), Token(24), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), Guid.NewGuid().ToString(), []);
        }

        foreach (var person in people.Where(p => !secrets.Passwords.ContainsKey(p)))
        {
            secrets.Passwords[person] = Password();
        }

        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(secrets, Json), ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return secrets;
    }

    private static string Token(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>Readable to type from a terminal: three groups of letters and digits, no look-alikes (0/O, 1/l).</summary>
    private static string Password()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var groups = Enumerable.Range(0, 3).Select(_ => new string(RandomNumberGenerator.GetItems<char>(alphabet, 5)));
        return string.Join('-', groups);
    }
}
