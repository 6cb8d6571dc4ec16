using Connector.Core.Channels;
using Connector.Core.Routing;
using Connector.Core.Routing.Engine;
using Connector.Core.Routing.Policy;
using static Connector.Core.Tests.Routing.RouterHarness;

namespace Connector.Core.Tests.Routing;

/// <summary>Items 1–8 of the routing issue, one readable scenario each.</summary>
public sealed class RoutingScenarioTests
{
    private static RoutingPolicy WithQueue(QueueDefinition queue, RoutingPolicy? policy = null)
    {
        policy ??= RoutingPolicy.Default();
        return policy with { Queues = new Dictionary<string, QueueDefinition>(policy.Queues) { [queue.Name] = queue } };
    }

    private static RoutingPolicy WithChannel(ChannelPolicy channel, RoutingPolicy? policy = null)
    {
        policy ??= RoutingPolicy.Default();
        return policy with { Channels = new Dictionary<Channel, ChannelPolicy>(policy.Channels) { [channel.Channel] = channel } };
    }

    // 1. Capacity -----------------------------------------------------------------------------------------

    [Fact]
    public void Voice_blocks_new_chats_while_the_call_lasts()
    {
        var r = new RouterHarness().Agent("ann");
        var call = r.Arrive(Channel.Voice);
        r.Accept(call);

        var chat = r.Arrive(Channel.Chat);

        Assert.Equal(RoutingTaskState.Queued, r.Task(chat).State);
        r.Complete(call);
        r.Advance(ChannelPolicy.Default(Channel.Voice).WrapUp);
        Assert.Equal("ann", r.AgentOf(chat));
    }

    [Fact]
    public void Two_chats_and_a_WhatsApp_thread_run_together_but_a_third_chat_waits()
    {
        var r = new RouterHarness().Agent("ann");
        var chats = new[] { r.Arrive(Channel.Chat), r.Arrive(Channel.Chat) };
        var whatsapp = r.Arrive(Channel.WhatsApp);
        var third = r.Arrive(Channel.Chat);

        Assert.All(chats.Append(whatsapp), t => Assert.Equal("ann", r.AgentOf(t)));
        Assert.Equal(RoutingTaskState.Queued, r.Task(third).State); // 35 + 35 + 25 + 35 > 100
        Assert.Equal(95, r.Engine.GetAgent("ann")!.UsedUnits);
    }

    [Fact]
    public void A_call_waits_for_an_agent_busy_on_chats_unless_voice_may_interrupt_that_channel()
    {
        var r = new RouterHarness().Agent("ann");
        r.Arrive(Channel.Email);
        var call = r.Arrive(Channel.Voice);
        Assert.Equal(RoutingTaskState.Queued, r.Task(call).State);

        var interrupting = CapacityProfile.Standard with
        {
            Name = "interruptible",
            MayInterrupt = new Dictionary<Channel, IReadOnlySet<Channel>> { [Channel.Voice] = new HashSet<Channel> { Channel.Email } },
        };
        var policy = RoutingPolicy.Default();
        policy = policy with { CapacityProfiles = new Dictionary<string, CapacityProfile>(policy.CapacityProfiles) { ["interruptible"] = interrupting } };
        var r2 = new RouterHarness(policy).Agent("bob", profile: "interruptible");
        r2.Arrive(Channel.Email);
        var call2 = r2.Arrive(Channel.Voice);
        Assert.Equal("bob", r2.AgentOf(call2));
    }

    [Fact]
    public void A_per_channel_maximum_caps_tasks_whatever_the_units_say()
    {
        var profile = CapacityProfile.Standard with { Name = "two-emails", MaxPerChannel = new Dictionary<Channel, int> { [Channel.Email] = 2 } };
        var policy = RoutingPolicy.Default() with { CapacityProfiles = new Dictionary<string, CapacityProfile> { ["two-emails"] = profile } };
        var r = new RouterHarness(policy).Agent("ann", profile: "two-emails");

        var emails = Enumerable.Range(0, 3).Select(_ => r.Arrive(Channel.Email)).ToList();

        Assert.Equal(2, emails.Count(e => r.AgentOf(e) == "ann"));
    }

