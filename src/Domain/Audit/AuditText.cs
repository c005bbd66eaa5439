using System.Text.RegularExpressions;
using SociaalDomein.Domain.Assignments;

namespace SociaalDomein.Domain.Audit;

/// <summary>
/// Keeps personal data out of audit text that may carry what a user typed or named (file names): a number that is a
/// BSN (nine digits passing the 11-test, also written 1234.56.782) and a full postcode, with the house number after
/// it, are masked. The application's own subjects name things (a reference date, a 4-digit postcode, a district),
/// never people; this is the safety net for the rest.
/// </summary>
public static partial class AuditText
{
    public const string MaskedBsn = "[BSN weggelaten]";

    public static string WithoutPersonalData(string text)
    {
        var withoutBsn = BsnLike().Replace(text, m =>
            Bsn.IsValid(m.Groups[1].Value + m.Groups[2].Value + m.Groups[3].Value) ? MaskedBsn : m.Value);
        return FullPostcode().Replace(withoutBsn, m => m.Groups["digits"].Value + " **");
    }

    [GeneratedRegex(@"(?<![\d.])(\d{4})[ .]?(\d{2})[ .]?(\d{3})(?![\d.]?\d)", RegexOptions.CultureInvariant)]
    private static partial Regex BsnLike();

    /// <summary>8011 AB, 8011AB, 8011ab, optionally followed by a house number (and addition): 8011 AB 3, 8011AB-12a.</summary>
    [GeneratedRegex(@"(?<!\d)(?<digits>[1-9]\d{3})(?: ?[A-Z]{2}|[a-z]{2})(?![A-Za-z])(?:[ ,_-]*\d+(?: ?[A-Za-z](?![A-Za-z]))?)?", RegexOptions.CultureInvariant)]
    private static partial Regex FullPostcode();
}
