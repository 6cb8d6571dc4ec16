using System.Net;

namespace Connector.Worker.Tests.Fakes.Acs;

/// <summary>A queued failure: the next request whose path contains <see cref="PathContains"/> gets it instead of an answer.</summary>
/// <param name="WithBody">False answers with only the <c>x-ms-error-code</c> header, as some gateways do.</param>
public sealed record FakeAcsFault(HttpStatusCode Status, string ErrorCode, TimeSpan? RetryAfter, string? PathContains, bool WithBody = true);