    [Fact]
    public void Availability_is_per_channel_online_for_voice_away_for_email()
    {
        var r = new RouterHarness().Agent("ann", online: [Channel.Voice]);
        var email = r.Arrive(Channel.Email);
        var call = r.Arrive(Channel.Voice);

        Assert.Equal(RoutingTaskState.Queued, r.Task(email).State);
        Assert.Equal("ann", r.AgentOf(call));
    }

    [Fact]
    public void Wrap_up_time_holds_the_capacity_until_it_ends_or_the_agent_finishes_early()
    {
        var r = new RouterHarness().Agent("ann");
        var call = r.Arrive(Channel.Voice);
        r.Accept(call);
        r.Complete(call);
        var next = r.Arrive(Channel.Voice);
        Assert.Equal(RoutingTaskState.Queued, r.Task(next).State);

        Assert.True(r.Engine.EndWrapUp(call, r.Now));
        r.Route();
        Assert.Equal("ann", r.AgentOf(next));
    }

    [Fact]
    public void Changing_a_busy_agents_capacity_profile_gives_back_exactly_what_each_task_took()
    {
        var cheap = CapacityProfile.Standard with { Name = "cheap-chat", Cost = new Dictionary<Channel, int> { [Channel.Chat] = 25, [Channel.Voice] = 100 } };
        var policy = RoutingPolicy.Default();
        policy = policy with
        {
            CapacityProfiles = new Dictionary<string, CapacityProfile>(policy.CapacityProfiles) { ["cheap-chat"] = cheap },
            Channels = new Dictionary<Channel, ChannelPolicy>(policy.Channels) { [Channel.Chat] = ChannelPolicy.Default(Channel.Chat) with { WrapUp = TimeSpan.Zero } },
        };
        var r = new RouterHarness(policy).Agent("ann", online: [Channel.Chat, Channel.Voice]);
        var chat = r.Arrive(Channel.Chat);
        r.Accept(chat);

        r.Engine.UpsertAgent(new Agent("ann", "ann", "cheap-chat", new Dictionary<string, int>(), ["en"]), r.Now);
        r.Complete(chat);

        Assert.Equal(0, r.Engine.GetAgent("ann")!.UsedUnits);
        Assert.Equal("ann", r.AgentOf(r.Arrive(Channel.Voice)));
    }

    // 2. Eligibility --------------------------------------------------------------------------------------

    [Fact]
    public void Only_agents_with_the_skill_language_and_no_exclusion_get_the_work()
    {
        var policy = WithQueue(new QueueDefinition("billing", 1, SelectionMethod.LongestIdle, [new RoutingStep(RoutingStepKind.RequiredSkills, TimeSpan.Zero, 5)], Skills(("billing", 1))));
        var r = new RouterHarness(policy)
            .Agent("novice", skills: Skills(("billing", 3)))
            .Agent("french", skills: Skills(("billing", 9)), languages: ["fr"])
            .Agent("excluded", skills: Skills(("billing", 9)))
            .Agent("expert", skills: Skills(("billing", 8)));

        var task = r.Arrive(Channel.Chat, "billing", language: "en", excluded: ["excluded"]);

        Assert.Equal("expert", r.AgentOf(task));
    }

    // 3. Order --------------------------------------------------------------------------------------------

