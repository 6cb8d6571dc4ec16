namespace Connector.Worker.Crm;

/// <summary>An outbox row that can never succeed as written (a bad payload, a missing file): dead-lettered at once with this message.</summary>
public sealed class CrmWorkInvalidException : Exception
{
    public CrmWorkInvalidException()
    {
    }

    public CrmWorkInvalidException(string message)
        : base(message)
    {
    }

    public CrmWorkInvalidException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
