namespace Connector.Fakes.Crm.Dynamics;

/// <summary>Dataverse's error answers, in its words (codes from the Web API documentation and observed answers).</summary>
public static class FakeDynamicsErrors
{
    public static FakeDynamicsResponse DoesNotExist(string table, Guid id) =>
        FakeDynamicsResponse.Error(404, "0x80040217", $"{table} With Id = {id:D} Does Not Exist");

    public static FakeDynamicsResponse AlreadyExists() =>
        FakeDynamicsResponse.Error(412, "0x80040237", "A record with matching key values already exists.");

    public static FakeDynamicsResponse DuplicateDetected() =>
        FakeDynamicsResponse.Error(412, "0x80040333", "A record was not created or updated because a duplicate of the current record already exists.");

    public static FakeDynamicsResponse NoSuchProperty(string table, string property) =>
        FakeDynamicsResponse.Error(400, "0x80060888", $"The property '{property}' does not exist on type 'Microsoft.Dynamics.CRM.{table}'. Make sure to only use property names that are defined by the type or mark the type as open type.");

    public static FakeDynamicsResponse NoSuchNavigation(string property) =>
        FakeDynamicsResponse.Error(400, "0x80060888", $"An undeclared property '{property}' which only has property annotations in the payload but no property value was found in the payload. In OData, only declared navigation properties and declared named streams can be represented as properties without values.");

    public static FakeDynamicsResponse TooLong(string table, string column, int length) =>
        FakeDynamicsResponse.Error(400, "0x80044331", $"A validation error occurred.  The length of the '{column}' attribute of the '{table}' entity exceeded the maximum allowed length of '{length}'.");

    public static FakeDynamicsResponse BadRequest(string message) => FakeDynamicsResponse.Error(400, "0x80040203", message);

    public static FakeDynamicsResponse QueryError(string message) => FakeDynamicsResponse.Error(400, "0x80060888", message);

    public static FakeDynamicsResponse ResourceNotFound(string segment) =>
        FakeDynamicsResponse.Error(404, "0x8006088a", $"Resource not found for the segment '{segment}'.");

    /// <summary>Service protection: the number of requests in the 5-minute window.</summary>
    public static FakeDynamicsResponse RequestLimit(int retryAfterSeconds) => FakeDynamicsResponse.Error(
        429, "0x80072322", "Number of requests exceeded the limit of 6000 over time window of 300 seconds.",
        new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public static FakeDynamicsResponse ConcurrencyLimit(int limit, int retryAfterSeconds) => FakeDynamicsResponse.Error(
        429, "0x80072326", $"Number of concurrent requests exceeded the limit of {limit}.",
        new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>A transient fault: what a deadlock or a SQL timeout looks like from outside.</summary>
    public static FakeDynamicsResponse GenericSqlError() => FakeDynamicsResponse.Error(500, "0x80044150", "Generic SQL error.");

    /// <summary>
    /// [unverified wording] The file is larger than the org's maximum upload size for notes.
    /// </summary>
    public static FakeDynamicsResponse AttachmentTooLarge() =>
        FakeDynamicsResponse.Error(400, "0x80043e09", "The attachment is either not a valid type or is too large. It cannot be uploaded or downloaded.");
}