    [Fact]
    public void Queue_rank_goes_first_then_priority_then_age()
    {
        var policy = RoutingPolicy.Default();
        policy = WithQueue(QueueDefinition.Default("vip") with { Rank = 1 }, policy);
        var r = new RouterHarness(policy);
        var old = r.Arrive(Channel.Chat, arrivedAt: Start.AddSeconds(-50)); // within the chat SLA, so not boosted
        var urgent = r.Arrive(Channel.Chat, priority: 3);
        var vip = r.Arrive(Channel.Chat, "vip");

        r.Agent("ann", online: [Channel.Chat]);

        var offered = r.Events.OfType<OfferMade>().Select(e => e.TaskId).ToList();
        Assert.True(offered.Take(2).SequenceEqual([vip, urgent]), $"offers: {string.Join(", ", offered.Select(o => o == vip ? "vip" : o == urgent ? "urgent" : o == old ? "old" : "?"))}");
        Assert.Equal(RoutingTaskState.Queued, r.Task(old).State); // 35 × 2 + 35 > 100
    }

    [Fact]
    public void An_email_backlog_cannot_starve_it_ages_past_newer_higher_priority_work()
    {
        var r = new RouterHarness();
        // PriorityMinutes = 10: 30 minutes of waiting is worth 3 points.
        var oldEmail = r.Arrive(Channel.Chat, priority: 0, arrivedAt: Start.AddMinutes(-31));
        var newChat = r.Arrive(Channel.Chat, priority: 3);

        r.Agent("ann", online: [Channel.Chat]);

        Assert.Equal(oldEmail, r.Events.OfType<OfferMade>().First().TaskId);
        Assert.Equal("ann", r.AgentOf(newChat));
    }

    [Fact]
    public void Re_queued_work_keeps_its_original_age_and_async_work_ages_from_the_last_customer_message()
    {
        var r = new RouterHarness();
        var emailWrittenAgain = r.Arrive(Channel.Email, arrivedAt: Start.AddHours(-5), lastMessageAt: Start.AddMinutes(-1));
        var emailWaiting = r.Arrive(Channel.Email, arrivedAt: Start.AddHours(-1), lastMessageAt: Start.AddHours(-1));
        var requeued = r.Arrive(Channel.Chat, arrivedAt: Start.AddMinutes(-20));
        var fresh = r.Arrive(Channel.Chat);

        r.Agent("bob", online: [Channel.Chat]);
        r.Decline(requeued); // bob declines: it goes back with its age, and bob never sees it again
        r.Agent("ann", online: [Channel.Chat]);
        Assert.Equal("ann", r.AgentOf(requeued));
        Assert.Equal("bob", r.AgentOf(fresh));

        r.Agent("eve", online: [Channel.Email]);
        var firstEmail = r.Events.OfType<OfferMade>().First(e => e.AgentId == "eve").TaskId;
        Assert.Equal(emailWaiting, firstEmail);
        Assert.Equal("eve", r.AgentOf(emailWrittenAgain));
    }

    // 4. Steps --------------------------------------------------------------------------------------------

    private static RoutingPolicy Ladder() => WithQueue(new QueueDefinition("tech", 1, SelectionMethod.LongestIdle,
    [
        new RoutingStep(RoutingStepKind.PreferredAgent, TimeSpan.Zero, PreferenceExpiry: TimeSpan.FromDays(7)),
        new RoutingStep(RoutingStepKind.RequiredSkills, TimeSpan.FromSeconds(30), MinProficiency: 7),
        new RoutingStep(RoutingStepKind.RelaxedSkills, TimeSpan.FromMinutes(2)),
        new RoutingStep(RoutingStepKind.OverflowQueue, TimeSpan.FromMinutes(4), OverflowQueue: "general"),
        new RoutingStep(RoutingStepKind.AnyAgent, TimeSpan.FromMinutes(6)),
    ], Skills(("network", 1))), WithQueue(new QueueDefinition("general", 5, SelectionMethod.LongestIdle, [new RoutingStep(RoutingStepKind.RequiredSkills, TimeSpan.Zero)], Skills(("general", 1)))));

