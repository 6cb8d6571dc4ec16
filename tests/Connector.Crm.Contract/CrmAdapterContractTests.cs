using System.Text;
using Connector.Core.Channels;
using Connector.Core.Crm;
using static Connector.Crm.Contract.CrmContractData;

namespace Connector.Crm.Contract;

/// <summary>
/// What every CRM adapter must do, against its own fake. A CRM's test project derives a class and says how to start
/// its fake and build its adapter; every test here then runs for that CRM.
/// </summary>
public abstract class CrmAdapterContractTests : IAsyncLifetime
{
    private IAsyncDisposable? _lifetime;

    protected ICrmFake Fake { get; private set; } = null!;

    protected CrmAdapterUnderTest Adapter { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// The Worker's own settings every adapter is built with, and the only region setting: the contract's numbers
    /// stored without a country code are British, and an adapter reads them in <c>Identity:DefaultRegion</c> unless
    /// its own region setting says otherwise (which the contract leaves unset).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> WorkerSettings { get; } = new Dictionary<string, string?>
    {
        ["Identity:DefaultRegion"] = "GB",
    };

    /// <summary>
    /// Starts the CRM's fake and builds the adapter against it as the Worker does (the Worker's sections with
    /// <paramref name="workerSettings"/>, then its <c>Add{Crm}Adapter</c>); the lifetime stops both.
    /// </summary>
    protected abstract Task<(ICrmFake Fake, CrmAdapterUnderTest Adapter, IAsyncDisposable Lifetime)> StartAsync(
        IReadOnlyDictionary<string, string?> workerSettings, CancellationToken ct);

    public async ValueTask InitializeAsync()
    {
        (Fake, Adapter, _lifetime) = await StartAsync(WorkerSettings, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_lifetime is not null)
        {
            await _lifetime.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData("(020) 7946 0958")]
    [InlineData("+44 20 7946 0958")]
    [InlineData("020-7946-0958")]
    public async Task An_E164_caller_is_found_whatever_the_format_the_CRM_stored_the_number_in(string stored)
    {
        var id = Fake.SeedContact("Ada", "Lovelace", stored, null);
        Fake.SeedContact("Someone", "Else", "(020) 7946 0959", null);

        var resolution = await Adapter.Contacts.ResolveAsync(Query("Ada Lovelace", create: true, Phone("+442079460958")), Ct);

        Assert.Equal(CrmContactResolutionKind.Found, resolution.Kind);
        Assert.Equal(id, resolution.Contact!.RecordId);
        Assert.Equal(2, Fake.Contacts().Count);
    }

    [Fact]
    public async Task A_number_stored_without_a_country_code_is_read_in_Identity_DefaultRegion_so_a_WhatsApp_sender_matches_it()
    {
        var id = Fake.SeedContact("Ada", "Byron", "07700 900222", null);

        var resolution = await Adapter.Contacts.ResolveAsync(Query("Ada Byron", create: true, WhatsApp("447700900222")), Ct);

        Assert.Equal(CrmContactResolutionKind.Found, resolution.Kind);
        Assert.Equal(id, resolution.Contact!.RecordId);
        Assert.Single(Fake.Contacts());
    }

    [Fact]
    public async Task A_customer_is_found_by_email_whatever_its_case()
    {
        var id = Fake.SeedContact("Grace", "Hopper", null, "Grace.Hopper@Example.com");

        var resolution = await Adapter.Contacts.ResolveAsync(Query(null, create: true, Email("grace.hopper@example.com")), Ct);

        Assert.Equal(CrmContactResolutionKind.Found, resolution.Kind);
        Assert.Equal(id, resolution.Contact!.RecordId);
    }

    [Fact]
    public async Task Several_matches_are_returned_as_candidates_for_the_agent_and_nothing_is_created()
    {
        var first = Fake.SeedContact("Alan", "Turing", "(020) 7946 0958", null);
        var second = Fake.SeedContact("Alan", "Turing (home)", "+44 20 7946 0958", null);

        var resolution = await Adapter.Contacts.ResolveAsync(Query("Alan Turing", create: true, Phone("+442079460958")), Ct);

        Assert.Equal(CrmContactResolutionKind.Ambiguous, resolution.Kind);
        Assert.Null(resolution.Contact);
        Assert.Equal(new[] { first, second }.Order(), resolution.Candidates.Select(c => c.RecordId).Order());
        Assert.Equal(2, Fake.Contacts().Count);
    }

    [Fact]
    public async Task A_missing_customer_is_created_once_and_found_the_next_time()
    {
        var query = Query("Katherine Johnson", create: true, Phone("+442079460111"), Email("kj@example.com"));

        var created = await Adapter.Contacts.ResolveAsync(query, Ct);
        var again = await Adapter.Contacts.ResolveAsync(query, Ct);

        Assert.Equal(CrmContactResolutionKind.Created, created.Kind);
        Assert.Equal(CrmContactResolutionKind.Found, again.Kind);
        Assert.Equal(created.Contact!.RecordId, again.Contact!.RecordId);
        var contact = Assert.Single(Fake.Contacts());
        Assert.Equal("kj@example.com", contact.Email);
        Assert.Contains("Johnson", contact.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_customer_is_not_created_when_creating_is_not_allowed()
    {
        var resolution = await Adapter.Contacts.ResolveAsync(Query(null, create: false, Phone("+442079460222")), Ct);

        Assert.Equal(CrmContactResolutionKind.NotFound, resolution.Kind);
        Assert.Empty(Fake.Contacts());
    }

    [Fact]
    public async Task Many_customers_are_resolved_together_each_to_its_own_record()
    {
        var known = Fake.SeedContact("Mary", "Jackson", "(020) 7946 0333", null);
        var queries = new[]
        {
            Query("Mary Jackson", create: true, Phone("+442079460333")),
            Query("Dorothy Vaughan", create: true, Email("dv@example.com")),
            Query("Nobody", create: false, Phone("+442079460444")),
        };

        var resolutions = await Adapter.Contacts.ResolveManyAsync(queries, Ct);

        Assert.Equal([CrmContactResolutionKind.Found, CrmContactResolutionKind.Created, CrmContactResolutionKind.NotFound], resolutions.Select(r => r.Kind));
        Assert.Equal(known, resolutions[0].Contact!.RecordId);
        Assert.Equal(2, Fake.Contacts().Count);
    }

    [Theory]
    [InlineData(Channel.Voice)]
    [InlineData(Channel.Chat)]
    [InlineData(Channel.WhatsApp)]
    [InlineData(Channel.Email)]
    public async Task Each_channel_is_logged_as_the_CRMs_native_activity_with_who_what_and_how_long(Channel channel)
    {
        var contact = await SeededContactAsync();

        var written = await Adapter.Activities.WriteActivityAsync(Activity(contact, channel, "conv-1", Fake.AgentUserId), Ct);

        var activity = Assert.Single(Fake.Activities());
        Assert.Equal(written.RecordId, activity.Id);
        Assert.Equal(ChannelNames(channel), activity.Channel);
        Assert.Equal(contact.RecordId, activity.ContactId);
        Assert.Equal($"{channel} from the customer", activity.Subject);
        Assert.Contains("delivery date", activity.Body, StringComparison.Ordinal);
        Assert.Equal("in", activity.Direction);
        if (channel == Channel.Voice)
        {
            Assert.Equal(184, activity.DurationSeconds);
            Assert.Equal("Resolved", activity.Disposition);
            Assert.Equal(Fake.AgentUserId, activity.OwnerId);
        }
    }

    [Fact]
    public async Task A_transcript_and_a_recording_are_attached_to_the_activity_byte_for_byte()
    {
        var contact = await SeededContactAsync();
        var call = await Adapter.Activities.WriteActivityAsync(Activity(contact, Channel.Voice, "conv-2", Fake.AgentUserId), Ct);
        var audio = Audio(64 * 1024, 7);

        await Adapter.Attachments.AttachAsync(Transcript("conv-2", call, "Agent: hello\nCustomer: hi"), Ct);
        await Adapter.Attachments.AttachAsync(Recording("conv-2", call, audio), Ct);

        var files = Fake.Files();
        Assert.Equal(2, files.Count);
        Assert.All(files, f => Assert.Equal(call.RecordId, f.ParentId));
        Assert.Equal("Agent: hello\nCustomer: hi", Encoding.UTF8.GetString(files.Single(f => f.FileName.EndsWith(".txt", StringComparison.Ordinal)).Content));
        Assert.Equal(audio, files.Single(f => f.FileName.EndsWith(".wav", StringComparison.Ordinal)).Content);
    }

    [Fact]
    public async Task Card_numbers_in_a_transcript_are_redacted_before_they_reach_the_CRM()
    {
        var contact = await SeededContactAsync();
        var call = await Adapter.Activities.WriteActivityAsync(Activity(contact, Channel.Voice, "conv-9", Fake.AgentUserId), Ct);

        await Adapter.Attachments.AttachAsync(Transcript("conv-9", call, "Customer: my card is 4111 1111 1111 1111"), Ct);

        var text = Encoding.UTF8.GetString(Assert.Single(Fake.Files()).Content);
        Assert.DoesNotContain("4111", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_is_created_for_the_contact_then_updated_in_place()
    {
        var contact = await SeededContactAsync();

        var created = await Adapter.Cases.UpsertCaseAsync(Case("conv-3", contact), Ct);
        var updated = await Adapter.Cases.UpsertCaseAsync(Case("conv-3", contact, existing: created, status: "Closed"), Ct);

        Assert.Equal(created, updated);
        var stored = Assert.Single(Fake.Cases());
        Assert.Equal(contact.RecordId, stored.ContactId);
        Assert.Equal("Closed", stored.Status);
    }

    [Fact]
    public async Task The_same_work_replayed_writes_no_duplicates()
    {
        var contact = await SeededContactAsync();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            foreach (var channel in Enum.GetValues<Channel>())
            {
                await Adapter.Activities.WriteActivityAsync(Activity(contact, channel, "conv-4", Fake.AgentUserId), Ct);
            }

            var caseRecord = await Adapter.Cases.UpsertCaseAsync(Case("conv-4", contact), Ct);
            var call = await Adapter.Activities.WriteActivityAsync(Activity(contact, Channel.Voice, "conv-4", Fake.AgentUserId), Ct);
            await Adapter.Attachments.AttachAsync(Recording("conv-4", call, Audio(1024, 1)), Ct);
            await Adapter.Interactions.WriteInteractionAsync(Interaction("conv-5", contact, Fake.AgentUserId), Ct);
            Assert.NotNull(caseRecord);
        }

        Assert.Equal(5, Fake.Activities().Count);
        Assert.Equal(2, Fake.Cases().Count);
        Assert.Equal(3, Fake.Files().Count);
    }

    [Fact]
    public async Task A_whole_interaction_is_logged_with_its_case_transcript_and_recording_linked()
    {
        var contact = await SeededContactAsync();

        var result = await Adapter.Interactions.WriteInteractionAsync(Interaction("conv-6", contact, Fake.AgentUserId), Ct);

        var activity = Assert.Single(Fake.Activities());
        var crmCase = Assert.Single(Fake.Cases());
        Assert.Equal(crmCase.Id, activity.CaseId);
        Assert.All(Fake.Files(), f => Assert.Equal(activity.Id, f.ParentId));
        Assert.Equal(2, Fake.Files().Count);
        Assert.Equal(activity.Id, result.Written["conv-6:voice"].RecordId);
        Assert.Equal(crmCase.Id, result.Written["conv-6:case"].RecordId);
        Assert.Equal(4, result.Written.Count);
    }

    [Fact]
    public async Task A_limit_storm_is_retried_as_a_job_would_and_nothing_is_lost_or_doubled()
    {
        var contact = await SeededContactAsync();
        Fake.ThrottleNext(3);

        var attempts = 0;
        var failures = new List<CrmRequestFailedException>();
        CrmInteractionResult? result = null;
        while (result is null && attempts++ < 10)
        {
            try
            {
                result = await Adapter.Interactions.WriteInteractionAsync(Interaction("conv-7", contact, Fake.AgentUserId), Ct);
            }
            catch (CrmRequestFailedException failure) when (failure.Transient)
            {
                failures.Add(failure);
            }
        }

        Assert.NotNull(result);
        Assert.NotEmpty(failures);
        Assert.All(failures, f => Assert.True(f.Throttled, f.Message));
        Assert.Single(Fake.Activities());
        Assert.Single(Fake.Cases());
        Assert.Equal(2, Fake.Files().Count);
    }

    [Fact]
    public async Task An_expired_session_is_renewed_once_and_the_call_then_succeeds()
    {
        var contact = await SeededContactAsync();
        var signInsBefore = Fake.TokenRequests;
        Fake.ExpireSessions();

        await Adapter.Activities.WriteActivityAsync(Activity(contact, Channel.Chat, "conv-8", Fake.AgentUserId), Ct);

        Assert.Equal(signInsBefore + 1, Fake.TokenRequests);
        Assert.Single(Fake.Activities());
    }

    [Fact]
    public async Task One_failing_record_in_a_batch_loses_none_of_the_others_and_is_retried_alone()
    {
        var contact = await SeededContactAsync();
        var interactions = Enumerable.Range(0, 4).Select(i => Interaction($"batch-{i}", contact, Fake.AgentUserId)).ToList();
        Fake.FailBatchSubrequestOnce("batch-2:voice");

        var outcomes = await Adapter.Interactions.WriteInteractionsAsync(interactions, Ct);

        Assert.All(outcomes, o => Assert.True(o.IsSuccess, o.Failure?.Message));
        Assert.Equal(4, Fake.Activities().Count);
        Assert.Equal(4, Fake.Cases().Count);
        Assert.Equal(8, Fake.Files().Count);
        var batches = Fake.BatchedKeys();
        Assert.Contains("batch-0:voice", batches[0]);
        Assert.Contains("batch-3:voice", batches[0]);
        var retry = batches[^1];
        Assert.Contains("batch-2:voice", retry);
        Assert.All(retry, key => Assert.StartsWith("batch-2:", key, StringComparison.Ordinal));
    }

    [Fact]
    public void The_adapter_names_the_CRM_its_records_are_linked_under()
    {
        Assert.False(string.IsNullOrWhiteSpace(Adapter.Descriptor.Crm));
    }

    /// <summary>A contact found through the adapter (so the adapter has signed in, as in production).</summary>
    protected async Task<CrmRecord> SeededContactAsync()
    {
        Fake.SeedContact("Joan", "Clarke", "+44 20 7946 0777", "joan@example.com");
        var resolution = await Adapter.Contacts.ResolveAsync(Query("Joan Clarke", create: false, Email("joan@example.com")), Ct);
        return resolution.Contact ?? throw new InvalidOperationException($"The seeded contact was not found: {resolution.Kind}.");
    }

    private static string ChannelNames(Channel channel) => channel switch
    {
        Channel.Voice => "voice",
        Channel.Chat => "chat",
        Channel.WhatsApp => "whatsapp",
        _ => "email",
    };
}
