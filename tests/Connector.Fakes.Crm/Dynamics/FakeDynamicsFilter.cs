using System.Globalization;
using System.Text;

namespace Connector.Fakes.Crm.Dynamics;

/// <summary>
/// The <c>$filter</c> subset the connector and the conformance client use: <c>eq</c>/<c>ne</c>, <c>and</c>/<c>or</c>/<c>not</c>,
/// brackets, <c>contains</c>/<c>startswith</c>/<c>endswith</c> and <c>Microsoft.Dynamics.CRM.In</c>. Text compares
/// case-insensitively, as Dataverse's collation does; a column the table does not have is refused as Dataverse does.
/// </summary>
public sealed class FakeDynamicsFilter
{
    private readonly List<string> _tokens;
    private readonly Func<string, bool> _isColumn;
    private readonly Func<FakeDynamicsRecord, string, string?> _read;
    private int _at;

    private FakeDynamicsFilter(string text, Func<string, bool> isColumn, Func<FakeDynamicsRecord, string, string?> read)
    {
        _tokens = Tokenize(text);
        _isColumn = isColumn;
        _read = read;
    }

    /// <exception cref="FormatException">The filter is not understood; the message is Dataverse's.</exception>
    /// <param name="read">A column's value as text (the primary key included).</param>
    public static Func<FakeDynamicsRecord, bool> Parse(string text, Func<string, bool> isColumn, Func<FakeDynamicsRecord, string, string?> read)
    {
        var parser = new FakeDynamicsFilter(text, isColumn, read);
        var predicate = parser.Or();
        if (parser._at != parser._tokens.Count)
        {
            throw new FormatException($"Syntax error at position {parser._at} in '{text}'.");
        }

        return predicate;
    }

    private string? Peek => _at < _tokens.Count ? _tokens[_at] : null;

    private string Next() => _at < _tokens.Count ? _tokens[_at++] : throw new FormatException("Unexpected end of the $filter expression.");

    private void Expect(string token)
    {
        if (Next() != token)
        {
            throw new FormatException($"Syntax error: '{token}' expected at position {_at}.");
        }
    }

    private Func<FakeDynamicsRecord, bool> Or()
    {
        var left = And();
        while (Peek == "or")
        {
            _at++;
            var (a, b) = (left, And());
            left = r => a(r) || b(r);
        }

        return left;
    }

    private Func<FakeDynamicsRecord, bool> And()
    {
        var left = Unary();
        while (Peek == "and")
        {
            _at++;
            var (a, b) = (left, Unary());
            left = r => a(r) && b(r);
        }

        return left;
    }

    private Func<FakeDynamicsRecord, bool> Unary()
    {
        if (Peek == "not")
        {
            _at++;
            var inner = Unary();
            return r => !inner(r);
        }

        if (Peek == "(")
        {
            _at++;
            var inner = Or();
            Expect(")");
            return inner;
        }

        var name = Next();
        if (name is "contains" or "startswith" or "endswith")
        {
            Expect("(");
            var column = Column(Next());
            Expect(",");
            var value = Literal(Next())?.ToString() ?? "";
            Expect(")");
            return name switch
            {
                "contains" => r => Text(r, column)?.Contains(value, StringComparison.OrdinalIgnoreCase) == true,
                "startswith" => r => Text(r, column)?.StartsWith(value, StringComparison.OrdinalIgnoreCase) == true,
                _ => r => Text(r, column)?.EndsWith(value, StringComparison.OrdinalIgnoreCase) == true,
            };
        }

        if (name == "Microsoft.Dynamics.CRM.In")
        {
            Expect("(");
            Expect("PropertyName");
            Expect("=");
            var column = Column(Literal(Next())?.ToString() ?? "");
            Expect(",");
            Expect("PropertyValues");
            Expect("=");
            Expect("[");
            var values = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            while (Peek != "]")
            {
                values.Add(Literal(Next())?.ToString() ?? "");
                if (Peek == ",")
                {
                    _at++;
                }
            }

            Expect("]");
            Expect(")");
            return r => Text(r, column) is { } stored && values.Contains(stored);
        }

        var field = Column(name);
        var op = Next();
        var literal = Literal(Next());
        return op switch
        {
            "eq" => r => Same(Text(r, field), literal),
            "ne" => r => !Same(Text(r, field), literal),
            _ => throw new FormatException($"The operator '{op}' is not supported by this fake."),
        };
    }

    private string Column(string name) =>
        _isColumn(name) ? name : throw new FormatException($"Could not find a property named '{name}' on type 'Microsoft.Dynamics.CRM.{{table}}'.");

    private string? Text(FakeDynamicsRecord record, string column) => _read(record, column);

    private static bool Same(string? stored, object? literal) => literal switch
    {
        null => stored is null,
        bool flag => string.Equals(stored, flag ? "true" : "false", StringComparison.OrdinalIgnoreCase),
        _ => stored is not null && string.Equals(stored, Convert.ToString(literal, CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase),
    };

    private static object? Literal(string token)
    {
        if (token.StartsWith('\''))
        {
            return token[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }

        if (token == "null")
        {
            return null;
        }

        if (token is "true" or "false")
        {
            return token == "true";
        }

        if (Guid.TryParse(token, out var guid))
        {
            return guid.ToString("D");
        }

        if (decimal.TryParse(token, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        throw new FormatException($"'{token}' is not a literal the $filter syntax allows.");
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or ',' or '[' or ']' or '=')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c == '\'')
            {
                var literal = new StringBuilder("'");
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException("Unterminated string literal in $filter.");
                    }

                    if (text[i] == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
                    {
                        literal.Append("''");
                        i += 2;
                    }
                    else if (text[i] == '\'')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        literal.Append(text[i++]);
                    }
                }

                tokens.Add(literal.Append('\'').ToString());
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or ',' or '[' or ']' or '=' or '\''))
                {
                    i++;
                }

                tokens.Add(text[start..i]);
            }
        }

        return tokens;
    }
}
