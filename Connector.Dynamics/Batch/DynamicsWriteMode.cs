namespace Connector.Dynamics.Batch;

/// <summary>How a request addresses its record, and so which conditional header it carries.</summary>
internal enum DynamicsWriteMode
{
    /// <summary>A read (GET), only outside change sets.</summary>
    Read,

    /// <summary>PATCH by key without condition: creates or updates (204 either way).</summary>
    Upsert,

    /// <summary>PATCH with <c>If-None-Match: *</c>: 412 when the record exists, which for a replay means "written before".</summary>
    CreateOnly,

    /// <summary>PATCH with <c>If-Match: *</c>: 404 when the record is gone, never a new record.</summary>
    UpdateOnly,

    /// <summary>An action (POST), such as CloseIncident or the block-upload messages.</summary>
    Action,
}
