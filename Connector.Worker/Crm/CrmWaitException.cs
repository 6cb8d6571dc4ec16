namespace Connector.Worker.Crm;

/// <summary>The work cannot go ahead yet for a reason that is not its fault (the CRM's limit, another job's lock): it waits until <see cref="Until"/> without using up an attempt.</summary>
public sealed class CrmWaitException : Exception
{
    public CrmWaitException(DateTimeOffset until, string message)
        : base(message)
    {
        Until = until;
    }

    public CrmWaitException()
        : this(DateTimeOffset.MinValue, "waiting")
    {
    }

    public CrmWaitException(string message)
        : this(DateTimeOffset.MinValue, message)
    {
    }

    public CrmWaitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DateTimeOffset Until { get; }
}
