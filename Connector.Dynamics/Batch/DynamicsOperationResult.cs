using Connector.Core.Crm;
using Connector.Dynamics.Wire;

namespace Connector.Dynamics.Batch;

/// <summary>The answer to one request, alone or inside a <c>$batch</c>.</summary>
internal sealed record DynamicsOperationResult(int Status, string Body, string? RetryAfter)
{
    public DynamicsError? Error => Status >= 400 ? DynamicsErrors.Parse(Body) : null;

    /// <summary>
    /// Written, or (for a create-only) written before: a 412 that is not duplicate detection means the deterministic
    /// id already exists, which is what a replay should find.
    /// </summary>
    public bool Succeeded(DynamicsOperation operation) =>
        Status is >= 200 and < 300
        || (operation.Mode == DynamicsWriteMode.CreateOnly && Status == 412 && Error?.Code != DynamicsErrors.DuplicateDetected);

    public bool AlreadyExisted(DynamicsOperation operation) => operation.Mode == DynamicsWriteMode.CreateOnly && Status == 412 && Succeeded(operation);

    public CrmRequestFailedException Failure(DynamicsOperation operation) =>
        DynamicsErrors.ToException(Status, Error, RetryAfter, $"{operation.Kind} {operation.Method} {operation.Path.Split('?')[0]}");
}
