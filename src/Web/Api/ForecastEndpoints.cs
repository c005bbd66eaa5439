using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Domain.Forecasts;
using SociaalDomein.Infrastructure.Forecasts;
using SociaalDomein.Web.Auth;

namespace SociaalDomein.Web.Api;

/// <summary>/api/forecast: the year-end forecast per budget line, domain and total as of a month end, three methods side by
/// side with the recommended one (docs/domain.md §7), and each method's accuracy on a line's past years. The stored figures
/// (<see cref="ForecastFigureStore"/>: computed by the recompute job, or on this request when missing or stale), with the
/// moment they were computed. Read by Wethouder, Controller, Contractmanager and Beheerder.</summary>
public static class ForecastEndpoints
{
    [Description("De prognose van één begrotingspost, of de som van een domein of van alles. Bedragen in euro's; een methode die niet " +
        "te berekenen is, is null met de reden in het veld ernaast.")]
    public sealed record ForecastFiguresDto(
        [property: Description("Code van de post, zoals WMO-04; leeg bij een domein of het totaal.")] string? Code,
        [property: Description("Naam van de post of het domein; 'Totaal' voor het totaal.")] string Name,
        [property: Description("Actuele begroting: oorspronkelijk plus goedgekeurde mutaties.")] decimal Budget,
        [property: Description("Werkelijk tot en met de peildatum: de maandrealisaties tot en met de maand van de peildatum.")] decimal ActualToDate,
        [property: Description("Lineaire prognose: werkelijk tot nu toe × 12 ÷ verstreken maanden.")] decimal? Linear,
        [property: Description("Waarom de lineaire prognose niet te berekenen is.")] string? LinearReason,
        [property: Description("Prognose gecorrigeerd voor late declaraties (chain ladder op de declaraties van de post).")] decimal? LagAdjusted,
        [property: Description("Waarom de gecorrigeerde prognose niet te berekenen is, zoals 'Geen declaraties gekoppeld aan deze post'.")] string? LagAdjustedReason,
        [property: Description("Prognose op basis van toewijzingen: werkelijk tot nu toe plus de rest van de toewijzingen × de uitputting van eerdere jaren.")] decimal? Commitment,
        [property: Description("Waarom de prognose op basis van toewijzingen niet te berekenen is.")] string? CommitmentReason,
        [property: Description("De prognose die telt: die van de methode die een controller voor de post koos, anders de aanbevolen; bij een som de som daarvan.")] decimal? Recommended,
        [property: Description("Waarom er geen aanbevolen prognose is.")] string? RecommendedReason,
        [property: Description("Bij een post: de methode van die prognose (linear, lagAdjusted of commitment): de door een controller gekozen, anders de aanbevolen; leeg bij een som.")] string? Method,
        [property: Description("Bij een post: die methode in het Nederlands.")] string? MethodName,
        [property: Description("Bij een post: waarom deze methode (gekozen door een controller met diens reden, geen declaraties, geen afgesloten jaar, of de aanbevolen methode is op de peildatum stil).")] string? MethodNote,
        [property: Description("Verwacht saldo: begroting min de prognose die telt; negatief is een verwachte overschrijding.")] decimal? Balance,
        [property: Description("Bij een som: bij hoeveel posten de lineaire prognose niet te berekenen was (daar telt de aanbevolen mee).")] string? LinearNote,
        [property: Description("Bij een som: bij hoeveel posten de gecorrigeerde prognose niet te berekenen was (daar telt de aanbevolen mee).")] string? LagAdjustedNote,
        [property: Description("Bij een som: bij hoeveel posten de prognose op basis van toewijzingen niet te berekenen was (daar telt de aanbevolen mee).")] string? CommitmentNote);

    [Description("De prognose per begrotingspost, per domein en in totaal voor een jaar op een peildatum.")]
    public sealed record ForecastDto(
        [property: Description("Prognosejaar.")] int Year,
        [property: Description("Peildatum: het maandeinde waarop de prognose is gemaakt.")] DateOnly AsOf,
        [property: Description("Wanneer de prognose is berekend (met tijdzone): na elke import en 's nachts, of bij deze vraag als de gegevens sindsdien veranderden.")] DateTimeOffset ComputedAt,
        [property: Description("De posten, per domein in de volgorde van Bijlage 1.")] IReadOnlyList<ForecastFiguresDto> Lines,
        [property: Description("De som per domein.")] IReadOnlyList<ForecastFiguresDto> Domains,
        [property: Description("De som van alle posten.")] ForecastFiguresDto Total);

