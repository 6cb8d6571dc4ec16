using System.Globalization;
using System.Text;

namespace Connector.Core.Tests.Compliance;

/// <summary>
/// Generates sensitive values written the ways people type and speak them, and look-alikes that must survive, from a
/// seed: the same corpus on every run. A positive carries the digits (or characters) that must not survive it.
/// </summary>
internal sealed class RedactionCorpus(int seed)
{
    private static readonly string[] Words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
    private static readonly string[] Separators = [" ", "  ", "-", ".", "/", " - "];

    private readonly Random _random = new(seed);

    public sealed record Positive(string Kind, string Text, string Secret);

    public IEnumerable<Positive> Positives()
    {
        for (var i = 0; i < 700; i++)
        {
            var card = Card();
            yield return new Positive("card", Sentence(CardText(card, i % 14)), card);
        }

        for (var i = 0; i < 150; i++)
        {
            var code = _random.Next(100, 10000).ToString(CultureInfo.InvariantCulture);
            var text = Pick(["the cvv {0}", "CVV: {0}", "security code is {0}", "cvc2 {0} thanks", "Verification code = {0}", "the three digits on the back are {0}"]);
            yield return new Positive("cvv", string.Format(CultureInfo.InvariantCulture, text, code.Length == 4 && i % 2 == 0 ? Spoken(code) : code), code);
        }

        for (var i = 0; i < 150; i++)
        {
            var iban = Iban(valid: true);
            yield return new Positive("iban", Sentence(i % 2 == 0 ? iban : Grouped(iban, 4, " ")), iban);
        }

        for (var i = 0; i < 100; i++)
        {
            var area = _random.Next(1, 900);
            area = area == 666 ? 667 : area;
            var ssn = $"{area:000}{_random.Next(1, 100):00}{_random.Next(1, 10000):0000}";
            var separator = i % 2 == 0 ? "-" : " ";
            yield return new Positive("ssn", Sentence($"{ssn[..3]}{separator}{ssn[3..5]}{separator}{ssn[5..]}"), ssn);
        }

        for (var i = 0; i < 100; i++)
        {
            const string first = "ABCEGHJKLMNPRSTWXYZ";
            const string second = "ABCEGHJKLMNPRSTWXYZ";
            string prefix;
            do
            {
                prefix = $"{first[_random.Next(first.Length)]}{second[_random.Next(second.Length)]}";
            }
            while (prefix is "BG" or "GB" or "NK" or "KN" or "TN" or "NT" or "ZZ");

            var digits = _random.Next(0, 1_000_000).ToString("000000", CultureInfo.InvariantCulture);
            var suffix = "ABCD"[_random.Next(4)];
            var ni = i % 2 == 0 ? $"{prefix}{digits}{suffix}" : $"{prefix} {digits[..2]} {digits[2..4]} {digits[4..]} {suffix}";
            yield return new Positive("ni", Sentence(ni), $"{prefix}{digits}{suffix}");
        }
    }

    public IEnumerable<(string Kind, string Text)> NearMisses()
    {
        for (var i = 0; i < 1400; i++)
        {
            var (kind, text) = (i % 14) switch
            {
                0 => ("order number", $"Order ORD-{_random.Next(2020, 2030)}-{_random.Next(0, 10_000_000):0000000} is on its way"),
                1 => ("timestamp", $"Seen at {Timestamp():yyyy-MM-ddTHH:mm:ss.fffffffZ}, then at {Timestamp():yyyy-MM-dd HH:mm:ss}"),
                2 => ("phone E.164", $"Call me on +44{_random.Next(7_000_000_00, 7_999_999_99)}{_random.Next(0, 10)} or +1{_random.Next(200, 999)}{_random.Next(2_000_000, 9_999_999)}"),
                3 => ("phone national", $"My number is 07{_random.Next(100, 999)} {_random.Next(100_000, 999_999)}, or ({_random.Next(200, 999)}) {_random.Next(200, 999)}-{_random.Next(0, 10_000):0000}"),
                4 => ("phone international", $"+44 20 {_random.Next(1000, 9999)} {_random.Next(1000, 9999)} / +49 30 {_random.Next(1_000_000, 99_999_999)}"),
                5 => ("tracking code", Format(["Tracking 1Z{0}", "parcel JD{1}", "Royal Mail {2}", "USPS {3}"], $"{Letters(3)}{Digits(3)}{Letters(2)}{Digits(10)}", Digits(18), $"{Letters(2)}{Digits(9)}GB", Grouped("9400" + Digits(18), 4, " "))),
                6 => ("date", $"Delivered {Timestamp():dd/MM/yyyy}, booked {Timestamp():yyyy-MM-dd}, due {Timestamp():dd.MM.yyyy}"),
                7 => ("amount", $"You paid £{_random.Next(1, 100_000):N0}.{_random.Next(0, 100):00} and ${_random.Next(1, 100_000_000):N0}.{_random.Next(0, 100):00}"),
                8 => ("non-Luhn 16 digits", Sentence(NonLuhn())),
                9 => ("IBAN failing mod 97", Sentence(i % 2 == 0 ? Iban(valid: false) : Grouped(Iban(valid: false), 4, " "))),
                10 => ("three digits without card context", $"Room {_random.Next(100, 999)}, flight BA{_random.Next(100, 9999)}, {_random.Next(100, 999)} items"),
                11 => ("spoken small numbers", $"I'll call back in {Words[_random.Next(10)]} or {Words[_random.Next(10)]} days, about {_random.Next(2, 10)} times"),
                12 => ("version and ip", $"App {_random.Next(1, 20)}.{_random.Next(0, 99)}.{_random.Next(0, 9999)} from 192.168.{_random.Next(0, 255)}.{_random.Next(0, 255)}"),
                _ => ("account reference", $"Account {Digits(8)}, sort code {Digits(2)}-{Digits(2)}-{Digits(2)}, invoice INV{Digits(12)}"),
            };
            yield return (kind, text);
        }
    }

