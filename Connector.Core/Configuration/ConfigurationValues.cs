using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Connector.Core.Configuration;

/// <summary>
/// Finds the configuration values that cannot become their options property's type, before the binder throws on
/// them with a message that names neither the accepted form nor an example. Mirrors what the binder converts:
/// simple values through their <see cref="TypeConverter"/> in the invariant culture, nested classes by their
/// sub-sections, lists and dictionaries by their children.
/// </summary>
internal static class ConfigurationValues
{
    public static List<string> Problems(IConfigurationSection section, Type type)
    {
        var problems = new List<string>();
        Check(section, type, problems);
        return problems;
    }

    private static void Check(IConfigurationSection section, Type type, List<string> problems)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            CheckValue(section.GetSection(property.Name), property.PropertyType, problems);
        }
    }

    private static void CheckValue(IConfigurationSection section, Type type, List<string> problems)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (IsSimple(target))
        {
            if (section.Value is { Length: > 0 } value && !Converts(value, target))
            {
                problems.Add($"{section.Path}: '{value}' is not {Describe(target)}.");
            }

            return;
        }

        if (ElementType(target) is { } element)
        {
            foreach (var child in section.GetChildren())
            {
                CheckValue(child, element, problems);
            }

            return;
        }

        if (target.IsClass && section.Exists())
        {
            Check(section, target, problems);
        }
    }

    private static bool IsSimple(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Guid) || type == typeof(Uri);

    /// <summary>The element type of a list, array or string-keyed dictionary the binder fills child by child.</summary>
    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (!type.IsGenericType)
        {
            return null;
        }

        var arguments = type.GetGenericArguments();
        return arguments.Length switch
        {
            1 when typeof(System.Collections.IEnumerable).IsAssignableFrom(type) => arguments[0],
            2 when arguments[0] == typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) => arguments[1],
            _ => null,
        };
    }

    private static bool Converts(string value, Type type)
    {
        try
        {
            TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or NotSupportedException or ArgumentException or OverflowException)
        {
            return false;
        }
    }

    private static string Describe(Type type) => type switch
    {
        _ when type == typeof(TimeSpan) => "a time span; write it as d.hh:mm:ss, e.g. 3.00:00:00 for 72 hours or 00:00:30 for 30 seconds",
        _ when type == typeof(bool) => "true or false",
        _ when type.IsEnum => $"one of {string.Join(", ", Enum.GetNames(type))}",
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "a whole number",
        _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => string.Create(CultureInfo.InvariantCulture, $"a number such as {1.5}"),
        _ when type == typeof(Uri) => "a URL",
        _ when type == typeof(Guid) => "a GUID",
        _ => $"a {type.Name}",
    };
}
