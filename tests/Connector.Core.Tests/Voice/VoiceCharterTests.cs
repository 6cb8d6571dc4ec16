using Connector.Core.Voice;
using static Connector.Core.Tests.Charter.CharterAssert;

namespace Connector.Core.Tests.Voice;

public sealed class VoiceCharterTests
{
    private const string Journeys = """
        journeys:
          billing:
            preferredChannels: [voice]
            queue: voice
          technical:
            preferredChannels: [voice]
            queue: voice

        """;

    [Fact]
    public void A_charter_without_a_voice_section_announces_nothing_records_nothing_and_has_no_menu()
    {
        var voice = Valid(Journeys).Voice;

        Assert.Same(VoicePolicy.Default, voice);
        Assert.Null(voice.Ivr);
        Assert.False(voice.Consent.For("GB").Record);
    }

    [Fact]
    public void The_voice_section_gives_consent_per_region_the_menu_the_queue_audio_and_the_retention()
    {
        var voice = Valid(Journeys + """
            voice:
              consent:
                announcement: This call is recorded. Press 9 to opt out.
                record: true
                optOutDigit: "9"
                regions:
                  DE:
                    announcement: Dieses Gespräch wird nicht aufgezeichnet.
                    record: false
              ivr:
                prompt: For billing press 1, for technical support press 2.
                options:
                  "1": billing
                  "2": technical
                timeout: 4s
                attempts: 3
                fallback: technical
              queue:
                announcement: Please hold.
                musicOnHold: https://media.example.test/hold.mp3
              recording:
                retention: 30d
            """).Voice;

        Assert.Equal(new ConsentTerms("This call is recorded. Press 9 to opt out.", true, '9'), voice.Consent.For("GB"));
        Assert.Equal(new ConsentTerms("Dieses Gespräch wird nicht aufgezeichnet.", false, '9'), voice.Consent.For("de"));
        Assert.Equal(voice.Consent.Default, voice.Consent.For(null));
        var menu = Assert.IsType<IvrMenu>(voice.Ivr);
        Assert.Equal("billing", menu.Options['1']);
        Assert.Equal((TimeSpan.FromSeconds(4), 3, "technical"), (menu.Timeout, menu.Attempts, menu.Fallback));
        Assert.Equal(["Please hold.", "https://media.example.test/hold.mp3"], voice.Queue.Sources);
        Assert.Equal(TimeSpan.FromDays(30), voice.RecordingRetention);
    }

    [Fact]
    public void The_sample_charter_documents_a_voice_section_that_reads()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Connector.Worker", "charter.sample.yaml")))
        {
            directory = directory.Parent;
        }

        var voice = Connector.Core.Charter.CharterLoader.Load(Path.Combine(directory!.FullName, "Connector.Worker", "charter.sample.yaml")).Voice;

        Assert.True(voice.Consent.For("GB").Record);
        Assert.False(voice.Consent.For("DE").Record);
        Assert.Equal("technical", voice.Ivr!.Options['2']);
    }

    [Fact]
    public void A_menu_key_naming_an_unknown_journey_is_named_with_file_line_and_field()
    {
        SingleError(Journeys + """
            voice:
              ivr:
                prompt: Press 1.
                options:
                  "1": biling
            """, 12, "voice.ivr.options.1", "unknown journey 'biling'; did you mean billing?");
    }

    [Theory]
    [InlineData("    optOutDigit: \"99\"", "voice.consent.optOutDigit", "must be one key")]
    [InlineData("    record: maybe", "voice.consent.record", "must be true or false")]
    [InlineData("    regions:\n      germany:\n        record: false", "voice.consent.regions.germany", "two-letter ISO code")]
    [InlineData("    annoucement: hello", "voice.consent.annoucement", "did you mean announcement?")]
    public void A_wrong_consent_field_is_named_with_its_line_and_field(string line, string field, string message)
    {
        var yaml = Journeys + "voice:\n  consent:\n" + line + "\n";
        var exception = Invalid(yaml);

        var error = Assert.Single(exception.Errors);
        Assert.Equal(field, error.Field);
        Assert.Equal(field.EndsWith("germany", StringComparison.Ordinal) ? 11 : 10, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_menu_without_prompt_or_options_and_music_that_is_not_a_url_are_all_reported_at_once()
    {
        var exception = Invalid(Journeys + """
            voice:
              ivr:
                timeout: 0s
                attempts: 9
              queue:
                musicOnHold: hold.mp3
            """);

        Assert.Equal(
            ["voice.ivr.attempts", "voice.ivr.options", "voice.ivr.prompt", "voice.ivr.timeout", "voice.queue.musicOnHold"],
            exception.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }
}
