using Connector.Core.Voice;

namespace Connector.Core.Tests.Voice;

public sealed class TranscriptAssemblerTests
{
    [Fact]
    public void Phrases_are_ordered_by_time_labelled_by_speaker_and_a_repeat_is_kept_once()
    {
        var caller = "4:+447700900123";
        var agent = "8:acs:resource_agent";
        var text = TranscriptAssembler.Assemble(
            [
                new TranscriptFragment(TimeSpan.FromSeconds(65), agent, "Let me check. "),
                new TranscriptFragment(TimeSpan.FromSeconds(3), caller, "Hello."),
                new TranscriptFragment(TimeSpan.FromSeconds(65), agent, "Let me check. "),
                new TranscriptFragment(TimeSpan.FromSeconds(70), "8:acs:resource_other", "Hi, supervisor here."),
            ],
            new Dictionary<string, string> { [caller] = "Caller", [agent] = "Agent (ana)" });

        Assert.Equal("[00:00:03] Caller: Hello.\n[00:01:05] Agent (ana): Let me check.\n[00:01:10] Participant 1: Hi, supervisor here.\n", text);
    }
}
