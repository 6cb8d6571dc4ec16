namespace Connector.Worker.Demo.Customers;

/// <summary>A simulated customer: how to reach them on each channel, and the language they write in.</summary>
internal sealed record DemoCustomer(string Name, string Phone, string Email, string Language)
{
    /// <summary>Their web chat visitor (ACS user and token), once they opened a chat.</summary>
    public ChatVisit? Chat { get; set; }
}

/// <summary>A web chat session as the widget holds it: the thread and the visitor's ACS token.</summary>
internal sealed record ChatVisit(string ThreadId, string UserId, string Token);
