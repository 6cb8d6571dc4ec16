namespace Connector.Core.Storage;

/// <summary>
/// Another transaction won a race (a unique key, a serialization failure, a deadlock); the caller may retry
/// the whole unit of work.
/// </summary>
public sealed class StoreConcurrencyException(string message, Exception inner) : Exception(message, inner);
