using System.Collections.Concurrent;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Connector.Worker.Tests.Telemetry;

/// <summary>
/// An OTLP/HTTP receiver on loopback: <c>POST /v1/traces</c> with a protobuf <c>ExportTraceServiceRequest</c>, decoded
/// field by field (opentelemetry-proto's trace.proto numbering) into the spans it carries. Anything but protobuf is 415,
/// as a collector answers.
/// </summary>
internal sealed class FakeOtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeOtlpReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedSpan> Spans { get; } = new();

    public Uri Endpoint => new(_app.Urls.First());

    public static async Task<FakeOtlpReceiver> StartAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new FakeOtlpReceiver(app);
        app.MapPost("/v1/traces", async (HttpContext http) =>
        {
            if (http.Request.ContentType != "application/x-protobuf")
            {
                return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
            }

            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body, http.RequestAborted);
            foreach (var span in Decode(body.ToArray()))
            {
                receiver.Spans.Enqueue(span);
            }

            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync(ct);
        return receiver;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>ExportTraceServiceRequest.resource_spans(1) → ResourceSpans.scope_spans(2) → ScopeSpans.spans(2).</summary>
    private static IEnumerable<ReceivedSpan> Decode(byte[] request) =>
        from resourceSpans in Messages(request, 1)
        from scopeSpans in Messages(resourceSpans, 2)
        from span in Messages(scopeSpans, 2)
        select Span(span);

    private static List<byte[]> Messages(byte[] message, int field)
    {
        var found = new List<byte[]>();
        var input = new CodedInputStream(message);
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            if (WireFormat.GetTagFieldNumber(tag) == field && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                found.Add(input.ReadBytes().ToByteArray());
            }
            else
            {
                input.SkipLastField();
            }
        }

        return found;
    }

    /// <summary>Span: trace_id(1), span_id(2), parent_span_id(4), name(5), kind(6), attributes(9).</summary>
    private static ReceivedSpan Span(byte[] span)
    {
        string traceId = "", spanId = "", parentId = "", name = "";
        var kind = 0;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var input = new CodedInputStream(span);
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: traceId = Convert.ToHexStringLower(input.ReadBytes().ToByteArray()); break;
                case 2: spanId = Convert.ToHexStringLower(input.ReadBytes().ToByteArray()); break;
                case 4: parentId = Convert.ToHexStringLower(input.ReadBytes().ToByteArray()); break;
                case 5: name = input.ReadString(); break;
                case 6: kind = input.ReadEnum(); break;
                case 9:
                    var (key, value) = Attribute(input.ReadBytes().ToByteArray());
                    attributes[key] = value;
                    break;
                default: input.SkipLastField(); break;
            }
        }

        return new ReceivedSpan(traceId, spanId, parentId, name) { Kind = kind, Attributes = attributes };
    }

    /// <summary>KeyValue: key(1), value(2) as AnyValue: string_value(1), bool_value(2), int_value(3), double_value(4); others left empty.</summary>
    private static (string Key, string Value) Attribute(byte[] keyValue)
    {
        string key = "", value = "";
        var input = new CodedInputStream(keyValue);
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            if (WireFormat.GetTagFieldNumber(tag) == 1)
            {
                key = input.ReadString();
            }
            else if (WireFormat.GetTagFieldNumber(tag) == 2)
            {
                var any = new CodedInputStream(input.ReadBytes().ToByteArray());
                for (var t = any.ReadTag(); t != 0; t = any.ReadTag())
                {
                    value = WireFormat.GetTagFieldNumber(t) switch
                    {
                        1 => any.ReadString(),
                        2 => any.ReadBool() ? "true" : "false",
                        3 => any.ReadInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
                        4 => any.ReadDouble().ToString(System.Globalization.CultureInfo.InvariantCulture),
                        _ => Skip(any),
                    };
                }
            }
            else
            {
                input.SkipLastField();
            }
        }

        return (key, value);
    }

    private static string Skip(CodedInputStream input)
    {
        input.SkipLastField();
        return "";
    }
}

/// <summary>One span as received: ids in lower-case hex; <see cref="ParentSpanId"/> empty for a root.</summary>
internal sealed record ReceivedSpan(string TraceId, string SpanId, string ParentSpanId, string Name)
{
    /// <summary>OTLP's SpanKind: 1 internal, 2 server, 3 client.</summary>
    public int Kind { get; init; }

    /// <summary>String, bool, integer and double attributes as text.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    public override string ToString() => $"{Name} {TraceId}/{SpanId}<-{ParentSpanId}";
}
