using System.Globalization;
using System.Text.RegularExpressions;

namespace SociaalDomein.Web.Components.Scenarios.Editing;

/// <summary>
/// An amount in euros as a person types it in Dutch notation (docs/domain.md §3): <c>250000</c>, <c>250.000</c>,
/// <c>-1.250.000,50</c>, <c>€ 1.000</c>. Strict about the dot: it only groups thousands, so <c>1.5</c> is refused
/// instead of read as fifteen. Never throws; a text that is not an amount gives a Dutch message.
/// </summary>
public static partial class AmountInput
{
    /// <summary>Reads <paramref name="text"/>. Empty text is no amount (<paramref name="amount"/> null) and no error;
    /// whether that is allowed is up to the form.</summary>
    public static bool TryParse(string? text, out decimal? amount, out string? error)
    {
        amount = null;
        error = null;
        var cleaned = (text ?? "").Replace("€", "").Replace('\u2212', '-').Replace('\u2013', '-');
        cleaned = string.Concat(cleaned.Where(c => !char.IsWhiteSpace(c)));
        if (cleaned.Length == 0)
        {
            return true;
        }

        var match = Pattern().Match(cleaned);
        if (!match.Success)
        {
            error = $"'{Cut(text!.Trim())}' is geen bedrag. Schrijf het in euro's, zoals 250.000 of -1.250.000,50 (punt voor duizendtallen, komma voor centen).";
            return false;
        }

        if (match.Groups["cents"].Value.Length > 2)
        {
            error = "Een bedrag heeft hoogstens twee cijfers achter de komma.";
            return false;
        }

        var whole = match.Groups["whole"].Value.Replace(".", "");
        if (whole.TrimStart('0').Length > 12)
        {
            error = "Dit bedrag is te groot.";
            return false;
        }

        var invariant = (match.Groups["sign"].Value == "-" ? "-" : "") + whole + (match.Groups["cents"].Success ? "." + match.Groups["cents"].Value : "");
        amount = decimal.Parse(invariant, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>An amount as the input fields show it: <c>1.250.000</c>, <c>-1.250.000,50</c> (no currency sign).</summary>
    public static string Format(decimal amount) =>
        amount.ToString(amount == decimal.Truncate(amount) ? "N0" : "N2", SociaalDomein.Web.Formatting.Dutch.Culture);

    /// <summary>Whole euros when the amount has no cents (€ 250.000), otherwise with cents (€ 1.250,50).</summary>
    public static string Money(decimal amount) =>
        amount == decimal.Truncate(amount) ? SociaalDomein.Web.Formatting.Dutch.WholeEuro(amount) : SociaalDomein.Web.Formatting.Dutch.Euro(amount);

    private static string Cut(string text) => text.Length <= 30 ? text : text[..29] + "…";

    [GeneratedRegex(@"^(?<sign>[-+]?)(?<whole>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?<cents>\d+))?$")]
    private static partial Regex Pattern();
}
