namespace Connector.Worker.Tests.Fakes.Acs;

/// <summary>Inbound media the fake serves at <c>/messages/streams/{id}</c>.</summary>
public sealed record FakeAcsMedia(byte[] Content, string ContentType);
