using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace Connector.Fakes.Crm.Dynamics;

/// <summary>
/// One Web API request against the store (alone, or a part of a <c>$batch</c>): queries, retrieve by key, create,
/// upsert with its conditional headers, the CloseIncident action and the annotation block-upload messages. Writes
/// are checked against the schema (unknown columns and navigation properties, lengths, lookups to missing rows, state
/// and status codes) and refused in Dataverse's words.
/// </summary>
public sealed partial class FakeDynamicsWebApi(FakeDynamicsStore store, FakeDynamicsSchema schema, FakeDynamicsOptions options, Func<Uri> apiRoot, Guid applicationUser)
{
    private static readonly Dictionary<string, Dictionary<int, int[]>> Statuses = new()
    {
        ["phonecall"] = new() { [0] = [1, 3], [1] = [2, 4], [2] = [3] },
        ["task"] = new() { [0] = [2, 3, 4, 7], [1] = [5], [2] = [6] },
        ["email"] = new() { [0] = [1, 8], [1] = [2, 3, 4, 6], [2] = [5] },
        ["incident"] = new() { [0] = [1, 2, 3, 4], [1] = [5, 1000], [2] = [6, 2000] },
    };

    private readonly Dictionary<string, (JsonObject Target, Dictionary<string, byte[]> Blocks)> _uploads = [];
    private int _tickets;

    /// <param name="target">Path and query under the API root, as sent (not decoded).</param>
    /// <param name="reference">Resolves <c>$n</c> to the entity URL written by request n of the same change set.</param>
    public FakeDynamicsResponse Handle(string method, string target, IReadOnlyDictionary<string, string> headers, byte[] body, Func<string, string?> reference)
    {
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(question < 0 ? target : target[..question]);
        var query = QueryHelpers.ParseQuery(question < 0 ? "" : target[question..]).ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        if (path.StartsWith('$') && reference(path.Split('/')[0]) is { } referenced)
        {
            path = Relative(referenced) + path[path.Split('/')[0].Length..];
        }

        JsonObject? json = null;
        if (body.Length > 0 && method is "POST" or "PATCH" or "PUT")
        {
            try
            {
                json = JsonNode.Parse(body) as JsonObject;
            }
            catch (JsonException ex)
            {
                return FakeDynamicsErrors.BadRequest($"The request body is not valid JSON: {ex.Message}");
            }
        }

        switch (method, path)
        {
            case ("GET", "WhoAmI"):
                return new FakeDynamicsResponse(200, new JsonObject { ["UserId"] = applicationUser.ToString("D"), ["BusinessUnitId"] = Guid.Empty.ToString("D"), ["OrganizationId"] = Guid.Empty.ToString("D") });
            case ("POST", "CloseIncident"):
                return CloseIncident(json, reference);
            case ("POST", "InitializeAnnotationBlocksUpload"):
                return InitializeUpload(json);
            case ("POST", "UploadBlock"):
                return UploadBlock(json);
            case ("POST", "CommitAnnotationBlocksUpload"):
                return CommitUpload(json, reference);
        }

        var match = RecordPath().Match(path);
        if (!match.Success || schema.BySet(match.Groups["set"].Value) is not { } table)
        {
            return FakeDynamicsErrors.ResourceNotFound(path.Split('(')[0]);
        }

        Guid? id = match.Groups["id"].Success ? Guid.Parse(match.Groups["id"].Value) : null;
        return (method, id) switch
        {
            ("GET", null) => Query(table, query),
            ("GET", { } key) => Retrieve(table, key, query),
            ("POST", null) => Write(table, json?["" + table.Key]?.GetValue<string>() is { } given && Guid.TryParse(given, out var chosen) ? chosen : Guid.NewGuid(),
                json, headers, reference, createOnly: true, updateOnly: false, post: true),
            ("PATCH", { } key) => Write(table, key, json, headers, reference,
                createOnly: headers.GetValueOrDefault("If-None-Match") == "*", updateOnly: headers.GetValueOrDefault("If-Match") == "*", post: false),
            ("DELETE", { } key) => Delete(table, key),
            _ => FakeDynamicsResponse.Error(405, "0x80060888", $"The HTTP method '{method}' is not allowed on '{path}'."),
        };
    }

