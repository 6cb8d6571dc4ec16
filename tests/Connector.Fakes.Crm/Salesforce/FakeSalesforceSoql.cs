using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Connector.Fakes.Crm.Salesforce;

/// <summary>
/// The part of SOQL the connector and the conformance clients use: <c>SELECT fields FROM Object [WHERE …]
/// [ORDER BY …] [LIMIT n]</c> with <c>=</c>, <c>!=</c>, <c>LIKE</c>, <c>IN (…)</c>, <c>AND</c>, <c>OR</c>, <c>NOT</c>,
/// parentheses, quoted literals with backslash escapes, <c>null</c>, <c>true</c>/<c>false</c>. Anything else is a
/// MALFORMED_QUERY, as Salesforce answers an unparsable query.
/// </summary>
internal sealed partial class FakeSalesforceSoql
{
    private readonly List<string> _tokens;
    private int _position;

    private FakeSalesforceSoql(List<string> tokens) => _tokens = tokens;

    public static FakeSalesforceResponse Run(string soql, FakeSalesforceStore store, string apiVersion)
    {
        List<string> tokens;
        try
        {
            tokens = Tokenize(soql);
        }
        catch (FormatException ex)
        {
            return FakeSalesforceResponse.Error(400, "MALFORMED_QUERY", ex.Message);
        }

        var parser = new FakeSalesforceSoql(tokens);
        try
        {
            return parser.Execute(store, apiVersion);
        }
        catch (FormatException ex)
        {
            return FakeSalesforceResponse.Error(400, "MALFORMED_QUERY", ex.Message);
        }
        catch (InvalidFieldException ex)
        {
            return FakeSalesforceResponse.Error(400, "INVALID_FIELD", ex.Message);
        }
    }

    private FakeSalesforceResponse Execute(FakeSalesforceStore store, string apiVersion)
    {
        Expect("SELECT");
        var fields = new List<string>();
        do
        {
            fields.Add(Next());
        }
        while (Accept(","));

        Expect("FROM");
        var typeName = Next();
        if (store.Schema.Find(typeName) is not { } sobject)
        {
            return FakeSalesforceResponse.Error(400, "INVALID_TYPE", $"sObject type '{typeName}' is not supported.");
        }

        var canonicalFields = fields.Select(f => f.Equals("Id", StringComparison.OrdinalIgnoreCase) ? "Id"
            : sobject.Canonical(f) ?? throw new InvalidFieldException($"No such column '{f}' on entity '{sobject.Name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.")).ToList();
        Func<FakeSalesforceRecord, bool> where = _ => true;
        if (Accept("WHERE"))
        {
            where = ParseOr(sobject);
        }

        if (Accept("ORDER"))
        {
            Expect("BY");
            Next();
            _ = Accept("ASC") || Accept("DESC");
        }

        var limit = int.MaxValue;
        if (Accept("LIMIT"))
        {
            limit = int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture);
        }

        if (_position < _tokens.Count)
        {
            throw new FormatException($"unexpected token: '{_tokens[_position]}'");
        }

