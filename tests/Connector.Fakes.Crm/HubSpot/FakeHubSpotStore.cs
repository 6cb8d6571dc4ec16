using System.Globalization;

namespace Connector.Fakes.Crm.HubSpot;

/// <summary>
/// The account's records, files and associations. Contacts get HubSpot's calculated phone properties; records
/// written through the API reach the search index only after <see cref="FakeHubSpotOptions.SearchIndexLag"/>.
/// Not thread-safe: the server holds its lock around every call.
/// </summary>
internal sealed class FakeHubSpotStore(FakeHubSpotOptions options, FakeHubSpotSchema schema)
{
    private readonly Dictionary<string, Dictionary<string, FakeHubSpotObject>> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeHubSpotFile> _files = new(StringComparer.Ordinal);
    private readonly HashSet<(string FromType, string FromId, string ToType, string ToId, int TypeId)> _associations = [];
    private long _nextId = 10_001;

    public FakeHubSpotSchema Schema => schema;

    public IEnumerable<FakeHubSpotObject> OfType(string type) =>
        _objects.TryGetValue(type, out var records) ? records.Values.OrderBy(r => long.Parse(r.Id, CultureInfo.InvariantCulture)) : [];

    public FakeHubSpotObject? Find(string type, string id) =>
        _objects.TryGetValue(type, out var records) && records.TryGetValue(id, out var record) ? record : null;

    public FakeHubSpotObject? FindBy(string type, string property, string value) =>
        _objects.TryGetValue(type, out var records)
            ? records.Values.FirstOrDefault(r => string.Equals(r[property], value, property == "email" ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
            : null;

    public IReadOnlyCollection<FakeHubSpotFile> Files => _files.Values;

    public FakeHubSpotFile? File(string id) => _files.GetValueOrDefault(id);

    public bool FileExists(string id) => _files.ContainsKey(id);

    /// <summary>Adds a record; <paramref name="indexed"/> false for API writes, which search sees only after the lag.</summary>
    public FakeHubSpotObject Add(string type, IReadOnlyDictionary<string, string?> properties, bool indexed)
    {
        var now = options.Clock.GetUtcNow();
        var record = new FakeHubSpotObject
        {
            Type = type,
            Id = (_nextId++).ToString(CultureInfo.InvariantCulture),
            CreatedAt = now,
            UpdatedAt = now,
            IndexedAt = indexed ? now : now + options.SearchIndexLag,
        };
        if (!_objects.TryGetValue(type, out var records))
        {
            _objects[type] = records = new(StringComparer.Ordinal);
        }

        records[record.Id] = record;
        Set(record, properties);
        record.Properties["createdate"] = now.ToString("O", CultureInfo.InvariantCulture);
        return record;
    }

    public void Set(FakeHubSpotObject record, IReadOnlyDictionary<string, string?> properties)
    {
        foreach (var (name, value) in properties)
        {
            record.Properties[name] = string.IsNullOrEmpty(value) ? null : value;
        }

        record.UpdatedAt = options.Clock.GetUtcNow();
        record.Properties["lastmodifieddate"] = record.UpdatedAt.ToString("O", CultureInfo.InvariantCulture);
        if (record.Type == FakeHubSpotSchema.Contacts)
        {
            Calculate(record);
        }
    }

    public FakeHubSpotFile AddFile(string folderPath, string fileName, string access, byte[] content)
    {
        var file = new FakeHubSpotFile((_nextId++).ToString(CultureInfo.InvariantCulture), folderPath, fileName, access, content, options.Clock.GetUtcNow());
        _files[file.Id] = file;
        return file;
    }

    public FakeHubSpotFile? DuplicateOf(string folderPath, string fileName, byte[] content, bool exactFolder) =>
        _files.Values.FirstOrDefault(f => (!exactFolder || f.FolderPath == folderPath) && f.FileName == fileName && f.Content.AsSpan().SequenceEqual(content));

    /// <summary>Associates two records (an existing association is no change).</summary>
    public void Associate(string fromType, string fromId, string toType, string toId, int typeId) =>
        _associations.Add((fromType, fromId, toType, toId, typeId));

    /// <summary>The ids of <paramref name="toType"/> records associated with this one, whichever side wrote it.</summary>
    public IReadOnlyList<string> Associated(string type, string id, string toType) =>
        _associations.Where(a => a.FromType == type && a.FromId == id && a.ToType == toType).Select(a => a.ToId)
            .Concat(_associations.Where(a => a.ToType == type && a.ToId == id && a.FromType == toType).Select(a => a.FromId))
            .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// HubSpot's calculated phone properties: the searchable ones hold national digits (the account's country code or
    /// trunk 0 dropped), <c>hs_calculated_phone_number</c> an E.164-like form. [obs; HubSpot does not document them]
    /// </summary>
    private void Calculate(FakeHubSpotObject contact)
    {
        contact.Properties["hs_searchable_calculated_phone_number"] = National(contact["phone"]);
        contact.Properties["hs_searchable_calculated_mobile_number"] = National(contact["mobilephone"]);
        contact.Properties["hs_calculated_phone_number"] = National(contact["phone"]) is { } digits ? $"+{options.CountryCallingCode}{digits}" : null;
    }

    private string? National(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored))
        {
            return null;
        }

        var trimmed = stored.Trim();
        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        if (trimmed.StartsWith('+') || trimmed.StartsWith("00", StringComparison.Ordinal))
        {
            digits = digits.TrimStart('0');
            return digits.StartsWith(options.CountryCallingCode, StringComparison.Ordinal) ? digits[options.CountryCallingCode.Length..] : digits;
        }

        return digits.StartsWith('0') ? digits[1..] : digits;
    }
}