    public string EntityUrl(FakeDynamicsTable table, Guid id) => new Uri(apiRoot(), $"{table.Set}({id:D})").AbsoluteUri;

    private string Relative(string entityUrl) => entityUrl.StartsWith(apiRoot().AbsoluteUri, StringComparison.Ordinal) ? entityUrl[apiRoot().AbsoluteUri.Length..] : entityUrl.TrimStart('/');

    private FakeDynamicsResponse Query(FakeDynamicsTable table, Dictionary<string, string> query)
    {
        IEnumerable<FakeDynamicsRecord> rows = store.OfTable(table.Logical);
        if (query.TryGetValue("$filter", out var filter))
        {
            try
            {
                var predicate = FakeDynamicsFilter.Parse(filter, c => IsReadable(table, c), (r, c) => c == table.Key ? r.Id.ToString("D") : r[c]);
                rows = rows.Where(predicate);
            }
            catch (FormatException ex)
            {
                return FakeDynamicsErrors.QueryError(ex.Message.Replace("{table}", table.Logical, StringComparison.Ordinal));
            }
        }

        if (query.TryGetValue("$top", out var topText))
        {
            rows = rows.Take(int.Parse(topText, CultureInfo.InvariantCulture));
        }

        if (Select(table, query) is { Error: { } error })
        {
            return error;
        }

        var select = Select(table, query).Columns;
        return new FakeDynamicsResponse(200, new JsonObject
        {
            ["@odata.context"] = $"{apiRoot().AbsoluteUri}$metadata#{table.Set}({string.Join(',', select ?? [])})",
            ["value"] = new JsonArray(rows.Select(r => (JsonNode)Shape(table, r, select)).ToArray()),
        });
    }

    private FakeDynamicsResponse Retrieve(FakeDynamicsTable table, Guid id, Dictionary<string, string> query)
    {
        if (store.Find(table.Logical, id) is not { } row)
        {
            return FakeDynamicsErrors.DoesNotExist(table.Logical, id);
        }

        var (select, error) = Select(table, query);
        if (error is not null)
        {
            return error;
        }

        var shaped = Shape(table, row, select);
        shaped.Insert(0, "@odata.context", $"{apiRoot().AbsoluteUri}$metadata#{table.Set}/$entity");
        return new FakeDynamicsResponse(200, shaped);
    }

    private FakeDynamicsResponse Delete(FakeDynamicsTable table, Guid id)
    {
        if (store.Find(table.Logical, id) is null)
        {
            return FakeDynamicsErrors.DoesNotExist(table.Logical, id);
        }

        var rows = store.Snapshot();
        rows.Remove((table.Logical, id));
        store.Restore(rows);
        return FakeDynamicsResponse.NoContent();
    }

    private static (string[]? Columns, FakeDynamicsResponse? Error) Select(FakeDynamicsTable table, Dictionary<string, string> query)
    {
        if (!query.TryGetValue("$select", out var select))
        {
            return (null, null);
        }

        var columns = select.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var unknown = columns.FirstOrDefault(c => !IsReadable(table, c));
        return unknown is null
            ? (columns, null)
            : (null, FakeDynamicsErrors.QueryError($"Could not find a property named '{unknown}' on type 'Microsoft.Dynamics.CRM.{table.Logical}'."));
    }

    private static bool IsReadable(FakeDynamicsTable table, string column) =>
        column == table.Key || table.Columns.ContainsKey(column)
        || column is "fullname" or "createdon" or "modifiedon" or "isdocument" or "filesize" or "ticketnumber" or "activitytypecode" or "objecttypecode" or "statecode" or "statuscode"
        || (column.StartsWith('_') && column.EndsWith("_value", StringComparison.Ordinal) && table.Binds.Values.Any(b => $"_{b.Lookup}_value" == column));

