using System.Collections.Frozen;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Serialization;

namespace Connector.Core;

/// <summary>
/// The one map between enum values and the words the outside world sees: stored in the database, written in URLs and
/// JSON, shown by the API. Each member's word is its <see cref="JsonStringEnumMemberNameAttribute"/>, the same one
/// System.Text.Json writes, so the database stores what the API shows.
/// </summary>
/// <remarks>
/// Each enum's names are read once into arrays (stores and intake name values on every row, so nothing here
/// serializes or reflects per call). An enum used here must be int-backed, with values from 0, and every member must
/// carry the attribute: a member without one would otherwise travel under its C# name, which may then be renamed.
/// </remarks>
public static class WireNames
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => Table<TEnum>.Of(value);

    /// <summary>Case-insensitive, and blanks around the name are ignored.</summary>
    public static bool TryParse<TEnum>(string? name, out TEnum value) where TEnum : struct, Enum => Table<TEnum>.TryParse(name, out value);

    /// <exception cref="FormatException">Not one of the names; the message lists them.</exception>
    public static TEnum Parse<TEnum>(string name) where TEnum : struct, Enum =>
        Table<TEnum>.TryParse(name, out var value) ? value : throw new FormatException($"Unknown {Table<TEnum>.What} '{name}'. Allowed: {Allowed<TEnum>()}.");

    /// <summary>Every name, in the enum's order.</summary>
    public static IReadOnlyList<string> All<TEnum>() where TEnum : struct, Enum => Table<TEnum>.Names;

    /// <summary>The names as error messages list them: <c>voice, chat, whatsapp, email</c>.</summary>
    public static string Allowed<TEnum>() where TEnum : struct, Enum => Table<TEnum>.Joined;

    // One per enum type: the runtime keeps a generic class's statics per type argument, so finding the table costs
    // nothing per call.
    private static class Table<TEnum> where TEnum : struct, Enum
    {
        private static readonly TEnum[] Values = Enum.GetValues<TEnum>();
        public static readonly string What = Words(typeof(TEnum).Name);
        public static readonly string[] Names = ReadNames();
        public static readonly string Joined = string.Join(", ", Names);

        // A member's name at its int value (values are checked to run from 0 without gaps).
        private static readonly string[] NamesByValue = ByValue();

        private static readonly FrozenDictionary<string, TEnum>.AlternateLookup<ReadOnlySpan<char>> ByName = Values
            .Select((value, i) => KeyValuePair.Create(Names[i], value))
            .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();

        public static string Of(TEnum value)
        {
            var index = Unsafe.As<TEnum, int>(ref value);
            return (uint)index < (uint)NamesByValue.Length
                ? NamesByValue[index]
                : throw new ArgumentOutOfRangeException(nameof(value), value, $"Unknown {What}.");
        }

        public static bool TryParse(string? name, out TEnum value)
        {
            if (name is not null)
            {
                return ByName.TryGetValue(name.AsSpan().Trim(), out value);
            }

            value = default;
            return false;
        }

        private static string[] ReadNames()
        {
            if (Enum.GetUnderlyingType(typeof(TEnum)) != typeof(int))
            {
                throw new InvalidOperationException($"{typeof(TEnum).Name} is not int-backed; {nameof(WireNames)} reads only int-backed enums.");
            }

            var names = Values.Select(value =>
                typeof(TEnum).GetField(value.ToString(), BindingFlags.Public | BindingFlags.Static)?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
                    ?? throw new InvalidOperationException($"{typeof(TEnum).Name}.{value} has no [JsonStringEnumMemberName]: say which word it is stored and shown as."))
                .ToArray();
            if (names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Length)
            {
                throw new InvalidOperationException($"{typeof(TEnum).Name} gives two members the same wire name (names are read ignoring case): {string.Join(", ", names)}.");
            }

            return names;
        }

        private static string[] ByValue()
        {
            var byValue = new string[Values.Length];
            for (var i = 0; i < Values.Length; i++)
            {
                var value = Values[i];
                var index = Unsafe.As<TEnum, int>(ref value);
                if ((uint)index >= (uint)byValue.Length || byValue[index] is not null)
                {
                    throw new InvalidOperationException($"{typeof(TEnum).Name}'s values must run 0, 1, 2… without gaps; {value} is {index}.");
                }

                byValue[index] = Names[i];
            }

            return byValue;
        }

        // RoutingTaskState → "routing task state", for error messages.
        private static string Words(string pascal)
        {
            var words = new StringBuilder();
            foreach (var c in pascal)
            {
                if (char.IsUpper(c) && words.Length > 0)
                {
                    words.Append(' ');
                }

                words.Append(char.ToLowerInvariant(c));
            }

            return words.ToString();
        }
    }
}
