using System.Globalization;
using System.Runtime.CompilerServices;
using SociaalDomein.Domain.Assignments;

namespace SociaalDomein.Infrastructure.Imports.Toewijzingen;

/// <summary>Parsing of the values municipal exports write (docs/import-formats.md "Conventions"), on spans so a million
/// rows do not allocate a string per value.</summary>
internal static class DutchValues
{
    /// <summary><c>yyyy-MM-dd</c>, <c>dd-MM-yyyy</c> and <c>d-M-yyyy</c>; a time after a space (<c>2018-03-01 00:00:00</c>,
    /// as some exports write) is ignored. <c>/</c> is accepted as well as <c>-</c>.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        var space = text.IndexOf(' ');
        if (space > 0)
        {
            text = text[..space];
        }

        Span<Range> parts = stackalloc Range[4];
        var separator = text.Contains('/') ? '/' : '-';
        if (text.Split(parts, separator) != 3)
        {
            return false;
        }

        ReadOnlySpan<char> first = text[parts[0]], second = text[parts[1]], third = text[parts[2]];
        int year, month, day;
        if (first.Length == 4)
        {
            if (!TryDigits(first, 4, 4, out year) || !TryDigits(second, 1, 2, out month) || !TryDigits(third, 1, 2, out day))
            {
                return false;
            }
        }
        else if (!TryDigits(first, 1, 2, out day) || !TryDigits(second, 1, 2, out month) || !TryDigits(third, 4, 4, out year))
        {
            return false;
        }

        if (year < 1900 || year > 2200 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>
    /// Amounts as people and programs write them: <c>1234.56</c>, <c>1234,56</c>, <c>1.234,56</c>, <c>1,234.56</c>,
    /// <c>€ 1.234,56</c>. When both <c>.</c> and <c>,</c> occur, the last one is the decimal separator. A single
    /// <c>,</c> is decimal. A single <c>.</c> followed by exactly three digits is ambiguous: it is read as a thousands
    /// separator only when the whole value matches <c>^[1-9]\d{0,2}(\.\d{3})+$</c> (so <c>1.234</c> is 1234, while
    /// <c>0.500</c> and <c>1234.567</c> are decimals); a repeated separator must follow that pattern
    /// (<c>1.234.567</c>, <c>1,234,567</c>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // per row of a million-row import (docs/benchmarks.md)
    public static bool TryParseAmount(ReadOnlySpan<char> text, out decimal amount)
    {
        amount = 0;
        Span<char> buffer = stackalloc char[64];
        var length = 0;
        foreach (var c in text)
        {
            if (c is '€' or ' ' or '\u00A0' or '\u202F')
            {
                continue;
            }

            if (length == buffer.Length)
            {
                return false;
            }

            buffer[length++] = c;
        }

        var value = buffer[..length];
        if (value.StartsWith("EUR", StringComparison.OrdinalIgnoreCase))
        {
            value = value[3..];
        }

        var negative = false;
        if (value.Length > 0 && value[0] is '-' or '+')
        {
            negative = value[0] == '-';
            value = value[1..];
        }

        if (value.Length == 0)
        {
            return false;
        }

        var lastDot = value.LastIndexOf('.');
        var lastComma = value.LastIndexOf(',');
        char? decimalSeparator;
        if (lastDot >= 0 && lastComma >= 0)
        {
            decimalSeparator = lastDot > lastComma ? '.' : ',';
        }
        else if (lastDot < 0 && lastComma < 0)
        {
            decimalSeparator = null;
        }
        else
        {
            var separator = lastDot >= 0 ? '.' : ',';
            var count = value.Count(separator);
            if (separator == ',' && count == 1)
            {
                decimalSeparator = ',';
            }
            else if (IsThousandsPattern(value, separator))
            {
                decimalSeparator = null;
            }
            else if (count == 1)
            {
                decimalSeparator = separator;
            }
            else
            {
                return false;
            }
        }

        // Rebuild as invariant digits: drop the thousands separator (checking its groups), keep one '.' as decimal.
        Span<char> invariant = stackalloc char[value.Length];
        var n = 0;
        var decimalSeen = false;
        var digitsSinceSeparator = -1;
        foreach (var c in value)
        {
            if (c is >= '0' and <= '9')
            {
                invariant[n++] = c;
                if (digitsSinceSeparator >= 0)
                {
                    digitsSinceSeparator++;
                }
            }
            else if (c == decimalSeparator)
            {
                if (decimalSeen || (digitsSinceSeparator >= 0 && digitsSinceSeparator != 3))
                {
                    return false;
                }

                decimalSeen = true;
                digitsSinceSeparator = -1;
                invariant[n++] = '.';
            }
            else if (c is '.' or ',')
            {
                // A thousands separator: groups of exactly three digits, none after the decimal separator.
                if (decimalSeen || n == 0 || (digitsSinceSeparator >= 0 && digitsSinceSeparator != 3))
                {
                    return false;
                }

                digitsSinceSeparator = 0;
            }
            else
            {
                return false;
            }
        }

        if (digitsSinceSeparator >= 0 && digitsSinceSeparator != 3)
        {
            return false;
        }

        if (n == 0)
        {
            return false;
        }

        if (!decimal.TryParse(invariant[..n], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount))
        {
            return false;
        }

        if (negative)
        {
            amount = -amount;
        }

        return true;
    }

    /// <summary><c>1234AB</c> or <c>1234 AB</c> (any case): four digits, the first not 0, and two letters.</summary>
    public static bool TryNormalisePostcode(ReadOnlySpan<char> text, out string postcode)
    {
        postcode = "";
        Span<char> buffer = stackalloc char[6];
        var n = 0;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                continue;
            }

            if (n == 6)
            {
                return false;
            }

            buffer[n++] = char.ToUpperInvariant(c);
        }

