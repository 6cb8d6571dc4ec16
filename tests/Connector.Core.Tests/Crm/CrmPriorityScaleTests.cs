using Connector.Core.Crm;

namespace Connector.Core.Tests.Crm;

public sealed class CrmPriorityScaleTests
{
    [Theory]
    [InlineData(-100, CrmPriority.Low)]
    [InlineData(-1, CrmPriority.Low)]
    [InlineData(0, CrmPriority.Normal)]
    [InlineData(9, CrmPriority.Normal)]
    [InlineData(10, CrmPriority.High)]
    [InlineData(49, CrmPriority.High)]
    [InlineData(50, CrmPriority.Urgent)]
    [InlineData(250, CrmPriority.Urgent)]
    public void A_routing_priority_maps_to_the_crms_four_steps_at_0_10_and_50(int routing, CrmPriority expected) =>
        Assert.Equal(expected, CrmPriorityScale.FromRouting(routing));
}
