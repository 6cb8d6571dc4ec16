namespace Connector.Worker.Simulation;

/// <summary>Counts for one channel over the tasks that arrived after the warm-up.</summary>
internal sealed class ChannelTally(ChannelLoad load)
{
    public ChannelLoad Load { get; } = load;
    public int Offered { get; set; }
    public int Handled { get; set; }
    public int Abandoned { get; set; }
    public int AnsweredWithinSla { get; set; }
    public double TotalSecondsToAnswer { get; set; }
}