    private static JsonObject Shape(FakeDynamicsTable table, FakeDynamicsRecord row, string[]? select)
    {
        var shaped = new JsonObject { ["@odata.etag"] = $"W/\"{row.Version.ToString(CultureInfo.InvariantCulture)}\"" };
        var columns = select ?? row.Fields.Select(f => f.Key).Where(k => k != "activityparties" && !k.EndsWith("_type", StringComparison.Ordinal)).ToArray();
        foreach (var column in columns)
        {
            shaped[column] = row.Fields[column]?.DeepClone();
        }

        shaped[table.Key] = row.Id.ToString("D");
        return shaped;
    }

    private FakeDynamicsResponse Write(
        FakeDynamicsTable table, Guid id, JsonObject? body, IReadOnlyDictionary<string, string> headers, Func<string, string?> reference, bool createOnly, bool updateOnly, bool post)
    {
        if (body is null)
        {
            return FakeDynamicsErrors.BadRequest("The request body is empty or not a JSON object.");
        }

        var existing = store.Find(table.Logical, id);
        if (existing is not null && createOnly)
        {
            return post ? FakeDynamicsResponse.Error(412, "0x80040237", "Cannot insert duplicate key.") : FakeDynamicsErrors.AlreadyExists();
        }

        if (existing is null && updateOnly)
        {
            return FakeDynamicsErrors.DoesNotExist(table.Logical, id);
        }

        var row = existing?.Clone() ?? new FakeDynamicsRecord(table.Logical, id, Defaults(table));
        if (Apply(table, row, body, reference) is { } refused)
        {
            return refused;
        }

        if (Check(table, row, existing) is { } invalid)
        {
            return invalid;
        }

        if (existing is null && table.Logical == "contact" && headers.GetValueOrDefault("MSCRM.SuppressDuplicateDetection") == "false"
            && row["emailaddress1"] is { Length: > 0 } email
            && store.OfTable("contact").Any(c => string.Equals(c["emailaddress1"], email, StringComparison.OrdinalIgnoreCase)))
        {
            return FakeDynamicsErrors.DuplicateDetected();
        }

        store.Put(row);
        var url = EntityUrl(table, id);
        if (headers.GetValueOrDefault("Prefer")?.Contains("return=representation", StringComparison.OrdinalIgnoreCase) == true)
        {
            var shaped = Shape(table, row, null);
            shaped.Insert(0, "@odata.context", $"{apiRoot().AbsoluteUri}$metadata#{table.Set}/$entity");
            return new FakeDynamicsResponse(existing is null ? 201 : 200, shaped, new Dictionary<string, string> { ["OData-EntityId"] = url });
        }

        return FakeDynamicsResponse.NoContent(url);
    }