    private string CardText(string card, int form) => form switch
    {
        0 => card,
        1 => Grouped(card, 4, " "),
        2 => Grouped(card, 4, "  "),
        3 => Grouped(card, 4, "-"),
        4 => Grouped(card, 4, "."),
        5 => Grouped(card, 4, "/"),
        6 => $"{Grouped(card, 4, " ")} {_random.Next(1, 13):00}/{_random.Next(26, 35)}",
        7 => $"{card} {_random.Next(100, 1000)}",
        8 => $"{_random.Next(1, 13):00} {Grouped(card, 4, " ")}",
        9 => $"ref-{card}",
        10 => Spoken(card),
        11 => SpokenCompressed(card),
        12 => Mixed(card),
        _ => Grouped(card, 4, Pick(Separators)),
    };

    private string Sentence(string value) => Format(["{0}", "my card is {0} thanks", "It's {0}.", "use {0}, please", "Number: {0}"], value);

    /// <summary>A number a card scheme issues: a real prefix, a length the scheme uses, the Luhn check digit.</summary>
    private string Card()
    {
        var (prefix, length) = _random.Next(9) switch
        {
            0 => ("4", Pick([13, 16, 19])),
            1 => ($"5{_random.Next(1, 6)}", 16),
            2 => (_random.Next(2221, 2721).ToString(CultureInfo.InvariantCulture), 16),
            3 => (Pick(["34", "37"]), 15),
            4 => ("6011", 16),
            5 => ($"35{_random.Next(28, 90)}", 16),
            6 => ("62", Pick([16, 17, 18, 19])),
            7 => (Pick(["36", "38"]), 14),
            _ => ("4", 16),
        };
        var body = prefix + Digits(length - prefix.Length - 1);
        return body + LuhnDigit(body);
    }

    private string NonLuhn()
    {
        var body = "4" + Digits(14);
        var check = (LuhnDigit(body) - '0' + _random.Next(1, 10)) % 10;
        var number = body + check.ToString(CultureInfo.InvariantCulture);
        return _random.Next(3) switch { 0 => number, 1 => Grouped(number, 4, " "), _ => Grouped(number, 4, "-") };
    }

    private string Iban(bool valid)
    {
        var (country, length, letters) = Pick([("GB", 22, 4), ("DE", 22, 0), ("FR", 27, 0), ("NL", 18, 4), ("ES", 24, 0), ("IT", 27, 1)]);
        var bban = Letters(letters) + Digits(length - 4 - letters);
        var check = 98 - Mod97(bban + country + "00");
        if (!valid)
        {
            check = (check + _random.Next(1, 90)) % 100;
            if (check == 98 - Mod97(bban + country + "00"))
            {
                check = (check + 1) % 100;
            }
        }

        return $"{country}{check:00}{bban}";
    }

    private static int Mod97(string value)
    {
        var remainder = 0;
        foreach (var c in value)
        {
            remainder = char.IsAsciiDigit(c) ? (remainder * 10 + (c - '0')) % 97 : (remainder * 100 + (c - 'A' + 10)) % 97;
        }

        return remainder;
    }

    private static char LuhnDigit(string body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var d = body[body.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }

            sum += d;
        }

        return (char)('0' + (10 - sum % 10) % 10);
    }

    private static string Spoken(string digits) => string.Join(" ", digits.Select(d => Words[d - '0']));

    /// <summary>As a caller reads it out: "double one", "triple seven", commas at group ends.</summary>
    private static string SpokenCompressed(string digits)
    {
        var words = new List<string>();
        for (var i = 0; i < digits.Length;)
        {
            var run = 1;
            while (i + run < digits.Length && digits[i + run] == digits[i] && run < 3)
            {
                run++;
            }

            var word = Words[digits[i] - '0'];
            words.Add(run switch { 1 => word, 2 => $"double {word}", _ => $"triple {word}" });
            i += run;
            if (i % 4 == 0 && i < digits.Length)
            {
                words[^1] += ",";
            }
        }

        return string.Join(" ", words);
    }

    /// <summary>Digits and words mixed, as speech-to-text writes a number read out in groups.</summary>
    private string Mixed(string digits)
    {
        var groups = Grouped(digits, 4, " ").Split(' ');
        return string.Join(" ", groups.Select(g => _random.Next(2) == 0 ? g : Spoken(g)));
    }

    private static string Grouped(string value, int size, string separator)
    {
        var text = new StringBuilder();
        for (var i = 0; i < value.Length; i += size)
        {
            if (i > 0)
            {
                text.Append(separator);
            }

            text.Append(value, i, Math.Min(size, value.Length - i));
        }

        return text.ToString();
    }

    private DateTimeOffset Timestamp() => new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(_random.NextDouble() * 400_000_000);

    private string Digits(int count) => string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + _random.Next(10))));

    private string Letters(int count) => string.Concat(Enumerable.Range(0, count).Select(_ => (char)('A' + _random.Next(26))));

    private T Pick<T>(T[] choices) => choices[_random.Next(choices.Length)];

    private string Format(string[] formats, params object[] values) => string.Format(CultureInfo.InvariantCulture, Pick(formats), values);
}
