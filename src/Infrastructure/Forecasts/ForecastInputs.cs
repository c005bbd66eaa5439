using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Forecasts;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Forecasts;

/// <summary>
/// What the forecasts of every budget line need, read in a few set-based queries (docs/domain.md §7):
/// <list type="bullet">
/// <item>the monthly actuals of the years up to the forecast year;</item>
/// <item>the claims of each linked line (its law and product categories) that are approved now, summed in SQL per
/// service month (the month of <see cref="Claim.PeriodStart"/>) and submission month, known by the cut-off date; each cell
/// becomes one <see cref="LagClaim"/> submitted on the first of its month, which to the lag analysis is the same as the
/// claims themselves because it looks at whole months and is cut at month ends;</item>
/// <item>the same claims summed per service period, prorated to years as utilisation does
/// (<see cref="ProviderCalculator.AmountInYear"/>);</item>
/// <item>the care assignments (not revoked) of each linked line with the price list, valued per year as §4 values them
/// (<see cref="AssignmentAmount.Priced"/>, unpriced ones left out as in <see cref="Utilisation"/>) and spread over the
/// months of the year by the days of the assignment in each month.</item>
/// </list>
/// </summary>
internal sealed class ForecastInputs
{
    private readonly Dictionary<(int Line, int Year), decimal?[]> _actuals;
    private readonly HashSet<int> _linked;
    private readonly Dictionary<int, List<LagClaim>> _claims;
    private readonly Dictionary<int, List<(DateOnly Start, DateOnly End, decimal Amount)>> _claimedPeriods;
    private readonly Dictionary<int, List<AssignmentRow>> _assignments;
    private readonly PriceList _priceList;
    private readonly int _year;
    private readonly Dictionary<(int Line, int Year), IReadOnlyList<AssignedMonth>> _assignedMonths = [];
    private readonly Dictionary<int, IReadOnlyList<UtilisationYear>> _utilisation = [];

    private ForecastInputs(
        int year,
        Dictionary<string, int> lineIds,
        Dictionary<(int, int), decimal?[]> actuals,
        HashSet<int> linked,
        Dictionary<int, List<LagClaim>> claims,
        Dictionary<int, List<(DateOnly, DateOnly, decimal)>> claimedPeriods,
        Dictionary<int, List<AssignmentRow>> assignments,
        PriceList priceList)
    {
        _year = year;
        LineIds = lineIds;
        _actuals = actuals;
        _linked = linked;
        _claims = claims;
        _claimedPeriods = claimedPeriods;
        _assignments = assignments;
        _priceList = priceList;
    }

    /// <summary>Every budget line's id by its code.</summary>
    public IReadOnlyDictionary<string, int> LineIds { get; }

    internal sealed record AssignmentRow(string ProviderAgb, string ProductCode, DateOnly Start, DateOnly? End, decimal? Budget, decimal? Volume, decimal? Tariff, Frequency? Frequency);

    /// <summary>Reads what the forecasts of <paramref name="year"/> and the backtests of the years before it need, with the
    /// claims submitted by <paramref name="cutoff"/>.</summary>
    public static async Task<ForecastInputs> LoadAsync(AppDbContext db, int year, DateOnly cutoff, CancellationToken ct)
    {
        var lineIds = await db.BudgetLines.AsNoTracking().ToDictionaryAsync(l => l.Code, l => l.Id, ct);
        var actuals = new Dictionary<(int, int), decimal?[]>();
        foreach (var a in await db.ActualMonths.AsNoTracking().Where(a => a.Year <= year)
                     .Select(a => new { a.BudgetLineId, a.Year, a.Month, a.Amount }).ToListAsync(ct))
        {
            var months = actuals.TryGetValue((a.BudgetLineId, a.Year), out var m) ? m : actuals[(a.BudgetLineId, a.Year)] = new decimal?[12];
            months[a.Month - 1] = a.Amount;
        }

        var linked = (await db.ClaimGroupCategories.Select(c => c.BudgetLineId).Distinct().ToListAsync(ct)).ToHashSet();
        var claims = new Dictionary<int, List<LagClaim>>();
        var claimedPeriods = new Dictionary<int, List<(DateOnly, DateOnly, decimal)>>();
        var assignments = new Dictionary<int, List<AssignmentRow>>();
        var priceList = PriceList.Empty;
        if (linked.Count > 0)
        {
            await ReadClaimsAsync(db, cutoff, new DateOnly(year - 1, 12, 31), claims, claimedPeriods, ct);
            var lastDay = new DateOnly(year, 12, 31);
            var rows = await db.Assignments.AsNoTracking()
                .Where(a => a.StartDate <= lastDay && (a.EndDate == null || a.EndDate > a.StartDate))
                .Join(db.ClaimGroupCategories, a => new { a.Law, Category = a.ProductCategory }, g => new { g.Law, Category = (string?)g.ProductCategory },
                    (a, g) => new { a.Id, g.BudgetLineId, a.ProviderAgb, a.ProductCode, a.StartDate, a.EndDate, a.Budget, a.Volume, a.Tariff, a.Frequency })
                .OrderBy(a => a.Id) // the same sums every time
                .ToListAsync(ct);
            foreach (var a in rows)
            {
                Add(assignments, a.BudgetLineId, new AssignmentRow(a.ProviderAgb, a.ProductCode, a.StartDate, a.EndDate, a.Budget, a.Volume, a.Tariff, a.Frequency));
            }

            var products = rows.Select(a => a.ProductCode).Distinct().ToList();
            if (products.Count > 0)
            {
                priceList = PriceList.From(await db.Tariffs.AsNoTracking().Where(t => products.Contains(t.ProductCode)).ToListAsync(ct));
            }
        }

        return new ForecastInputs(year, lineIds, actuals, linked, claims, claimedPeriods, assignments, priceList);
    }

