using Connector.Core.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connector.Core.Tests.Configuration;

/// <summary>How every options section is bound and checked: values that cannot become their type are named with the form they need.</summary>
public sealed class ValidatedOptionsTests
{
    [Fact]
    public void Values_that_convert_are_bound_nested_sections_and_lists_included()
    {
        var options = Resolve(new()
        {
            ["Sample:Window"] = "00:00:30",
            ["Sample:Count"] = "7",
            ["Sample:Mode"] = "loud",
            ["Sample:Inner:Enabled"] = "true",
            ["Sample:Delays:0"] = "00:00:01",
            ["Sample:Limits:chat"] = "3",
        });

        Assert.Equal(TimeSpan.FromSeconds(30), options.Window);
        Assert.Equal(7, options.Count);
        Assert.Equal(SampleMode.Loud, options.Mode);
        Assert.True(options.Inner.Enabled);
        Assert.Equal([TimeSpan.FromSeconds(1)], options.Delays);
        Assert.Equal(3, options.Limits["chat"]);
    }

    [Fact]
    public void Every_value_that_cannot_become_its_type_is_named_with_its_key_and_the_form_it_needs()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Resolve(new()
        {
            ["Sample:Window"] = "three days",
            ["Sample:Count"] = "many",
            ["Sample:Mode"] = "quiet",
            ["Sample:Inner:Enabled"] = "yes please",
            ["Sample:Delays:0"] = "soon",
            ["Sample:Limits:chat"] = "lots",
        }));

        Assert.Equal(
        [
            "Sample:Window: 'three days' is not a time span; write it as d.hh:mm:ss, e.g. 3.00:00:00 for 72 hours or 00:00:30 for 30 seconds.",
            "Sample:Count: 'many' is not a whole number.",
            "Sample:Mode: 'quiet' is not one of Soft, Loud.",
            "Sample:Inner:Enabled: 'yes please' is not true or false.",
            "Sample:Delays:0: 'soon' is not a time span; write it as d.hh:mm:ss, e.g. 3.00:00:00 for 72 hours or 00:00:30 for 30 seconds.",
            "Sample:Limits:chat: 'lots' is not a whole number.",
        ], failure.Failures);
    }

    [Fact]
    public void The_sections_own_validator_runs_too()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Sample:Count"] = "-1" }));

        Assert.Equal(["Sample:Count must not be negative."], failure.Failures);
    }

    private static SampleOptions Resolve(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddValidatedOptions<SampleOptions, SampleValidator>(configuration, "Sample");
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<SampleOptions>>().Value;
    }

    public enum SampleMode
    {
        Soft,
        Loud,
    }

    public sealed class SampleOptions
    {
        public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
        public int Count { get; set; }
        public SampleMode Mode { get; set; }
        public InnerOptions Inner { get; set; } = new();
        public List<TimeSpan> Delays { get; set; } = [];
        public Dictionary<string, int> Limits { get; set; } = [];
    }

    public sealed class InnerOptions
    {
        public bool Enabled { get; set; }
    }

    private sealed class SampleValidator : IValidateOptions<SampleOptions>
    {
        public ValidateOptionsResult Validate(string? name, SampleOptions options) =>
            options.Count < 0 ? ValidateOptionsResult.Fail("Sample:Count must not be negative.") : ValidateOptionsResult.Success;
    }
}