    private JsonObject Defaults(FakeDynamicsTable table)
    {
        var fields = new JsonObject
        {
            ["createdon"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["_ownerid_value"] = applicationUser.ToString("D"),
            ["_ownerid_type"] = "systemuser",
        };
        switch (table.Logical)
        {
            case "phonecall" or "email":
                fields["statecode"] = 0;
                fields["statuscode"] = 1;
                fields["activitytypecode"] = table.Logical;
                break;
            case "task":
                fields["statecode"] = 0;
                fields["statuscode"] = 2;
                fields["activitytypecode"] = table.Logical;
                break;
            case var _ when table.IsActivity:
                fields["statecode"] = 0;
                fields["statuscode"] = 1;
                fields["activitytypecode"] = table.Logical;
                break;
            case "incident":
                fields["statecode"] = 0;
                fields["statuscode"] = 1;
                fields["ticketnumber"] = $"CAS-{Interlocked.Increment(ref _tickets):D5}-FAKE";
                break;
        }

        return fields;
    }

    /// <summary>Sets the body's columns, lookups and parties on the row; the first refusal is returned.</summary>
    private FakeDynamicsResponse? Apply(FakeDynamicsTable table, FakeDynamicsRecord row, JsonObject body, Func<string, string?> reference)
    {
        foreach (var (name, value) in body)
        {
            if (name.StartsWith("@odata.", StringComparison.Ordinal))
            {
                continue;
            }

            if (name.EndsWith("@odata.bind", StringComparison.Ordinal))
            {
                var navigation = name[..^"@odata.bind".Length];
                if (!table.Binds.TryGetValue(navigation, out var bind))
                {
                    return FakeDynamicsErrors.NoSuchNavigation(navigation);
                }

                var (target, error) = Resolve(value?.ToString(), bind.Target, reference);
                if (error is not null)
                {
                    return error;
                }

                row.Fields[$"_{bind.Lookup}_value"] = target.ToString("D");
                row.Fields[$"_{bind.Lookup}_type"] = bind.Target;
                continue;
            }

            if (name == table.Parties)
            {
                if (Parties(table, value as JsonArray, reference) is var (parties, refused) && refused is not null)
                {
                    return refused;
                }
                else
                {
                    row.Fields["activityparties"] = parties;
                }

                continue;
            }

            if (name == table.Key)
            {
                if (!Guid.TryParse(value?.ToString(), out var given) || given != row.Id)
                {
                    return FakeDynamicsErrors.BadRequest($"The value of '{name}' in the body does not match the key of the request.");
                }

                continue;
            }

            if (!table.Columns.TryGetValue(name, out var maxLength))
            {
                return FakeDynamicsErrors.NoSuchProperty(table.Logical, name);
            }

            if (maxLength is { } max && value is JsonValue text && text.TryGetValue<string>(out var s) && s.Length > max)
            {
                return FakeDynamicsErrors.TooLong(table.Logical, name, max);
            }

            row.Fields[name] = value?.DeepClone();
        }

        return null;
    }

    private (JsonArray Parties, FakeDynamicsResponse? Refused) Parties(FakeDynamicsTable table, JsonArray? given, Func<string, string?> reference)
    {
        var parties = new JsonArray();
        var allowed = table.Logical == "phonecall" ? new[] { 1, 2 } : [1, 2, 3, 4];
        foreach (var party in (given ?? []).OfType<JsonObject>())
        {
            var stored = new JsonObject();
            foreach (var (name, value) in party)
            {
                switch (name)
                {
                    case "participationtypemask":
                        var mask = value?.GetValue<int>() ?? 0;
                        if (!allowed.Contains(mask))
                        {
                            return (parties, FakeDynamicsErrors.BadRequest($"The participation type mask {mask} is not valid for an activity party of a {table.Logical}."));
                        }

                        stored["participationtypemask"] = mask;
                        break;
                    case "addressused":
                        stored["addressused"] = value?.DeepClone();
                        break;
                    case var bind when bind.StartsWith("partyid_", StringComparison.Ordinal) && bind.EndsWith("@odata.bind", StringComparison.Ordinal):
                        var targetTable = bind["partyid_".Length..^"@odata.bind".Length];
                        if (targetTable is not ("contact" or "systemuser" or "account"))
                        {
                            return (parties, FakeDynamicsErrors.NoSuchNavigation(bind[..^"@odata.bind".Length]));
                        }

                        var (target, error) = Resolve(value?.ToString(), targetTable, reference);
                        if (error is not null)
                        {
                            return (parties, error);
                        }

                        stored["partyid"] = target.ToString("D");
                        stored["partytype"] = targetTable;
                        break;
                    default:
                        return (parties, FakeDynamicsErrors.NoSuchProperty("activityparty", name));
                }
            }

            if (stored["participationtypemask"] is null || (stored["partyid"] is null && stored["addressused"] is null))
            {
                return (parties, FakeDynamicsErrors.BadRequest("An activity party needs a participationtypemask and a party or an addressused."));
            }

            parties.Add(stored);
        }

        return (parties, null);
    }

    /// <summary>A bind's value: <c>/contacts(…)</c>, an absolute entity URL, or <c>$n</c> within a change set.</summary>
    private (Guid Id, FakeDynamicsResponse? Error) Resolve(string? value, string targetTable, Func<string, string?> reference)
    {
        if (value is not null && value.StartsWith('$'))
        {
            value = reference(value) ?? value;
        }

        var table = schema.ByLogical(targetTable);
        var match = value is null ? null : BindValue().Match(value);
        if (match is not { Success: true } || match.Groups["set"].Value != table.Set)
        {
            return (Guid.Empty, FakeDynamicsErrors.BadRequest($"'{value}' is not a reference to a {targetTable} (expected /{table.Set}(<id>))."));
        }

        var id = Guid.Parse(match.Groups["id"].Value);
        return store.Find(targetTable, id) is null ? (id, FakeDynamicsErrors.DoesNotExist(targetTable, id)) : (id, null);
    }

    private FakeDynamicsResponse? Check(FakeDynamicsTable table, FakeDynamicsRecord row, FakeDynamicsRecord? before)
    {
        if (table.Logical == "contact")
        {
            row.Fields["fullname"] = $"{row["firstname"]} {row["lastname"]}".Trim();
        }

        if (table.Logical == "annotation" && row["documentbody"] is { } document)
        {
            try
            {
                var size = Convert.FromBase64String(document).Length;
                if (size > options.MaxUploadBytes)
                {
                    return FakeDynamicsErrors.AttachmentTooLarge();
                }

                row.Fields["filesize"] = size;
                row.Fields["isdocument"] = true;
            }
            catch (FormatException)
            {
                return FakeDynamicsErrors.BadRequest("The documentbody is not valid base64.");
            }
        }

        // A custom activity table has the activity states with one status each: Open 1, Completed 2, Canceled 3.
        var statuses = Statuses.GetValueOrDefault(table.Logical) ?? (table.IsActivity ? new() { [0] = [1], [1] = [2], [2] = [3] } : null);
        if (statuses is null || row["statecode"] is not { } stateText)
        {
            return null;
        }

        var state = int.Parse(stateText, CultureInfo.InvariantCulture);
        if (table.Logical == "incident" && state != 0 && before?["statecode"] != stateText)
        {
            return FakeDynamicsErrors.BadRequest("This message can not be used to set the state of incident to Resolved. In order to set state of incident to Resolved, use the CloseIncidentRequest message instead.");
        }

        var status = row["statuscode"] is { } statusText ? int.Parse(statusText, CultureInfo.InvariantCulture) : -1;
        if (before?["statecode"] != stateText && (before is null || before["statuscode"] == row["statuscode"]) && !statuses[state].Contains(status))
        {
            // The state changed without a status: Dataverse picks the state's default.
            row.Fields["statuscode"] = statuses[state][0];
            status = statuses[state][0];
        }

        return statuses.TryGetValue(state, out var valid) && valid.Contains(status)
            ? null
            : FakeDynamicsErrors.BadRequest($"{status} is not a valid status code for state code {state} on {table.Logical} with Id {row.Id:D}.");
    }

    private FakeDynamicsResponse CloseIncident(JsonObject? body, Func<string, string?> reference)
    {
        if (body?["IncidentResolution"] is not JsonObject resolution || body["Status"] is not JsonValue statusValue)
        {
            return FakeDynamicsErrors.BadRequest("CloseIncident needs IncidentResolution and Status.");
        }

        var (id, error) = Resolve(resolution["incidentid@odata.bind"]?.ToString(), "incident", reference);
        if (error is not null)
        {
            return error;
        }

        var status = statusValue.GetValue<int>();
        if (!Statuses["incident"][1].Contains(status))
        {
            return FakeDynamicsErrors.BadRequest($"{status} is not a valid status code for state code 1 on incident with Id {id:D}.");
        }

        var incident = store.Find("incident", id)!.Clone();
        incident.Fields["statecode"] = 1;
        incident.Fields["statuscode"] = status;
        store.Put(incident);
        return FakeDynamicsResponse.NoContent();
    }

    private FakeDynamicsResponse InitializeUpload(JsonObject? body)
    {
        if (body?["Target"] is not JsonObject target || !Guid.TryParse(target["annotationid"]?.ToString(), out _))
        {
            return FakeDynamicsErrors.BadRequest("InitializeAnnotationBlocksUpload needs a Target annotation with its annotationid.");
        }

        var token = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        _uploads[token] = ((JsonObject)target.DeepClone(), new Dictionary<string, byte[]>(StringComparer.Ordinal));
        return new FakeDynamicsResponse(200, new JsonObject { ["FileContinuationToken"] = token });
    }

    private FakeDynamicsResponse UploadBlock(JsonObject? body)
    {
        if (body?["FileContinuationToken"]?.ToString() is not { } token || !_uploads.TryGetValue(token, out var upload))
        {
            return FakeDynamicsErrors.BadRequest("The FileContinuationToken is not valid.");
        }

        var blockId = body["BlockId"]?.ToString() ?? "";
        byte[] data;
        try
        {
            if (Convert.FromBase64String(blockId).Length is 0 or > 64)
            {
                return FakeDynamicsErrors.BadRequest("The BlockId must be base64 of at most 64 bytes.");
            }

            data = Convert.FromBase64String(body["BlockData"]?.ToString() ?? "");
        }
        catch (FormatException)
        {
            return FakeDynamicsErrors.BadRequest("BlockId and BlockData must be base64.");
        }

        if (upload.Blocks.Keys.Any(k => k.Length != blockId.Length))
        {
            return FakeDynamicsErrors.BadRequest("Every BlockId of an upload must have the same length.");
        }

        if (data.Length > 4 * 1024 * 1024)
        {
            return FakeDynamicsErrors.BadRequest("A block can be at most 4 MB.");
        }

        upload.Blocks[blockId] = data;
        return FakeDynamicsResponse.NoContent();
    }

    private FakeDynamicsResponse CommitUpload(JsonObject? body, Func<string, string?> reference)
    {
        if (body?["FileContinuationToken"]?.ToString() is not { } token || !_uploads.Remove(token, out var upload) || body["BlockList"] is not JsonArray list)
        {
            return FakeDynamicsErrors.BadRequest("The FileContinuationToken is not valid.");
        }

        using var file = new MemoryStream();
        foreach (var blockId in list.Select(b => b?.ToString() ?? ""))
        {
            if (!upload.Blocks.TryGetValue(blockId, out var block))
            {
                return FakeDynamicsErrors.BadRequest($"The block '{blockId}' was not uploaded.");
            }

            file.Write(block);
        }

        if (file.Length > options.MaxUploadBytes)
        {
            return FakeDynamicsErrors.AttachmentTooLarge();
        }

        var target = upload.Target;
        var id = Guid.Parse(target["annotationid"]!.ToString());
        target.Remove("annotationid");
        target["documentbody"] = Convert.ToBase64String(file.ToArray());
        var answer = Write(schema.ByLogical("annotation"), id, target, new Dictionary<string, string>(), reference, createOnly: true, updateOnly: false, post: true);
        return answer.IsSuccess
            ? new FakeDynamicsResponse(200, new JsonObject { ["AnnotationId"] = id.ToString("D"), ["FileSizeInBytes"] = file.Length })
            : answer;
    }

    [GeneratedRegex(@"^(?<set>[a-z_]+)(\((?<id>[0-9a-fA-F-]{36})\))?$")]
    private static partial Regex RecordPath();

    [GeneratedRegex(@"(^|/)(?<set>[a-z_]+)\((?<id>[0-9a-fA-F-]{36})\)$")]
    private static partial Regex BindValue();
}
