using System.Globalization;
using SociaalDomein.Domain.Imports;

namespace SociaalDomein.Web.Formatting;

/// <summary>Dutch formatting for people (docs/domain.md §3): € 1.234.567,89, 23-11-2026, € 10,5 mln.</summary>
public static class Dutch
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("nl-NL");

    public static string Euro(decimal amount) => amount.ToString("C2", Culture);

    public static string WholeEuro(decimal amount) => amount.ToString("C0", Culture);

    /// <summary>Millions with one decimal: € 10,5 mln; € -7,1 mln.</summary>
    public static string EuroMillions(decimal amount) =>
        (Math.Round(amount / 1_000_000m, 1, MidpointRounding.AwayFromZero)).ToString("C1", Culture) + " mln";

    /// <summary>Thousands of euros without the sign, as council papers print tables "(bedragen x € 1.000)": 45.318, -3.220.</summary>
    public static string Thousands(decimal amount) =>
        Math.Round(amount / 1_000m, MidpointRounding.AwayFromZero).ToString("N0", Culture);

    public static string Date(DateOnly date) => date.ToString("dd-MM-yyyy", Culture);

    /// <summary>A moment in Dutch time: 23-11-2026 14:05.</summary>
    public static string DateTime(DateTimeOffset moment) =>
        TimeZoneInfo.ConvertTime(moment, Amsterdam).ToString("dd-MM-yyyy HH:mm", Culture);

    /// <summary>A moment in Dutch time to the second, as the audit log shows it: 23-11-2026 14:05:09.</summary>
    public static string Timestamp(DateTimeOffset moment) =>
        TimeZoneInfo.ConvertTime(moment, Amsterdam).ToString("dd-MM-yyyy HH:mm:ss", Culture);

    /// <summary>The moment a day starts in Dutch time (a period filter in the audit log is in whole Dutch days).</summary>
    public static DateTimeOffset StartOfDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Amsterdam.GetUtcOffset(local));
    }

    public static string Status(ImportStatus status) => status switch
    {
        ImportStatus.Queued => "In de wachtrij",
        ImportStatus.Running => "Bezig",
        ImportStatus.Succeeded => "Geslaagd",
        ImportStatus.Failed => "Mislukt",
        ImportStatus.Rejected => "Afgekeurd",
        _ => status.ToString(),
    };

    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static string Number(int value) => value.ToString("N0", Culture);
}