    [Description("Wat elke methode op één maandeinde van een afgesloten jaar voorspelde, tegen de uitkomst. Fout = prognose − uitkomst.")]
    public sealed record AccuracyPointDto(
        [property: Description("Jaar.")] int Year,
        [property: Description("Het maandeinde van de prognose.")] DateOnly AsOf,
        [property: Description("De uitkomst: het werkelijke bedrag van het hele jaar.")] decimal Outcome,
        [property: Description("Lineaire prognose; null als niet te berekenen.")] decimal? Linear,
        [property: Description("Fout van de lineaire prognose in euro's (positief: te hoog).")] decimal? LinearError,
        [property: Description("Fout van de lineaire prognose als fractie van de uitkomst (0.05 = 5 %).")] decimal? LinearRelativeError,
        [property: Description("Gecorrigeerde prognose; null als niet te berekenen.")] decimal? LagAdjusted,
        [property: Description("Fout van de gecorrigeerde prognose in euro's.")] decimal? LagAdjustedError,
        [property: Description("Fout van de gecorrigeerde prognose als fractie van de uitkomst.")] decimal? LagAdjustedRelativeError,
        [property: Description("Prognose op basis van toewijzingen; null als niet te berekenen.")] decimal? Commitment,
        [property: Description("Fout van de prognose op basis van toewijzingen in euro's.")] decimal? CommitmentError,
        [property: Description("Fout van de prognose op basis van toewijzingen als fractie van de uitkomst.")] decimal? CommitmentRelativeError);

    [Description("Hoe goed één methode het deed in de vergeleken jaren.")]
    public sealed record MethodAccuracyDto(
        [property: Description("linear, lagAdjusted of commitment.")] string Method,
        [property: Description("De methode in het Nederlands.")] string Name,
        [property: Description("Aantal maandeinden in de vergeleken jaren.")] int Points,
        [property: Description("Op hoeveel daarvan de methode een prognose gaf.")] int Computable,
        [property: Description("Of de methode meedeed in de vergelijking (een prognose op minstens de helft van de maandeinden).")] bool Compared,
        [property: Description("Gemiddelde absolute fout in euro's.")] decimal? MeanAbsoluteError,
        [property: Description("Typische fout in euro's: vier van de vijf prognoses zaten minstens zo dichtbij (80e percentiel).")] decimal? TypicalAbsoluteError);

    [Description("De aanbevolen methode: de kleinste gemiddelde absolute fout over de laatste jaren, op dezelfde maandeinden.")]
    public sealed record RecommendationDto(
        [property: Description("linear, lagAdjusted of commitment; null als er geen aanbeveling is.")] string? Method,
        [property: Description("De aanbevolen methode in het Nederlands.")] string? Name,
        [property: Description("Haar typische fout in euro's: 'doorgaans binnen ± dit bedrag'.")] decimal? TypicalAbsoluteError,
        [property: Description("Haar gemiddelde absolute fout in euro's.")] decimal? MeanAbsoluteError,
        [property: Description("De vergeleken jaren.")] IReadOnlyList<int> Years,
        [property: Description("Op hoeveel maandeinden de methoden zijn vergeleken.")] int ComparedPoints,
        [property: Description("Waarom er geen aanbeveling is.")] string? Reason,
        [property: Description("Elke methode.")] IReadOnlyList<MethodAccuracyDto> Methods);

    [Description("De nauwkeurigheid van de methoden voor één begrotingspost in de afgesloten jaren.")]
    public sealed record AccuracyDto(
        [property: Description("Code van de post.")] string Code,
        [property: Description("Naam van de post.")] string Name,
        [property: Description("Of de post aan declaraties is gekoppeld; zo niet, dan rekent alleen de lineaire methode.")] bool Linked,
        [property: Description("De jaren van de terugtoets: vóór dit jaar, met werkelijke bedragen voor alle 12 maanden.")] IReadOnlyList<int> Years,
        [property: Description("Per jaar en maandeinde de drie prognoses, de uitkomst en de fouten.")] IReadOnlyList<AccuracyPointDto> Points,
        [property: Description("De aanbevolen methode met haar typische fout.")] RecommendationDto Recommendation,
        [property: Description("Wanneer de nauwkeurigheid is berekend (met tijdzone).")] DateTimeOffset ComputedAt);

    public static RouteGroupBuilder MapForecast(this IEndpointRouteBuilder api)
    {
        var forecast = api.MapGroup("/forecast")
            .WithTags(ApiTags.Prognose)
            .RequireAuthorization(AuthenticationSetup.Policies.Aanbieders);

        forecast.MapGet("", ForecastAsync)
            .WithName("GetForecast")
            .WithSummary("Jaarprognose per begrotingspost")
            .WithDescription("Per begrotingspost, per domein en in totaal de begroting, het werkelijke bedrag tot de peildatum en de prognose " +
                "voor het hele jaar op drie manieren (lineair, gecorrigeerd voor late declaraties, op basis van toewijzingen), de aanbevolen " +
                "prognose en het verwachte saldo. Een methode die niet te berekenen is, is null met de reden ernaast; in een som telt dan de " +
                "aanbevolen prognose van die post mee. Peildatum: een maandeinde in het jaar, niet in de toekomst. De cijfers zijn opgeslagen: " +
                "berekend na elke import van realisatie, declaraties of toewijzingen en elke nacht, en bij de vraag zelf als er sindsdien iets " +
                "veranderde; computedAt zegt wanneer.");

        forecast.MapGet("/accuracy", AccuracyAsync)
            .WithName("GetForecastAccuracy")
            .WithSummary("Nauwkeurigheid van de prognosemethoden voor een post")
            .WithDescription("Voor elk afgesloten jaar en elk maandeinde wat elke methode toen zou hebben voorspeld, met alleen wat toen " +
                "bekend was, tegen de uitkomst: de fout in euro's en als fractie. Met de aanbevolen methode en haar typische fout. " +
                "Opgeslagen zoals de prognose; computedAt zegt wanneer berekend.");

        return forecast;
    }

