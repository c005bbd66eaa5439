using SociaalDomein.Domain.Providers;
using SociaalDomein.Web.Formatting;

namespace SociaalDomein.Web.Components.Providers;

/// <summary>How the Aanbieders pages write their figures (docs/domain.md §9): growth with its sign and direction
/// (+12,3 % / −4,0 %), fractions as percentages, days, and the Dutch name of a type that may still be unknown.</summary>
public static class ProviderFormat
{
    /// <summary>The real minus sign (U+2212), as a printed table has it.</summary>
    public const string Minus = "−";

    /// <summary>A growth fraction as a signed percentage with one decimal: 0.123 → "+12,3 %", −0.04 → "−4,0 %", null → "—".</summary>
    public static string Growth(decimal? fraction)
    {
        if (fraction is not { } f)
        {
            return "—";
        }

        var percent = Math.Round(f * 100m, 1, MidpointRounding.AwayFromZero);
        var sign = percent > 0 ? "+" : percent < 0 ? Minus : "";
        return $"{sign}{Math.Abs(percent).ToString("N1", Dutch.Culture)} %";
    }

    /// <summary>The direction of a growth for the eye (arrow) and for a screen reader (word): ▲ gegroeid, ▼ gedaald,
    /// ▶ gelijk; null when undefined.</summary>
    public static (string Arrow, string Word)? Direction(decimal? fraction) => fraction switch
    {
        null => null,
        > 0.0005m => ("▲", "groei"),
        < -0.0005m => ("▼", "daling"),
        _ => ("▶", "gelijk"),
    };

    /// <summary>A fraction as a percentage with one decimal: 0.213 → "21,3 %"; null → "—".</summary>
    public static string Percent(decimal? fraction) =>
        fraction is { } f ? $"{Math.Round(f * 100m, 1, MidpointRounding.AwayFromZero).ToString("N1", Dutch.Culture)} %" : "—";

    /// <summary>A whole percentage: 0.6 → "60 %"; null → "—".</summary>
    public static string WholePercent(decimal? fraction) =>
        fraction is { } f ? $"{Math.Round(f * 100m, 0, MidpointRounding.AwayFromZero).ToString("N0", Dutch.Culture)} %" : "—";

    public static string Days(decimal? days) =>
        days is { } d ? Math.Round(d, 0, MidpointRounding.AwayFromZero).ToString("N0", Dutch.Culture) : "—";

    public static string Euro(decimal? amount) => amount is { } a ? Dutch.WholeEuro(a) : "—";

    public static string TypeName(ProviderType? type) => type?.DutchName() ?? "Type onbekend";

    public static string FundingName(FundingModel? model) => model?.DutchName() ?? "Onbekend";

    /// <summary>The contract period as "01-01-2019 t/m 31-12-2020", open-ended "vanaf …", or "Onbekend".</summary>
    public static string ContractPeriod(DateOnly? start, DateOnly? end) => (start, end) switch
    {
        ({ } s, { } e) => $"{Dutch.Date(s)} t/m {Dutch.Date(e)}",
        ({ } s, null) => $"vanaf {Dutch.Date(s)}",
        (null, { } e) => $"tot en met {Dutch.Date(e)}",
        _ => "Onbekend",
    };

    /// <summary>The provider's absolute growth in clients against the previous year, recovered from its growth fraction:
    /// previous = clients ÷ (1 + growth). Without a growth (no clients the year before) all its clients are growth.</summary>
    public static int ClientGrowth(ProviderYearFigures figures)
    {
        if (figures.ClientsGrowth is not { } g)
        {
            return figures.Clients;
        }

        if (g <= -1m)
        {
            return -figures.Clients; // cannot recover the previous year when nothing is left
        }

        var previous = (int)Math.Round(figures.Clients / (1m + g), 0, MidpointRounding.AwayFromZero);
        return figures.Clients - previous;
    }

    /// <summary>The sentence about the top five growers, as the Drechtsteden study writes it: "De vijf snelst groeiende
    /// aanbieders namen 60 % van de groei voor hun rekening: A (+120), B (+80), …".</summary>
    public static string TopGrowersSentence(int year, TopGrowers top, IReadOnlyList<ProviderYearFigures> figures)
    {
        var byAgb = figures.ToDictionary(f => f.Agb);
        var named = top.Agbs.Select(agb => byAgb.TryGetValue(agb, out var f)
            ? $"{f.Name} ({Signed(ClientGrowth(f))} cliënten)"
            : $"Aanbieder {agb}").ToList();
        var (who, took) = named.Count == 1
            ? ("De snelst groeiende aanbieder", "nam")
            : ($"De {Count(named.Count)} snelst groeiende aanbieders", "namen");
        var list = named.Count switch
        {
            0 => "",
            1 => named[0],
            _ => string.Join(", ", named[..^1]) + " en " + named[^1],
        };
        var period = $"van {year - 1} op {year}";
        if (top.ShareOfGrowth is { } share && top.TotalGrowth > 0)
        {
            return $"{who} {took} {WholePercent(share)} van de groei in cliënten {period} voor hun rekening " +
                   $"({Signed(top.Growth)} van {Signed(top.TotalGrowth)}): {list}.";
        }

        return $"Het totale aantal cliënten groeide niet {period} ({Signed(top.TotalGrowth)}). {who}: {list}.";
    }

    /// <summary>A whole number with its sign: +120, −4, 0.</summary>
    public static string Signed(int value) =>
        value > 0 ? "+" + Dutch.Number(value) : value < 0 ? Minus + Dutch.Number(-value) : "0";

    private static string Count(int n) => n switch
    {
        2 => "twee",
        3 => "drie",
        4 => "vier",
        5 => "vijf",
        _ => Dutch.Number(n),
    };
}
