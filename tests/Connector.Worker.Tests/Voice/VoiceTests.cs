namespace Connector.Worker.Tests.Voice;

/// <summary>The voice tests share one Worker and fake ACS (a Worker start is the slow part); they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class VoiceTests : ICollectionFixture<VoiceRig>
{
    public const string Name = "voice";
}