    private static async Task<Results<Ok<ForecastDto>, ValidationProblem>> ForecastAsync(
        [Description("Het prognosejaar, bijvoorbeeld 2017.")] string? year,
        [Description("De peildatum: een maandeinde als JJJJ-MM-DD, bijvoorbeeld 2017-09-30.")] string? asOf,
        ForecastFigureStore forecasts, CancellationToken ct)
    {
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var parsedYear) || parsedYear is < 2000 or > 2100)
        {
            return ApiProblems.Invalid("year", "Ongeldig jaar", "Geef een jaar van 2000 tot en met 2100 op, bijvoorbeeld year=2017.");
        }

        if (!DateOnly.TryParseExact(asOf?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return ApiProblems.Invalid("asOf", "Ongeldige peildatum", "Geef de peildatum als JJJJ-MM-DD, een maandeinde, bijvoorbeeld asOf=2017-09-30.");
        }

        var answer = await forecasts.ForecastAsync(parsedYear, date, ct);
        if (answer.Value is not { } report)
        {
            return ApiProblems.Invalid(answer.Parameter!, answer.Parameter == "year" ? "Ongeldig jaar" : "Ongeldige peildatum", answer.Error!);
        }

        return TypedResults.Ok(new ForecastDto(
            report.Year, report.AsOf, report.ComputedAt,
            report.Lines.Select(l => ToDto(l.Code, l.Name, l.Figures)).ToList(),
            report.Domains.Select(d => ToDto(null, d.Domain.DutchName(), d.Figures)).ToList(),
            ToDto(null, "Totaal", report.Total)));
    }

    private static ForecastFiguresDto ToDto(string? code, string name, ForecastFigures f) => new(
        code, name, f.Budget, f.ActualToDate,
        f.Linear.Amount, f.Linear.Reason, f.LagAdjusted.Amount, f.LagAdjusted.Reason, f.Commitment.Amount, f.Commitment.Reason,
        f.Recommended.Amount, f.Recommended.Reason, f.Method is { } m ? Code(m) : null, f.Method?.DutchName(), f.MethodNote, f.Balance,
        f.Linear.Note, f.LagAdjusted.Note, f.Commitment.Note);

    private static async Task<Results<Ok<AccuracyDto>, ValidationProblem>> AccuracyAsync(
        [Description("Code van de begrotingspost, bijvoorbeeld WMO-04.")] string? line, ForecastFigureStore forecasts, CancellationToken ct)
    {
        var answer = await forecasts.AccuracyAsync(line, ct);
        if (answer.Value is not { } accuracy)
        {
            return ApiProblems.Invalid(answer.Parameter!, "Onbekende post", answer.Error!);
        }

        var points = accuracy.Points.GroupBy(p => (p.Year, p.AsOfMonth)).OrderBy(g => g.Key.Year).ThenBy(g => g.Key.AsOfMonth)
            .Select(g =>
            {
                var by = g.ToDictionary(p => p.Method);
                return new AccuracyPointDto(g.Key.Year, ForecastCalendar.MonthEnd(g.Key.Year, g.Key.AsOfMonth), g.First().Outcome,
                    by[ForecastMethod.Linear].Forecast.Amount, by[ForecastMethod.Linear].Error, by[ForecastMethod.Linear].RelativeError,
                    by[ForecastMethod.LagAdjusted].Forecast.Amount, by[ForecastMethod.LagAdjusted].Error, by[ForecastMethod.LagAdjusted].RelativeError,
                    by[ForecastMethod.Commitment].Forecast.Amount, by[ForecastMethod.Commitment].Error, by[ForecastMethod.Commitment].RelativeError);
            }).ToList();
        var r = accuracy.Recommendation;
        return TypedResults.Ok(new AccuracyDto(accuracy.Code, accuracy.Name, accuracy.Linked, accuracy.Years, points, new RecommendationDto(
            r.Method is { } m ? Code(m) : null, r.Method?.DutchName(), r.Recommended?.TypicalAbsoluteError, r.Recommended?.MeanAbsoluteError,
            r.Years, r.ComparedPoints, r.Reason,
            r.Methods.Select(a => new MethodAccuracyDto(Code(a.Method), a.Method.DutchName(), a.Points, a.Computable, a.Compared,
                a.MeanAbsoluteError, a.TypicalAbsoluteError)).ToList()), accuracy.ComputedAt));
    }

    /// <summary>The method as the name of its field: linear, lagAdjusted, commitment.</summary>
    public static string Code(ForecastMethod method) => method switch
    {
        ForecastMethod.Linear => "linear",
        ForecastMethod.LagAdjusted => "lagAdjusted",
        ForecastMethod.Commitment => "commitment",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };
}