        var records = store.OfType(sobject.Name).Where(where).Take(limit).Select(r => (System.Text.Json.Nodes.JsonNode?)FakeSalesforceStore.Show(r, apiVersion, canonicalFields)).ToArray();
        return new FakeSalesforceResponse(200, new System.Text.Json.Nodes.JsonObject
        {
            ["totalSize"] = records.Length,
            ["done"] = true,
            ["records"] = new System.Text.Json.Nodes.JsonArray(records),
        });
    }

    private Func<FakeSalesforceRecord, bool> ParseOr(FakeSObjectType sobject)
    {
        var left = ParseAnd(sobject);
        while (Accept("OR"))
        {
            var l = left;
            var r = ParseAnd(sobject);
            left = record => l(record) || r(record);
        }

        return left;
    }

    private Func<FakeSalesforceRecord, bool> ParseAnd(FakeSObjectType sobject)
    {
        var left = ParseTerm(sobject);
        while (Accept("AND"))
        {
            var l = left;
            var r = ParseTerm(sobject);
            left = record => l(record) && r(record);
        }

        return left;
    }

    private Func<FakeSalesforceRecord, bool> ParseTerm(FakeSObjectType sobject)
    {
        if (Accept("NOT"))
        {
            var inner = ParseTerm(sobject);
            return record => !inner(record);
        }

        if (Accept("("))
        {
            var inner = ParseOr(sobject);
            Expect(")");
            return inner;
        }

        var field = Next();
        var canonical = field.Equals("Id", StringComparison.OrdinalIgnoreCase) ? "Id"
            : sobject.Canonical(field) ?? throw new InvalidFieldException($"No such column '{field}' on entity '{sobject.Name}'.");
        string? Value(FakeSalesforceRecord r) => canonical == "Id" ? r.Id : r[canonical];
        bool Equal(FakeSalesforceRecord r, string? literal) => canonical == "Id"
            ? literal is not null && FakeSalesforceStore.SameId(r.Id, literal)
            : string.Equals(Value(r), literal, StringComparison.OrdinalIgnoreCase);

        var op = Next().ToUpperInvariant();
        switch (op)
        {
            case "=":
                {
                    var literal = Literal();
                    return r => Equal(r, literal);
                }

            case "!=":
                {
                    var literal = Literal();
                    return r => !Equal(r, literal);
                }

            case "LIKE":
                {
                    var pattern = "^" + Regex.Escape(Literal() ?? "").Replace("%", ".*", StringComparison.Ordinal).Replace("_", ".", StringComparison.Ordinal) + "$";
                    return r => Value(r) is { } v && Regex.IsMatch(v, pattern, RegexOptions.IgnoreCase);
                }

            case "IN":
                {
                    Expect("(");
                    var literals = new List<string?>();
                    do
                    {
                        literals.Add(Literal());
                    }
                    while (Accept(","));

                    Expect(")");
                    return r => literals.Any(l => Equal(r, l));
                }

            default:
                throw new FormatException($"unexpected token: '{op}'");
        }
    }

    private string? Literal()
    {
        var token = Next();
        if (token.StartsWith('\''))
        {
            return token[1..^1];
        }

        if (token.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (token.Equals("true", StringComparison.OrdinalIgnoreCase) || token.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return token.ToLowerInvariant();
        }

        if (NumberToken().IsMatch(token))
        {
            return token;
        }

        throw new FormatException($"unexpected token: '{token}'");
    }

    private string Next() => _position < _tokens.Count ? _tokens[_position++] : throw new FormatException("unexpected end of query");

    private bool Accept(string token)
    {
        if (_position < _tokens.Count && _tokens[_position].Equals(token, StringComparison.OrdinalIgnoreCase))
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Expect(string token)
    {
        if (!Accept(token))
        {
            throw new FormatException($"unexpected token: '{(_position < _tokens.Count ? _tokens[_position] : "<end>")}', expecting '{token}'");
        }
    }

    /// <summary>Words, punctuation, and quoted literals (kept quoted, escapes resolved).</summary>
    private static List<string> Tokenize(string soql)
    {
        var tokens = new List<string>();
        for (var i = 0; i < soql.Length;)
        {
            var c = soql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '\'')
            {
                var literal = new StringBuilder("'");
                i++;
                while (true)
                {
                    if (i >= soql.Length)
                    {
                        throw new FormatException("unterminated string literal");
                    }

                    if (soql[i] == '\\' && i + 1 < soql.Length)
                    {
                        literal.Append(soql[i + 1]);
                        i += 2;
                    }
                    else if (soql[i] == '\'')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        literal.Append(soql[i++]);
                    }
                }

                tokens.Add(literal.Append('\'').ToString());
            }
            else if (c == '!' && i + 1 < soql.Length && soql[i + 1] == '=')
            {
                tokens.Add("!=");
                i += 2;
            }
            else if (c is '(' or ')' or ',' or '=')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else
            {
                var start = i;
                while (i < soql.Length && !char.IsWhiteSpace(soql[i]) && soql[i] is not ('(' or ')' or ',' or '=' or '\'' or '!'))
                {
                    i++;
                }

                if (i == start)
                {
                    throw new FormatException($"unexpected character '{c}'");
                }

                tokens.Add(soql[start..i]);
            }
        }

        return tokens;
    }

    [GeneratedRegex(@"^-?\d+(\.\d+)?$")]
    private static partial Regex NumberToken();

    private sealed class InvalidFieldException(string message) : Exception(message);
}