        if (n != 6 || buffer[0] is < '1' or > '9' || !char.IsAsciiDigit(buffer[1]) || !char.IsAsciiDigit(buffer[2])
            || !char.IsAsciiDigit(buffer[3]) || !char.IsAsciiLetterUpper(buffer[4]) || !char.IsAsciiLetterUpper(buffer[5]))
        {
            return false;
        }

        postcode = new string(buffer);
        return true;
    }

    public static bool TryParseLaw(ReadOnlySpan<char> text, out Law law)
    {
        law = default;
        if (text.Equals("wmo", StringComparison.OrdinalIgnoreCase))
        {
            law = Law.Wmo;
        }
        else if (text.Equals("jeugdwet", StringComparison.OrdinalIgnoreCase) || text.Equals("jeugd", StringComparison.OrdinalIgnoreCase))
        {
            law = Law.Jeugdwet;
        }
        else if (text.Equals("participatiewet", StringComparison.OrdinalIgnoreCase) || text.Equals("participatie", StringComparison.OrdinalIgnoreCase))
        {
            law = Law.Participatiewet;
        }
        else
        {
            return false;
        }

        return true;
    }

    public static bool TryParseDeliveryForm(ReadOnlySpan<char> text, out DeliveryForm form)
    {
        form = default;
        if (text.Equals("zin", StringComparison.OrdinalIgnoreCase) || text.Equals("zorg in natura", StringComparison.OrdinalIgnoreCase))
        {
            form = DeliveryForm.InKind;
        }
        else if (text.Equals("pgb", StringComparison.OrdinalIgnoreCase) || text.Equals("persoonsgebonden budget", StringComparison.OrdinalIgnoreCase))
        {
            form = DeliveryForm.PersonalBudget;
        }
        else
        {
            return false;
        }

        return true;
    }

    public static bool TryParseSex(ReadOnlySpan<char> text, out Sex sex)
    {
        sex = default;
        if (text.Equals("m", StringComparison.OrdinalIgnoreCase) || text.Equals("man", StringComparison.OrdinalIgnoreCase))
        {
            sex = Sex.Male;
        }
        else if (text.Equals("v", StringComparison.OrdinalIgnoreCase) || text.Equals("vrouw", StringComparison.OrdinalIgnoreCase))
        {
            sex = Sex.Female;
        }
        else if (text.Equals("x", StringComparison.OrdinalIgnoreCase) || text.Equals("o", StringComparison.OrdinalIgnoreCase))
        {
            sex = Sex.Other;
        }
        else
        {
            return false;
        }

        return true;
    }

    /// <summary><c>per dag</c>, <c>per week</c>, <c>per 4 weken</c>, <c>per maand</c>, <c>per jaar</c>, <c>totaal</c> or
    /// <c>totaal binnen geldigheidsduur</c>, case-insensitive, extra spaces ignored.</summary>
    public static bool TryParseFrequency(ReadOnlySpan<char> text, out Frequency frequency)
    {
        frequency = default;
        Span<char> buffer = stackalloc char[40];
        var n = 0;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                continue;
            }

            if (n == buffer.Length)
            {
                return false;
            }

            buffer[n++] = char.ToLowerInvariant(c);
        }

        switch (buffer[..n])
        {
            case "perdag": frequency = Frequency.PerDay; return true;
            case "perweek": frequency = Frequency.PerWeek; return true;
            case "per4weken" or "pervierweken": frequency = Frequency.Per4Weeks; return true;
            case "permaand": frequency = Frequency.PerMonth; return true;
            case "perjaar": frequency = Frequency.PerYear; return true;
            case "totaal" or "totaalbinnengeldigheidsduur": frequency = Frequency.Total; return true;
            default: return false;
        }
    }

    /// <summary>The unit in its canonical spelling (<c>minuut</c>, <c>uur</c>, <c>dagdeel</c>, <c>dag</c>, <c>etmaal</c>,
    /// <c>week</c>, <c>stuk</c>, <c>euro</c>); plurals are accepted.</summary>
    public static string? NormaliseUnit(ReadOnlySpan<char> text)
    {
        Span<char> lower = stackalloc char[Math.Min(text.Length, 20)];
        if (text.Length > 20)
        {
            return null;
        }

        text.ToLowerInvariant(lower);
        return lower switch
        {
            "minuut" or "minuten" or "min" => "minuut",
            "uur" or "uren" => "uur",
            "dagdeel" or "dagdelen" => "dagdeel",
            "dag" or "dagen" => "dag",
            "etmaal" or "etmalen" => "etmaal",
            "week" or "weken" => "week",
            "stuk" or "stuks" => "stuk",
            "euro" or "euro's" => "euro",
            _ => null,
        };
    }

    public const string Units = "minuut, uur, dagdeel, dag, etmaal, week, stuk of euro";

    private static bool IsThousandsPattern(ReadOnlySpan<char> value, char separator)
    {
        // ^[1-9]\d{0,2}(sep\d{3})+$
        var first = value.IndexOf(separator);
        if (first is < 1 or > 3 || value[0] == '0')
        {
            return false;
        }

        for (var i = 0; i < first; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return false;
            }
        }

        var rest = value[first..];
        if (rest.Length % 4 != 0)
        {
            return false;
        }

        for (var i = 0; i < rest.Length; i++)
        {
            if (i % 4 == 0 ? rest[i] != separator : !char.IsAsciiDigit(rest[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Only ASCII digits, between <paramref name="min"/> and <paramref name="max"/> of them (leading zeros allowed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // per row of a million-row import (docs/benchmarks.md)
    internal static bool TryDigits(ReadOnlySpan<char> text, int min, int max, out int value)
    {
        value = 0;
        if (text.Length < min || text.Length > max)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = value * 10 + (c - '0');
        }

        return true;
    }
}
