using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Worker.Assist;

/// <summary>Collects what is wrong with a request's fields, to answer one 400 naming each of them.</summary>
internal sealed partial class RequestFields
{
    private readonly Dictionary<string, string[]> errors = new(StringComparer.Ordinal);

    public ValidationProblem? Problem => errors.Count == 0
        ? null
        : TypedResults.ValidationProblem(errors, title: $"Invalid {string.Join(", ", errors.Keys)}");

    public string Text(string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Fail(field, $"{field} is required.");
            return "";
        }

        if (value.Length > max)
        {
            Fail(field, $"{field} is longer than {max} characters.");
        }

        return value.Trim();
    }

    public string OneOf(string field, string? value, IReadOnlyList<string> allowed)
    {
        if (value is null || !allowed.Contains(value, StringComparer.Ordinal))
        {
            Fail(field, $"{field} must be one of {string.Join(", ", allowed)}{(value is null ? "" : $"; got '{value}'")}.");
            return "";
        }

        return value;
    }

    /// <summary>A BCP 47 language tag (<c>en</c>, <c>pt-BR</c>), lower-cased language.</summary>
    public string Language(string field, string? value)
    {
        if (value is null || !Tag().IsMatch(value))
        {
            Fail(field, $"{field} must be a language tag such as en or pt-BR.");
            return "";
        }

        var parts = value.Split('-', 2);
        return parts.Length == 1 ? parts[0].ToLowerInvariant() : $"{parts[0].ToLowerInvariant()}-{parts[1]}";
    }

    public IReadOnlyList<string> Tags(string field, List<string?>? values)
    {
        var tags = new List<string>();
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            if (string.IsNullOrWhiteSpace(values![i]) || values[i]!.Length > 50)
            {
                Fail($"{field}[{i}]", "A tag is a non-blank text of at most 50 characters.");
                continue;
            }

            tags.Add(values[i]!.Trim().ToLowerInvariant());
        }

        if (tags.Count > 20)
        {
            Fail(field, "At most 20 tags.");
        }

        return [.. tags.Distinct(StringComparer.Ordinal)];
    }

    public int Between(string field, int? value, int fallback, int min, int max)
    {
        if (value is { } v && (v < min || v > max))
        {
            Fail(field, $"{field} must be from {min} to {max}.");
        }

        return value ?? fallback;
    }

    public void Fail(string field, string message) => errors[field] = [message];

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$", RegexOptions.CultureInvariant, 250)]
    private static partial Regex Tag();
}
