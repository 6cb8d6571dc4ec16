using System.Threading.Channels;

namespace Connector.Worker.Demo.StandIn;

/// <summary>One message the Worker sent a customer through ACS: the channel, the customer's address on it, the text.</summary>
/// <param name="Address">WhatsApp: the number (E.164 with '+'); chat: the thread id; email: the customer's address.</param>
/// <param name="Subject">Email only: the reply's subject.</param>
internal sealed record CustomerBound(string Channel, string Address, string Text, string? Subject);

/// <summary>What the Worker sent to customers, in order, for the customer simulator to read (and answer now and then).</summary>
internal sealed class StandInOutbox
{
    private readonly Channel<CustomerBound> _messages = Channel.CreateBounded<CustomerBound>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });

    public ChannelReader<CustomerBound> Reader => _messages.Reader;

    public void Add(CustomerBound message) => _messages.Writer.TryWrite(message);
}
