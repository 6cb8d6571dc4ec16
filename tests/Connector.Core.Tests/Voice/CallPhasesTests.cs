using Connector.Core.Voice;

namespace Connector.Core.Tests.Voice;

public sealed class CallPhasesTests
{
    [Theory]
    [InlineData(CallPhase.Answering, CallPhase.Consent, true)]
    [InlineData(CallPhase.Menu, CallPhase.Queued, true)]
    [InlineData(CallPhase.Queued, CallPhase.Ended, true)]
    [InlineData(CallPhase.Connecting, CallPhase.Queued, true)]
    [InlineData(CallPhase.Queued, CallPhase.Menu, false)]
    [InlineData(CallPhase.Connected, CallPhase.Consent, false)]
    [InlineData(CallPhase.Ended, CallPhase.Consent, false)]
    [InlineData(CallPhase.Ended, CallPhase.Ended, false)]
    public void A_call_only_moves_forward_except_back_to_the_queue_and_never_out_of_the_end(CallPhase from, CallPhase to, bool allowed) =>
        Assert.Equal(allowed, CallPhases.CanMove(from, to));
}