    [Fact]
    public void The_last_agent_gets_the_returning_customer_even_when_a_better_skilled_agent_is_free()
    {
        var r = new RouterHarness(Ladder())
            .Agent("expert", online: [Channel.Chat], skills: Skills(("network", 8)))
            .Agent("last", online: [Channel.Chat], skills: Skills(("network", 2)));

        var task = r.Arrive(Channel.Chat, "tech", preferred: "last", preferredSince: Start.AddDays(-1));

        Assert.Equal("last", r.AgentOf(task));
        Assert.Contains("PreferredAgent last", r.Decisions.Single(d => d.TaskId == task).Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_customer_who_writes_again_naming_another_last_agent_waits_for_that_agent_not_the_first()
    {
        var r = new RouterHarness(Ladder())
            .Agent("ann", online: [Channel.Voice, Channel.Chat], skills: Skills(("network", 8)))
            .Agent("bob", online: [Channel.Voice, Channel.Chat], skills: Skills(("network", 8)));
        var calls = new[] { r.Arrive(Channel.Voice, "voice"), r.Arrive(Channel.Voice, "voice") };
        Array.ForEach(calls, r.Accept);
        var callOf = calls.ToDictionary(c => r.AgentOf(c)!);

        var chat = r.Arrive(Channel.Chat, "tech", preferred: "ann", preferredSince: r.Now.AddHours(-1));
        r.Arrive(Channel.Chat, "tech", preferred: "bob", preferredSince: r.Now, id: chat);
        r.Complete(callOf["ann"]);
        Assert.True(r.Engine.EndWrapUp(callOf["ann"], r.Now));
        r.Route();

        Assert.Equal(RoutingTaskState.Queued, r.Task(chat).State); // ann is free, but the customer's last agent is now bob
        r.Complete(callOf["bob"]);
        Assert.True(r.Engine.EndWrapUp(callOf["bob"], r.Now));
        r.Route();
        Assert.Equal("bob", r.AgentOf(chat));
        Assert.Contains("PreferredAgent bob", r.Decisions.Last(d => d.TaskId == chat).Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_preferred_agent_who_is_offline_is_skipped_at_once()
    {
        var r = new RouterHarness(Ladder())
            .Agent("last", online: [])
            .Agent("expert", online: [Channel.Chat], skills: Skills(("network", 8)));

        var task = r.Arrive(Channel.Chat, "tech", preferred: "last", preferredSince: Start.AddDays(-1));

        Assert.Equal("expert", r.AgentOf(task));
        Assert.Contains("RequiredSkills", r.Decisions.Single(d => d.AgentId == "expert").Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_preference_is_ignored_and_a_busy_preferred_agent_is_waited_for_only_until_the_next_step()
    {
        var r = new RouterHarness(Ladder())
            .Agent("last", online: [Channel.Voice], skills: Skills(("network", 9)))
            .Agent("expert", online: [Channel.Voice], skills: Skills(("network", 8)));
        var busy = r.Arrive(Channel.Voice, "voice");
        Assert.Equal("last", r.AgentOf(busy));
        r.Accept(busy);

        var stale = r.Arrive(Channel.Voice, "tech", preferred: "expert", preferredSince: Start.AddDays(-30));
        Assert.Equal("expert", r.AgentOf(stale)); // preference expired: the skill step picked the same agent on merit

        r.Complete(stale);
        r.Advance(TimeSpan.FromMinutes(1));
        var waitsForLast = r.Arrive(Channel.Voice, "tech", preferred: "last", preferredSince: r.Now.AddHours(-1), arrivedAt: r.Now);
        Assert.Equal(RoutingTaskState.Queued, r.Task(waitsForLast).State);
        r.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("expert", r.AgentOf(waitsForLast));
    }

    [Fact]
    public void A_preference_that_lapses_while_the_task_waits_hands_it_to_the_next_step_at_once()
    {
        var policy = WithQueue(new QueueDefinition("vip", 1, SelectionMethod.LongestIdle,
        [
            new RoutingStep(RoutingStepKind.PreferredAgent, TimeSpan.Zero, PreferenceExpiry: TimeSpan.FromMinutes(1)),
            new RoutingStep(RoutingStepKind.AnyAgent, TimeSpan.FromMinutes(10)),
        ], Skills()));
        var r = new RouterHarness(policy).Agent("last", online: [Channel.Voice, Channel.Chat]).Agent("ann", online: [Channel.Chat]);
        var call = r.Arrive(Channel.Voice);
        r.Accept(call); // on a call: online for chat, but no room

        var task = r.Arrive(Channel.Chat, "vip", preferred: "last", preferredSince: r.Now.AddSeconds(-30));
        r.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(RoutingTaskState.Queued, r.Task(task).State); // still preferred: it waits for the last agent

        r.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal("ann", r.AgentOf(task)); // not at the 10-minute step: as soon as the preference lapsed
        Assert.Contains("AnyAgent", r.Decisions.Last(d => d.TaskId == task).Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Required_skills_relax_then_overflow_as_the_task_ages_while_the_skilled_agents_are_busy()
    {
        var r = new RouterHarness(Ladder())
            .Agent("junior", online: [Channel.Email], skills: Skills(("network", 2)))
            .Agent("expert", online: [Channel.Email], skills: Skills(("network", 9)), profile: "standard");
        var fill = Enumerable.Range(0, 20).Select(_ => r.Arrive(Channel.Email, "email")).ToList(); // both full: 10 emails each
        Assert.All(fill, f => Assert.NotNull(r.AgentOf(f)));
        fill.ForEach(r.Accept);
        var task = r.Arrive(Channel.Email, "tech");
        r.Complete(fill.First(f => r.AgentOf(f) == "junior"));
        r.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(RoutingTaskState.Queued, r.Task(task).State); // junior has room but is below 7; the expert is busy

        r.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("junior", r.AgentOf(task));
        Assert.Contains("RelaxedSkills", r.Decisions.Last(d => d.TaskId == task).Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Steps_nobody_online_could_serve_are_skipped_at_once_down_to_the_overflow_queue()
    {
        var r = new RouterHarness(Ladder())
            .Agent("generalist", online: [Channel.Email], skills: Skills(("general", 3)))
            .Agent("expert", online: [Channel.Voice], skills: Skills(("network", 9)));

        var task = r.Arrive(Channel.Email, "tech");

        Assert.Equal("generalist", r.AgentOf(task));
        Assert.Contains("OverflowQueue", r.Decisions.Single(d => d.TaskId == task).Rule, StringComparison.Ordinal);
    }

    // 5. Selection ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData(SelectionMethod.LongestIdle, "idle")]
    [InlineData(SelectionMethod.MostFreeCapacity, "free")]
    [InlineData(SelectionMethod.BestSkillMatch, "skilled")]
    public void Each_queue_selects_by_its_own_method(SelectionMethod method, string expected)
    {
        var policy = WithQueue(new QueueDefinition("q", 1, method, [new RoutingStep(RoutingStepKind.RequiredSkills, TimeSpan.Zero)], Skills(("s", 1))));
        var r = new RouterHarness(policy).Agent("idle", online: [Channel.Email], skills: Skills(("s", 2)));
        r.Advance(TimeSpan.FromSeconds(1));
        var first = r.Arrive(Channel.Email, "email");
        Assert.Equal("idle", r.AgentOf(first)); // idle: 90 free, idle since T+1s
        r.Accept(first);
        r.Advance(TimeSpan.FromMinutes(10));
        r.Agent("skilled", online: [Channel.Chat, Channel.Email], skills: Skills(("s", 10)));
        r.Advance(TimeSpan.FromSeconds(1));
        var second = r.Arrive(Channel.Chat, "chat");
        Assert.Equal("skilled", r.AgentOf(second)); // skilled: 65 free, idle since T+10m+2s
        r.Accept(second);
        r.Advance(TimeSpan.FromSeconds(1));
        r.Agent("free", online: [Channel.Email], skills: Skills(("s", 2))); // free: 100 free, idle since T+10m+3s

        var task = r.Arrive(Channel.Email, "q");

        Assert.Equal(expected, r.AgentOf(task));
    }

    // 6. Offers -------------------------------------------------------------------------------------------

    [Fact]
    public void A_declined_offer_goes_to_the_next_agent_and_never_back_to_the_decliner()
    {
        var r = new RouterHarness().Agent("ann", online: [Channel.Chat]).Agent("bob", online: [Channel.Chat]);
        var task = r.Arrive(Channel.Chat);
        var first = r.AgentOf(task)!;

        r.Decline(task);

        var second = r.AgentOf(task);
        Assert.NotEqual(first, second);
        r.Decline(task);
        Assert.Equal(RoutingTaskState.Queued, r.Task(task).State); // both declined: it waits, no ping-pong
        Assert.Equal(2, r.Events.OfType<OfferMade>().Count());
        r.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(2, r.Events.OfType<OfferMade>().Count());

        r.Agent("cat", online: [Channel.Chat]);
        Assert.Equal("cat", r.AgentOf(task));
    }

    [Fact]
    public void An_offer_times_out_to_the_next_agent_and_three_misses_in_a_row_set_the_agent_away()
    {
        var r = new RouterHarness().Agent("ann", online: [Channel.Chat]);
        var timeout = ChannelPolicy.Default(Channel.Chat).OfferTimeout;
        for (var i = 0; i < 3; i++)
        {
            var task = r.Arrive(Channel.Chat);
            Assert.Equal("ann", r.AgentOf(task));
            r.Advance(timeout);
            Assert.Equal(RoutingTaskState.Queued, r.Task(task).State);
        }

        Assert.Contains(r.Events, e => e is AgentSetAway { AgentId: "ann", MissedOffers: 3 });
        Assert.Empty(r.Engine.GetAgent("ann")!.Available);
        r.Agent("bob", online: [Channel.Chat]);
        Assert.Equal(2, r.Engine.GetAgent("bob")!.Holding.Count);
    }

    [Fact]
    public void Auto_accept_assigns_on_the_server_without_the_agent_clicking()
    {
        var policy = WithChannel(ChannelPolicy.Default(Channel.Email) with { AutoAccept = true });
        var r = new RouterHarness(policy).Agent("ann", online: [Channel.Email]);

        var task = r.Arrive(Channel.Email);

        Assert.Equal(RoutingTaskState.Assigned, r.Task(task).State);
        Assert.Contains(r.Events, e => e is TaskAssigned { AutoAccepted: true });
    }

    // 7. Presence -----------------------------------------------------------------------------------------

    [Fact]
    public void Work_held_by_an_agent_who_goes_offline_is_rerouted_after_the_grace_period_unless_they_return()
    {
        var r = new RouterHarness().Agent("ann", online: [Channel.Chat]).Agent("bob", online: [Channel.Voice]);
        var chat = r.Arrive(Channel.Chat);
        r.Accept(chat);

        r.Online("ann");
        r.Advance(TimeSpan.FromSeconds(30));
        r.Online("ann", Channel.Chat); // a reconnect within the grace period
        r.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("ann", r.AgentOf(chat));

        r.Online("ann");
        r.Online("bob", Channel.Chat);
        r.Advance(RoutingPolicy.Default().OfflineGrace);
        Assert.Equal("bob", r.AgentOf(chat));
        Assert.Contains(r.Events, e => e is TaskRequeued { FromAgentId: "ann" });
    }

    [Fact]
    public void An_agent_coming_online_sweeps_the_backlog_up_to_their_capacity()
    {
        var r = new RouterHarness();
        var backlog = Enumerable.Range(0, 5).Select(i => r.Arrive(Channel.Email, arrivedAt: Start.AddMinutes(-i))).ToList();

        r.Agent("ann", online: [Channel.Email]);

        Assert.All(backlog, t => Assert.Equal("ann", r.AgentOf(t)));
        Assert.Equal(50, r.Engine.GetAgent("ann")!.UsedUnits);
    }

    // 8. SLA ----------------------------------------------------------------------------------------------

    [Fact]
    public void An_SLA_breach_raises_priority_and_tells_supervisors()
    {
        var r = new RouterHarness();
        var call = r.Arrive(Channel.Voice);
        var target = ChannelPolicy.Default(Channel.Voice).AnswerWithin!.Value;

        r.Advance(target);

        var breach = Assert.Single(r.Events.OfType<SlaBreached>());
        Assert.Equal(call, breach.TaskId);
        Assert.Equal(target, breach.Target);
        Assert.Equal(ChannelPolicy.Default(Channel.Voice).SlaBreachPriorityBoost, r.Task(call).Priority);
        Assert.True(r.Task(call).SlaBreached);
    }

    [Fact]
    public void A_chat_nobody_writes_to_within_the_first_response_target_breaches_and_one_answered_in_time_does_not()
    {
        var r = new RouterHarness().Agent("ann", online: [Channel.Chat]).Agent("bob", online: [Channel.Chat]);
        var silent = r.Arrive(Channel.Chat);
        var answered = r.Arrive(Channel.Chat);
        r.Accept(silent);
        r.Accept(answered);
        // Carried over from the store by a rebuilt router: already answered, so never timed again.
        var answeredBeforeATakeOver = Guid.NewGuid();
        r.Engine.Enqueue(new WorkItem(answeredBeforeATakeOver, Channel.Chat, "chat", 0, new Dictionary<string, int>(), null, Guid.NewGuid(), r.Now,
            Sla: new SlaProgress(AnswerBreached: false, FirstResponseBreached: false, Responded: true)), r.Now);

        r.Advance(TimeSpan.FromMinutes(1));
        Assert.True(r.Engine.RecordResponse(answered));
        var target = ChannelPolicy.Default(Channel.Chat).FirstResponseWithin!.Value;
        r.Advance(target);

        var breach = Assert.Single(r.Events.OfType<SlaBreached>(), b => b.Kind == SlaKind.FirstResponse);
        Assert.Equal((silent, target), (breach.TaskId, breach.Target));
        Assert.True(r.Task(silent).FirstResponseBreached);
        Assert.Equal(ChannelPolicy.Default(Channel.Chat).SlaBreachPriorityBoost, r.Task(silent).Priority);
        Assert.False(r.Task(answered).FirstResponseBreached);
        Assert.False(r.Task(answeredBeforeATakeOver).FirstResponseBreached);
        Assert.False(r.Engine.RecordResponse(Guid.NewGuid()));
    }

    // 9. Explanations -------------------------------------------------------------------------------------

    [Fact]
    public void Every_offer_is_explained_with_its_rule_score_and_candidates()
    {
        var policy = WithQueue(new QueueDefinition("billing", 1, SelectionMethod.LongestIdle, [new RoutingStep(RoutingStepKind.RequiredSkills, TimeSpan.Zero, 5)], Skills(("billing", 1))));
        var r = new RouterHarness(policy).Agent("novice", skills: Skills(("billing", 2))).Agent("expert", skills: Skills(("billing", 6)));

        var task = r.Arrive(Channel.Chat, "billing");

        var decision = Assert.Single(r.Decisions, d => d.TaskId == task);
        Assert.Equal("expert", decision.AgentId);
        Assert.Equal("offered", decision.Outcome);
        Assert.Contains("billing>=5", decision.Rule, StringComparison.Ordinal);
        Assert.Contains(decision.Candidates, c => c.AgentId == "novice" && !c.Eligible && c.Reason.Contains("billing 2 < 5", StringComparison.Ordinal));
        Assert.Contains(decision.Candidates, c => c.AgentId == "expert" && c.Eligible);
    }
}
