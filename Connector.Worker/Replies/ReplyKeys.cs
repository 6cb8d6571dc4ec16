using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Connector.Worker.Replies;

/// <summary>
/// A reply's identity from its idempotency key: the same conversation, agent and key always make the same id, which
/// is also the ACS request id of every send of it; and a hash of the body, to tell a retry from a reused key.
/// </summary>
internal static class ReplyKeys
{
    public const string Header = "Idempotency-Key";

    /// <summary>Longer keys are refused: a UUID is 36 characters, and the key is stored with every reply.</summary>
    public const int MaxLength = 255;

    /// <summary>Why the key cannot be used, or null. Printable ASCII only: it is an HTTP header value, compared as written.</summary>
    public static string? Problem(string key) =>
        key.Length is 0 or > MaxLength ? $"{Header} must be 1 to {MaxLength} characters."
        : key.Any(c => c is < '!' or > '~') ? $"{Header} must be printable ASCII without spaces (a UUID, say)."
        : null;

    /// <summary>A UUID (version 8, RFC 9562) from the SHA-256 of conversation, agent and key.</summary>
    public static Guid IdOf(Guid conversationId, string agentId, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{conversationId:N}\n{agentId}\n{key}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>The body as it matters for sending (not the agent, who is part of the key's scope).</summary>
    public static string HashOf(AgentReply reply)
    {
        var canonical = JsonSerializer.Serialize(new
        {
            channel = reply.Channel?.Trim().ToLowerInvariant(),
            reply.Text,
            reply.TemplateName,
            templateParameters = reply.TemplateParameters ?? [],
            reply.Subject,
        }, JsonSerializerOptions.Web);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