    /// <summary>One pass over the claims (they are many: the demo has some 424,000), two groupings: the run-off cells
    /// (line × service month × submission month) and the service periods up to the last history day (utilisation).
    /// Approved claims of a linked (law, category), submitted by the cut-off date.</summary>
    private static async Task ReadClaimsAsync(AppDbContext db, DateOnly cutoff, DateOnly lastHistoryDay,
        Dictionary<int, List<LagClaim>> claims, Dictionary<int, List<(DateOnly, DateOnly, decimal)>> claimedPeriods, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(ClaimsQuery, connection);
        command.Parameters.Add(new NpgsqlParameter("approved", NpgsqlDbType.Integer) { Value = (int)ClaimStatus.Approved });
        command.Parameters.Add(new NpgsqlParameter("cutoff", NpgsqlDbType.Date) { Value = cutoff });
        command.Parameters.Add(new NpgsqlParameter("last_history_day", NpgsqlDbType.Date) { Value = lastHistoryDay });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var line = reader.GetInt32(0);
            if (reader.GetInt32(1) == 1)
            {
                var service = reader.GetInt32(2);
                var submitted = reader.GetInt32(3);
                Add(claims, line, new LagClaim(new DateOnly(service / 12, service % 12 + 1, 1), new DateOnly(submitted / 12, submitted % 12 + 1, 1), reader.GetDecimal(6)));
            }
            else if (!reader.IsDBNull(7))
            {
                Add(claimedPeriods, line, (reader.GetFieldValue<DateOnly>(4), reader.GetFieldValue<DateOnly>(5), reader.GetDecimal(7)));
            }
        }
    }

    /// <summary>Months are counted from year 0 as <see cref="ForecastCalendar.Index"/> counts them. "cell" is 1 for a
    /// run-off cell, 0 for a service period; a period's sum is null when none of its claims falls in the history.</summary>
    private const string ClaimsQuery = """
        SELECT g."BudgetLineId",
               GROUPING(c."PeriodStart", c."PeriodEnd") / 3 AS cell,
               extract(year FROM c."PeriodStart")::int * 12 + extract(month FROM c."PeriodStart")::int - 1 AS service,
               extract(year FROM c."SubmittedOn")::int * 12 + extract(month FROM c."SubmittedOn")::int - 1 AS submitted,
               c."PeriodStart", c."PeriodEnd",
               sum(c."Amount") AS total,
               sum(c."Amount") FILTER (WHERE c."PeriodEnd" >= c."PeriodStart" AND c."PeriodStart" <= @last_history_day) AS history
        FROM "Claims" c
        JOIN "ClaimGroupCategories" g ON g."Law" = c."Law" AND g."ProductCategory" = c."ProductCategory"
        WHERE c."Status" = @approved AND c."SubmittedOn" <= @cutoff
        GROUP BY GROUPING SETS (
            (g."BudgetLineId", extract(year FROM c."PeriodStart")::int * 12 + extract(month FROM c."PeriodStart")::int - 1,
                extract(year FROM c."SubmittedOn")::int * 12 + extract(month FROM c."SubmittedOn")::int - 1),
            (g."BudgetLineId", c."PeriodStart", c."PeriodEnd"))
        """;

    private static void Add<T>(Dictionary<int, List<T>> lists, int line, T item)
    {
        if (!lists.TryGetValue(line, out var list))
        {
            lists[line] = list = [];
        }

        list.Add(item);
    }

    /// <summary>Whether the line has at least one product category linked.</summary>
    public bool IsLinked(int line) => _linked.Contains(line);

    /// <summary>The actual per month 1 … 12 of a year (0 for a month without one).</summary>
    public IReadOnlyList<decimal> Actuals(int line, int year) =>
        _actuals.TryGetValue((line, year), out var months) ? months.Select(m => m ?? 0m).ToList() : new decimal[12];

    /// <summary>Whether the line has a monthly actual among the first <paramref name="months"/> months of the year.</summary>
    public bool HasActuals(int line, int year, int months) =>
        _actuals.TryGetValue((line, year), out var m) && m.Take(months).Any(a => a is not null);

    /// <summary>The years with an actual for each of the 12 months: the years a backtest can use.</summary>
    public IEnumerable<int> CompleteYears(int line) =>
        _actuals.Where(a => a.Key.Line == line && a.Value.All(m => m is not null)).Select(a => a.Key.Year);

    /// <summary>The line's approved claims known by the cut-off date, one per service month and submission month.</summary>
    public IReadOnlyList<LagClaim> Claims(int line) => _claims.TryGetValue(line, out var list) ? list : [];

    /// <summary>The amount of the line's assignments in each month of <paramref name="year"/> that has any: the amount of
    /// each assignment in the year (§4, with the price list) spread over the months by its days in them.</summary>
    public IReadOnlyList<AssignedMonth> AssignedMonths(int line, int year)
    {
        if (_assignedMonths.TryGetValue((line, year), out var cached))
        {
            return cached;
        }

        var months = new decimal[12];
        var any = new bool[12];
        foreach (var a in _assignments.TryGetValue(line, out var list) ? list : [])
        {
            if (InYear(a, year) is not { } amount)
            {
                continue;
            }

            var from = Max(a.Start, new DateOnly(year, 1, 1));
            var to = Min(a.End ?? new DateOnly(year, 12, 31), new DateOnly(year, 12, 31));
            var days = to.DayNumber - from.DayNumber + 1;
            for (var month = from.Month; month <= to.Month; month++)
            {
                var monthDays = Min(to, ForecastCalendar.MonthEnd(year, month)).DayNumber - Max(from, new DateOnly(year, month, 1)).DayNumber + 1;
                months[month - 1] += amount * monthDays / days;
                any[month - 1] = true;
            }
        }

        IReadOnlyList<AssignedMonth> result = Enumerable.Range(1, 12).Where(m => any[m - 1]).Select(m => new AssignedMonth(m, months[m - 1])).ToList();
        _assignedMonths[(line, year)] = result;
        return result;
    }

    /// <summary>What was claimed and assigned on the line in each year from its first claim up to the year before the
    /// forecast year (<see cref="CommitmentForecast.UtilisationRate"/> takes the ones before the year it is asked for).</summary>
    public IReadOnlyList<UtilisationYear> Utilisation(int line, int forecastYear)
    {
        if (!_utilisation.TryGetValue(line, out var history))
        {
            var periods = _claimedPeriods.TryGetValue(line, out var list) ? list : [];
            var years = periods.Count == 0 ? [] : Enumerable.Range(periods.Min(p => p.Start.Year), Math.Max(0, _year - periods.Min(p => p.Start.Year))).ToList();
            history = years.Select(y => new UtilisationYear(
                    y,
                    periods.Sum(p => ProviderCalculator.AmountInYear(p.Start, p.End, p.Amount, y)),
                    (_assignments.TryGetValue(line, out var rows) ? rows : []).Sum(a => InYear(a, y) ?? 0m)))
                .ToList();
            _utilisation[line] = history;
        }

        return history.Where(h => h.Year < forecastYear).ToList();
    }

    /// <summary>The assignment's amount in the year as utilisation values it; null when unpriced or outside the year.</summary>
    private decimal? InYear(AssignmentRow a, int year)
    {
        if (a.Start > new DateOnly(year, 12, 31) || a.End is { } end && end < new DateOnly(year, 1, 1))
        {
            return null;
        }

        return AssignmentAmount.Priced(a.Start, a.End, a.Budget, a.Volume, a.Tariff, a.Frequency, year, _priceList.For(a.ProductCode, a.ProviderAgb)).Amount;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
