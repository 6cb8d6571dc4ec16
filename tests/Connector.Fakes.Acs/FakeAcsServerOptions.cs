namespace Connector.Worker.Tests.Fakes.Acs;

/// <summary>How a <see cref="FakeAcsServer"/> behaves; the defaults are ACS's.</summary>
public sealed class FakeAcsServerOptions
{
    /// <summary>The resource's access key (base64), as in its connection string.</summary>
    public string AccessKey { get; init; } = Convert.ToBase64String("fake-acs-access-key-0123456789abcdef"u8);

    /// <summary>The server's clock: <c>x-ms-date</c> is checked against it.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>How far <c>x-ms-date</c> may be from the server's clock (ACS: 15 minutes).</summary>
    public TimeSpan AllowedClockSkew { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Also listen on https (self-signed): the official JS chat client refuses Bearer tokens over http.</summary>
    public bool EnableHttps { get; init; }

    /// <summary>Channel registrations that exist; empty accepts any GUID.</summary>
    public IReadOnlyCollection<string> WhatsAppChannelRegistrationIds { get; init; } = [];

    /// <summary>Chat messages per page when the caller names no <c>maxPageSize</c>.</summary>
    public int ChatMessagesPageSize { get; init; } = 100;

    /// <summary>How many status polls of an email operation answer Running before it ends.</summary>
    public int EmailRunningPolls { get; init; }

    /// <summary>How an email operation ends: Succeeded, or Failed (with an error).</summary>
    public string EmailOutcome { get; init; } = "Succeeded";

    /// <summary>The <c>retry-after</c> (seconds) sent while an email operation is not finished.</summary>
    public int EmailRetryAfterSeconds { get; init; } = 1;
}
