using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Connector.Core.Compliance;

namespace Connector.Worker.Webhooks;

/// <summary>
/// A webhook body as it may be kept: every string value (a message's text, a caption, a subject, wherever the event
/// type puts it) redacted, names and structure untouched. A body with nothing sensitive is kept byte for byte as it came.
/// Read token by token, so a body the reader accepted (duplicate keys included) is never refused here.
/// </summary>
internal static class RawEventRedaction
{
    private static readonly JsonWriterOptions Writing = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Redact(string raw, SensitiveDataRedactor redactor)
    {
        var input = Encoding.UTF8.GetBytes(raw);
        var output = new ArrayBufferWriter<byte>(input.Length);
        var changed = false;
        using (var writer = new Utf8JsonWriter(output, Writing))
        {
            var reader = new Utf8JsonReader(input, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject: writer.WriteStartObject(); break;
                    case JsonTokenType.EndObject: writer.WriteEndObject(); break;
                    case JsonTokenType.StartArray: writer.WriteStartArray(); break;
                    case JsonTokenType.EndArray: writer.WriteEndArray(); break;
                    case JsonTokenType.PropertyName: writer.WritePropertyName(reader.GetString()!); break;
                    case JsonTokenType.String:
                        var text = reader.GetString()!;
                        var redacted = redactor.Redact(text)!;
                        changed |= !ReferenceEquals(text, redacted) && text != redacted;
                        writer.WriteStringValue(redacted);
                        break;
                    case JsonTokenType.Number: writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true); break;
                    case JsonTokenType.True: writer.WriteBooleanValue(true); break;
                    case JsonTokenType.False: writer.WriteBooleanValue(false); break;
                    case JsonTokenType.Null: writer.WriteNullValue(); break;
                }
            }
        }

        return changed ? Encoding.UTF8.GetString(output.WrittenSpan) : raw;
    }
}
