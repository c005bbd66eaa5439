using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Domain.Forecasts;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.Jobs;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Forecasts;

/// <summary>
/// The year-end forecast per budget line, domain and total as of a month end, and each method's accuracy on a line's past
/// years (docs/domain.md §7, issue 11), computed from the stored budget, actuals, claims and assignments with the pure
/// calculators of <c>SociaalDomein.Domain.Forecasts</c>. Pages, the API and the quarterly report read the results through
/// <see cref="ForecastFigureStore"/>, which stores them and calls this only when they are missing or stale. The database does the heavy part: claims are summed in
/// SQL per linked line × service month × submission month (the run-off triangle's cells) and per line × service period
/// (utilisation); only assignments of linked lines are read, as plain columns.
/// </summary>
public sealed class ForecastService(IDbContextFactory<AppDbContext> contexts, BudgetService budgets, TimeProvider clock)
{
    /// <summary>The reason of the lag-adjusted and commitment methods on a line without claims.</summary>
    public const string NotLinkedReason = "Geen declaraties gekoppeld aan deze post";

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>Today in the Netherlands.</summary>
    public DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), RecurringJobs.Amsterdam).DateTime);

    /// <summary>
    /// The forecast of <paramref name="year"/> as of <paramref name="asOf"/>. Refused, with a Dutch message on the parameter:
    /// an as-of date that is not a month end, lies in the future, lies outside the year or before the first actual or claim;
    /// a year without budget. Only what was known at the as-of date is used: actuals of the months up to it, claims
    /// submitted by it.
    /// </summary>
    public async Task<ForecastAnswer<ForecastReport>> ForecastAsync(int year, DateOnly asOf, CancellationToken ct = default)
    {
        if (asOf != ForecastCalendar.MonthEnd(asOf.Year, asOf.Month))
        {
            return ForecastAnswer<ForecastReport>.Invalid("asOf",
                $"De peildatum {Date(asOf)} is geen maandeinde; kies de laatste dag van een maand, zoals {Date(ForecastCalendar.MonthEnd(asOf.Year, asOf.Month))}.");
        }

        var today = Today();
        if (asOf > today)
        {
            return ForecastAnswer<ForecastReport>.Invalid("asOf", $"De peildatum {Date(asOf)} ligt in de toekomst; kies een maandeinde tot en met vandaag ({Date(today)}).");
        }

        var table = await budgets.TableAsync(year, ct);
        if (table is null)
        {
            return ForecastAnswer<ForecastReport>.Invalid("year", $"Voor {year} is geen begroting ingelezen; een prognose heeft een begroting nodig.");
        }

        if (asOf.Year != year)
        {
            return ForecastAnswer<ForecastReport>.Invalid("asOf",
                $"De peildatum {Date(asOf)} ligt niet in {year}; kies een maandeinde in {year}, zoals {Date(ForecastCalendar.MonthEnd(year, 9))}.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await HasDataByAsync(db, asOf, ct))
        {
            return ForecastAnswer<ForecastReport>.Invalid("asOf", await FirstDataAsync(db, ct) is { } first
                ? $"Op {Date(asOf)} waren er nog geen gegevens: de eerste realisatie of declaratie is van {Date(first)}."
                : "Er zijn nog geen realisaties of declaraties ingelezen; een prognose heeft gegevens nodig.");
        }

        var inputs = await ForecastInputs.LoadAsync(db, year, asOf, ct);
        var choices = await db.ForecastMethodChoices.AsNoTracking().ToDictionaryAsync(c => c.BudgetLineId, MethodChoiceSummary.Of, ct);
        var months = ForecastCalendar.MonthsElapsed(year, asOf);
        var lines = table.Domains.SelectMany(d => d.Lines.Select(l => (d.Domain, Line: l)))
            .Where(l => inputs.LineIds.ContainsKey(l.Line.Code))
            .Select(l => Forecast(inputs, inputs.LineIds[l.Line.Code], l.Line, l.Domain, year, months, asOf, choices.GetValueOrDefault(inputs.LineIds[l.Line.Code])))
            .ToList();
        var domains = lines.GroupBy(l => l.Domain).OrderBy(g => g.Key)
            .Select(g => new DomainForecast(g.Key, g.ToList(), ForecastSums.Sum(g.Select(l => l.Figures).ToList())))
            .ToList();
        return ForecastAnswer<ForecastReport>.Of(new ForecastReport(
            year, asOf, months, clock.GetUtcNow(), domains, ForecastSums.Sum(lines.Select(l => l.Figures).ToList())));
    }

    /// <summary>The as-of date a page opens on: the last month end with a monthly actual in the latest year that has both a
    /// budget and monthly actuals; null when no year has both.</summary>
    public async Task<DateOnly?> DefaultAsOfAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var latest = await db.ActualMonths.Where(a => db.BudgetLineYears.Any(y => y.Year == a.Year))
            .OrderByDescending(a => a.Year).ThenByDescending(a => a.Month)
            .Select(a => new { a.Year, a.Month }).FirstOrDefaultAsync(ct);
        return latest is null ? null : ForecastCalendar.MonthEnd(latest.Year, latest.Month);
    }

    /// <summary>
    /// Each method's forecast at every month end of the line's past years (before this year, with actuals for all 12
    /// months), against the outcome, and the recommended method with its typical error. The data is everything known
    /// today. Refused, with a Dutch message on "line", for an unknown line code.
    /// </summary>
    public Task<ForecastAnswer<LineAccuracy>> AccuracyAsync(string? lineCode, CancellationToken ct = default) => AccuracyAsync(lineCode, Today(), ct);

    /// <summary><see cref="AccuracyAsync(string?, CancellationToken)"/> with everything known on <paramref name="today"/>:
    /// the years before its year, the claims submitted by it.</summary>
    internal async Task<ForecastAnswer<LineAccuracy>> AccuracyAsync(string? lineCode, DateOnly today, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(lineCode))
        {
            return ForecastAnswer<LineAccuracy>.Invalid("line", "Geef de code van een begrotingspost op, zoals line=WMO-04.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var code = lineCode.Trim().ToLower();
        var line = await db.BudgetLines.AsNoTracking().Where(l => l.Code.ToLower() == code).Select(l => new { l.Id, l.Code, l.Name }).FirstOrDefaultAsync(ct);
        if (line is null)
        {
            return ForecastAnswer<LineAccuracy>.Invalid("line", $"Er is geen begrotingspost met code '{lineCode.Trim()}'.");
        }

        var inputs = await ForecastInputs.LoadAsync(db, today.Year, today, ct);
        return ForecastAnswer<LineAccuracy>.Of(Accuracy(inputs, line.Id, line.Code, line.Name, today.Year));
    }

    /// <summary>The accuracy of every budget line, by line id, from one reading of the data known on <paramref name="today"/>
    /// (what <see cref="AccuracyAsync(string?, DateOnly, CancellationToken)"/> gives per line; the recompute job).</summary>
    internal async Task<IReadOnlyDictionary<int, LineAccuracy>> AccuracyOfEveryLineAsync(DateOnly today, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var lines = await db.BudgetLines.AsNoTracking().OrderBy(l => l.Id).Select(l => new { l.Id, l.Code, l.Name }).ToListAsync(ct);
        var inputs = await ForecastInputs.LoadAsync(db, today.Year, today, ct);
        return lines.ToDictionary(l => l.Id, l => Accuracy(inputs, l.Id, l.Code, l.Name, today.Year));
    }

    private LineAccuracy Accuracy(ForecastInputs inputs, int lineId, string code, string name, int year)
    {
        var (years, points, recommendation) = Backtest(inputs, lineId, year);
        return new LineAccuracy(code, name, inputs.IsLinked(lineId), years, points, recommendation, clock.GetUtcNow());
    }

    private static LineForecast Forecast(
        ForecastInputs inputs, int lineId, BudgetTableLine line, BudgetDomain domain, int year, int months, DateOnly asOf, MethodChoiceSummary? choice)
    {
        var actualMonths = inputs.Actuals(lineId, year);
        var actualToDate = actualMonths.Take(months).Sum();
        var linear = inputs.HasActuals(lineId, year, months)
            ? ForecastValue.From(LinearForecast.Calculate(actualToDate, months))
            : ForecastValue.NotComputable($"Voor {year} zijn tot en met {Date(asOf)} geen werkelijke bedragen per maand ingelezen.");

        var linked = inputs.IsLinked(lineId);
        LagAdjustedResult? lag = null;
        ForecastValue lagValue, commitment;
        if (linked)
        {
            lag = LagAdjustedForecast.Calculate(year, months, inputs.Claims(lineId));
            lagValue = ForecastValue.From(lag.Forecast);
            commitment = ForecastValue.From(CommitmentForecast.Calculate(
                months, actualToDate, inputs.AssignedMonths(lineId, year), CommitmentForecast.UtilisationRate(year, inputs.Utilisation(lineId, year))));
        }
        else
        {
            lagValue = commitment = ForecastValue.NotComputable(NotLinkedReason);
        }

        var (_, _, recommendation) = Backtest(inputs, lineId, year);
        var byMethod = new Dictionary<ForecastMethod, ForecastValue>
        {
            [ForecastMethod.Linear] = linear, [ForecastMethod.LagAdjusted] = lagValue, [ForecastMethod.Commitment] = commitment,
        };
        var (method, recommended, note) = Chosen(choice, byMethod, asOf, () => Choose(linked, recommendation, byMethod, asOf));
        return new LineForecast(line.Code, line.Line, domain, linked,
            new ForecastFigures(line.Figures.Budget, actualToDate, linear, lagValue, commitment, recommended, method, note), recommendation, lag, choice);
    }

    /// <summary>
    /// The method a controller chose for the line (<see cref="ForecastMethodChoiceService"/>), with the note "Gekozen door
    /// controller: reason". Without a choice the recommendation decides (<paramref name="recommended"/>); so it does when the
    /// chosen method is not computable at the as-of date, and the note says the choice could not be followed.
    /// </summary>
    private static (ForecastMethod? Method, ForecastValue Value, string? Note) Chosen(MethodChoiceSummary? choice,
        Dictionary<ForecastMethod, ForecastValue> forecasts, DateOnly asOf, Func<(ForecastMethod?, ForecastValue, string?)> recommended)
    {
        if (choice?.Method is not { } chosen)
        {
            return recommended();
        }

        if (forecasts[chosen].IsComputable)
        {
            return (chosen, forecasts[chosen], $"Gekozen door controller: {choice.Reason}");
        }

        var (method, value, note) = recommended();
        return (method, value, $"Gekozen door controller is '{chosen.DutchName()}', maar die is per {Date(asOf)} niet te berekenen. " +
            (note ?? "De aanbevolen prognose staat ervoor in."));
    }

    /// <summary>
    /// The recommended forecast of a line: the method <see cref="ForecastAccuracy.Recommend"/> picks; linear for a line
    /// without claims or without a recommendation (no past year); linear too when the recommended method is silent at the
    /// as-of date; not computable when linear is too.
    /// </summary>
    private static (ForecastMethod? Method, ForecastValue Value, string? Note) Choose(
        bool linked, ForecastRecommendation recommendation, Dictionary<ForecastMethod, ForecastValue> forecasts, DateOnly asOf)
    {
        string? note;
        if (!linked)
        {
            note = "Geen declaraties gekoppeld: de lineaire prognose.";
        }
        else if (recommendation.Method is not { } best)
        {
            note = $"Geen aanbeveling ({recommendation.Reason}); de lineaire prognose.";
        }
        else if (forecasts[best].IsComputable)
        {
            return (best, forecasts[best], null);
        }
        else
        {
            note = $"Aanbevolen is '{best.DutchName()}', maar die is per {Date(asOf)} niet te berekenen; de lineaire prognose staat ervoor in.";
        }

        var linear = forecasts[ForecastMethod.Linear];
        return linear.IsComputable
            ? (ForecastMethod.Linear, linear, note)
            : (null, ForecastValue.NotComputable(linear.Reason!), note);
    }

    /// <summary>The backtest of a line over the years before <paramref name="beforeYear"/> that have actuals for all 12
    /// months, with the recommendation over them.</summary>
    private static (IReadOnlyList<int> Years, IReadOnlyList<BacktestPoint> Points, ForecastRecommendation Recommendation) Backtest(
        ForecastInputs inputs, int lineId, int beforeYear)
    {
        var years = inputs.CompleteYears(lineId).Where(y => y < beforeYear).Order().ToList();
        var linked = inputs.IsLinked(lineId);
        var points = years.SelectMany(y =>
        {
            var monthly = inputs.Actuals(lineId, y);
            return ForecastBacktest.Run(new BacktestInput(
                y,
                monthly.Sum(),
                monthly,
                linked ? inputs.Claims(lineId) : [],
                linked ? inputs.AssignedMonths(lineId, y) : [],
                linked ? CommitmentForecast.UtilisationRate(y, inputs.Utilisation(lineId, y)) : null));
        }).ToList();
        return (years, points, ForecastAccuracy.Recommend(points));
    }

    /// <summary>Whether a monthly actual of a month ending by <paramref name="asOf"/>, or an approved claim submitted by it,
    /// exists: the cheap question first, the claims (many) only when there is no actual.</summary>
    private static async Task<bool> HasDataByAsync(AppDbContext db, DateOnly asOf, CancellationToken ct) =>
        await db.ActualMonths.AnyAsync(a => a.Year < asOf.Year || (a.Year == asOf.Year && a.Month <= asOf.Month), ct)
        || await db.Claims.AnyAsync(c => c.Status == ClaimStatus.Approved && c.SubmittedOn <= asOf, ct);

    /// <summary>The first month end with an actual, or the first submission date of an approved claim, whichever is earlier.</summary>
    private static async Task<DateOnly?> FirstDataAsync(AppDbContext db, CancellationToken ct)
    {
        var actual = await db.ActualMonths.OrderBy(a => a.Year).ThenBy(a => a.Month).Select(a => new { a.Year, a.Month }).FirstOrDefaultAsync(ct);
        var claim = await db.Claims.Where(c => c.Status == ClaimStatus.Approved).MinAsync(c => (DateOnly?)c.SubmittedOn, ct);
        DateOnly? first = actual is null ? null : ForecastCalendar.MonthEnd(actual.Year, actual.Month);
        return claim is { } c && (first is null || c < first) ? c : first;
    }

    internal static string Date(DateOnly date) => date.ToString("dd-MM-yyyy", Dutch);
}
