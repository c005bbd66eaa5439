using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Providers;

/// <summary>The Aanbieders table's question: a year, optional filters, search text, sort and page.</summary>
public sealed record ProviderQuery(
    int Year,
    Law? Law = null,
    ProviderType? Type = null,
    string? ProductCode = null,
    string? Search = null,
    string SortBy = "clientsGrowth",
    bool Descending = true,
    int Page = 0,
    int PageSize = 25);

/// <summary>A provider row with its ceilings for the year (sum of the provider's ceilings; null without one).</summary>
public sealed record ProviderRow(ProviderYearFigures Figures, decimal? Ceiling, decimal? CeilingUsed, bool HasOpenWarning);

/// <summary>One page of the table, the type table and top 5 for the same year and filter, and the figures' freshness.</summary>
public sealed record ProviderOverview(
    int Year,
    IReadOnlyList<int> Years,
    IReadOnlyList<ProviderRow> Rows,
    int TotalRows,
    IReadOnlyList<ProviderGroupFigures> Types,
    ProviderGroupFigures? Total,
    TopGrowers? Top5,
    IReadOnlyList<ProviderYearFigures> Top5Figures,
    IReadOnlyList<string> ProductCodes,
    DateTimeOffset? ComputedAt,
    bool RecomputePending);

/// <summary>Clients of a product code in a year (the product mix).</summary>
public sealed record ProductMixEntry(int Year, string ProductCode, string? Description, int Clients, decimal Expenditure);

/// <summary>Clients of the provider in a year by age band ("0-17", "18-25", "26-45", "46-65", "66-80", "81+", "onbekend")
/// and sex ("M", "V", "X", "onbekend").</summary>
public sealed record ClientProfileEntry(int Year, string AgeBand, string Sex, int Clients);

public sealed record ProviderDetail(
    Provider Provider,
    IReadOnlyList<ProviderYearFigures> Years,
    IReadOnlyList<ProductMixEntry> ProductMix,
    IReadOnlyList<ClientProfileEntry> ClientProfile,
    DateTimeOffset? ComputedAt)
{
    /// <summary>The year of each entry of <see cref="Years"/> (same order, oldest first): the years in which the provider
    /// is listed (clients in the year or the year before, or expenditure).</summary>
    public IReadOnlyList<int> FigureYears { get; init; } = [];
}

/// <summary>An assignment as the provider page lists it: pseudonymous (a short client reference derived from the key).</summary>
public sealed record ProviderAssignmentRow(string ClientRef, string ProductCode, string? ProductDescription, DateOnly Start, DateOnly? End, decimal? Volume, string? Unit, decimal? Tariff, decimal? Budget, string? AssignmentNumber);

public sealed record ProviderClaimRow(string ClientRef, string ProductCode, DateOnly PeriodStart, DateOnly PeriodEnd, decimal Amount, DateOnly SubmittedOn, ClaimStatus Status, string? ClaimNumber, bool IsCredit);

public sealed record Paged<T>(IReadOnlyList<T> Items, int TotalCount);

/// <summary>
/// The provider figures as the Aanbieders page, the provider page and the API read them (docs/domain.md §9): the stored
/// sets of <see cref="ProviderFigureStore"/> with the current names, the ceilings of <see cref="CeilingService"/> and the
/// open warnings, filtered, searched, sorted and paged here; the product mix and client profile of one provider computed
/// live; a provider's assignments and claims, pseudonymous (<see cref="ClientRef"/>).
/// </summary>
public sealed class ProviderService
{
    private readonly IDbContextFactory<AppDbContext> _contexts;
    private readonly ProviderFigureStore _store;
    private readonly Func<int, CancellationToken, Task<IReadOnlyList<CeilingStatus>>> _ceilingStatuses;
    private readonly Func<string, CancellationToken, Task<IReadOnlyList<CeilingStatus>>> _providerCeilings;

    public ProviderService(IDbContextFactory<AppDbContext> contexts, ProviderFigureStore store, CeilingService ceilings)
        : this(contexts, store, ceilings.StatusesAsync, ceilings.ForProviderAsync)
    {
    }

    /// <summary>With the ceiling statuses from elsewhere (tests).</summary>
    internal ProviderService(IDbContextFactory<AppDbContext> contexts, ProviderFigureStore store,
        Func<int, CancellationToken, Task<IReadOnlyList<CeilingStatus>>> ceilingStatuses,
        Func<string, CancellationToken, Task<IReadOnlyList<CeilingStatus>>>? providerCeilings = null)
    {
        _contexts = contexts;
        _store = store;
        _ceilingStatuses = ceilingStatuses;
        _providerCeilings = providerCeilings ?? ((_, _) => Task.FromResult<IReadOnlyList<CeilingStatus>>([]));
    }

    /// <summary>The statuses of a provider's ceilings, all years, newest first (<see cref="CeilingService.ForProviderAsync"/>);
    /// empty without ceilings.</summary>
    public async Task<IReadOnlyList<CeilingStatus>> CeilingsAsync(string agb, CancellationToken ct)
    {
        await using var db = await _contexts.CreateDbContextAsync(ct);
        return await db.BudgetCeilings.AnyAsync(c => c.ProviderAgb == agb, ct) ? await _providerCeilings(agb, ct) : [];
    }

    /// <summary>The product codes the filter offers (<see cref="ProviderFigureStore.ProductCodesAsync"/>).</summary>
    public Task<IReadOnlyList<string>> ProductCodesAsync(CancellationToken ct) => _store.ProductCodesAsync(ct);

    public const int MaxPageSize = 500;

    /// <summary>The columns the table sorts by: every figure of <see cref="ProviderYearFigures"/> in camelCase, and
    /// "ceiling" and "ceilingUsed". Empty values (no growth, no ceiling) always come last.</summary>
    public static readonly IReadOnlyDictionary<string, Func<ProviderRow, IComparable?>> SortColumns =
        new Dictionary<string, Func<ProviderRow, IComparable?>>(StringComparer.OrdinalIgnoreCase)
        {
            ["agb"] = r => r.Figures.Agb,
            ["name"] = r => r.Figures.Name,
            ["type"] = r => r.Figures.Type?.DutchName(),
            ["clients"] = r => r.Figures.Clients,
            ["clientsGrowth"] = r => r.Figures.ClientsGrowth,
            ["expenditure"] = r => r.Figures.Expenditure,
            ["expenditureGrowth"] = r => r.Figures.ExpenditureGrowth,
            ["averageCostPerClientMonth"] = r => r.Figures.AverageCostPerClientMonth,
            ["inflow"] = r => r.Figures.Inflow,
            ["outflow"] = r => r.Figures.Outflow,
            ["outflowRate"] = r => r.Figures.OutflowRate,
            ["medianTrajectoryDays"] = r => r.Figures.MedianTrajectoryDays,
            ["meanTrajectoryDays"] = r => r.Figures.MeanTrajectoryDays,
            ["reentries"] = r => r.Figures.Reentries,
            ["ceiling"] = r => r.Ceiling,
            ["ceilingUsed"] = r => r.CeilingUsed,
        };

    /// <summary>One page of the table for a year and filter (an unknown sort column sorts by client growth).</summary>
    public Task<ProviderOverview> OverviewAsync(ProviderQuery query, CancellationToken ct) => OverviewAsync(query, paged: true, ct);

    /// <summary>As <see cref="OverviewAsync(ProviderQuery, CancellationToken)"/> with every row of the year in one page
    /// (the API).</summary>
    public Task<ProviderOverview> AllRowsAsync(ProviderQuery query, CancellationToken ct) => OverviewAsync(query, paged: false, ct);

    private async Task<ProviderOverview> OverviewAsync(ProviderQuery query, bool paged, CancellationToken ct)
    {
        var stored = await _store.ReadAsync(query.Year, new ProviderFilter(query.Law, query.ProductCode), ct);
        var set = stored.Set;
        var rows = await RowsAsync(set, ct);

        IEnumerable<ProviderRow> selected = rows;
        if (query.Type is { } type)
        {
            selected = selected.Where(r => r.Figures.Type == type);
        }

        if (query.Search?.Trim() is { Length: > 0 } search)
        {
            selected = selected.Where(r => r.Figures.Name.Contains(search, StringComparison.CurrentCultureIgnoreCase)
                                           || r.Figures.Agb.Contains(search, StringComparison.Ordinal));
        }

        var sorted = Sort(selected, query.SortBy, query.Descending).ToList();
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = paged ? sorted.Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize).ToList() : sorted;
        var byAgb = rows.ToDictionary(r => r.Figures.Agb);
        return new ProviderOverview(
            query.Year,
            stored.Years,
            page,
            sorted.Count,
            set.Types,
            set.Total,
            set.Top5,
            set.Top5.Agbs.Where(byAgb.ContainsKey).Select(agb => byAgb[agb].Figures).ToList(),
            await _store.ProductCodesAsync(ct),
            stored.ComputedAt,
            stored.RecomputePending);
    }

    /// <summary>Sorted by the column, empty values last, then by AGB code.</summary>
    internal static IEnumerable<ProviderRow> Sort(IEnumerable<ProviderRow> rows, string? column, bool descending)
    {
        var key = SortColumns.TryGetValue(column ?? "", out var k) ? k : SortColumns["clientsGrowth"];
        var withKey = rows.Select(r => (Row: r, Key: key(r))).OrderBy(r => r.Key is null);
        var ordered = descending ? withKey.ThenByDescending(r => r.Key) : withKey.ThenBy(r => r.Key);
        return ordered.ThenBy(r => r.Row.Figures.Agb, StringComparer.Ordinal).Select(r => r.Row);
    }

    /// <summary>Every provider of a set with its current name, the sum of its ceilings of the year (use = spent ÷ ceiling,
    /// both summed) and whether one of them has an open warning.</summary>
    private async Task<List<ProviderRow>> RowsAsync(ProviderYearSet set, CancellationToken ct)
    {
        await using var db = await _contexts.CreateDbContextAsync(ct);
        var names = await db.Providers.AsNoTracking().Select(p => new { p.Agb, p.Name }).ToDictionaryAsync(p => p.Agb, p => p.Name, ct);
        var year = set.Year;
        var ceilings = new Dictionary<string, (decimal Ceiling, decimal Spent)>();
        if (await db.BudgetCeilings.AnyAsync(c => c.Year == year, ct))
        {
            foreach (var status in await _ceilingStatuses(year, ct))
            {
                var (ceiling, spent) = ceilings.GetValueOrDefault(status.ProviderAgb);
                ceilings[status.ProviderAgb] = (ceiling + status.Ceiling, spent + status.Spent);
            }
        }

        var warned = (await db.ProviderWarnings.Where(w => w.AcknowledgedAt == null)
                .Join(db.BudgetCeilings.Where(c => c.Year == year), w => w.BudgetCeilingId, c => c.Id, (w, c) => c.ProviderAgb)
                .Distinct().ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);

        return set.Providers.Select(p => new ProviderRow(
                names.TryGetValue(p.Agb, out var name) ? p with { Name = name } : p,
                ceilings.TryGetValue(p.Agb, out var c) ? c.Ceiling : null,
                ceilings.TryGetValue(p.Agb, out var u) && u.Ceiling != 0 ? u.Spent / u.Ceiling : null,
                warned.Contains(p.Agb)))
            .ToList();
    }

    /// <summary>Null when no provider has this AGB code.</summary>
    public async Task<ProviderDetail?> DetailAsync(string agb, CancellationToken ct)
    {
        await using var db = await _contexts.CreateDbContextAsync(ct);
        var provider = await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Agb == agb, ct);
        if (provider is null)
        {
            return null;
        }

        var (sets, computedAt) = await _store.ReadAllYearsAsync(ProviderFilter.All, ct);
        var listed = sets.SelectMany(s => s.Providers.Where(p => p.Agb == agb).Select(p => (s.Year, Figures: p with { Name = provider.Name }))).ToList();
        var years = listed.Select(l => l.Figures).ToList();
        var figureYears = listed.Select(l => l.Year).ToList();
        if (sets.Count == 0)
        {
            return new ProviderDetail(provider, years, [], [], computedAt) { FigureYears = figureYears };
        }

        var (first, last) = (sets[0].Year, sets[^1].Year);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);

        var mix = new List<ProductMixEntry>();
        await using (var command = Command(connection, ProductMixQuery, agb, first, last))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                mix.Add(new ProductMixEntry(reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    (int)reader.GetInt64(3), reader.GetDecimal(4)));
            }
        }

        var profile = new List<ClientProfileEntry>();
        await using (var command = Command(connection, ProfileQuery, agb, first, last))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                profile.Add(new ClientProfileEntry(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), (int)reader.GetInt64(3)));
            }
        }

        return new ProviderDetail(
            provider, years, mix.OrderBy(m => m.Year).ThenBy(m => m.ProductCode, StringComparer.Ordinal).ToList(),
            profile.OrderBy(p => p.Year).ThenBy(p => Array.IndexOf(AgeBands, p.AgeBand)).ThenBy(p => Array.IndexOf(Sexes, p.Sex)).ToList(),
            computedAt) { FigureYears = figureYears };
    }

    /// <summary>The age bands of the client profile, in order.</summary>
    public static readonly string[] AgeBands = ["0-17", "18-25", "26-45", "46-65", "66-80", "81+", "onbekend"];

    /// <summary>The sexes of the client profile, in order.</summary>
    public static readonly string[] Sexes = ["M", "V", "X", "onbekend"];

    /// <summary>The assignments of a provider, newest start first (revoked ones included: they are what was decided).</summary>
    public async Task<Paged<ProviderAssignmentRow>> AssignmentsAsync(string agb, int page, int pageSize, CancellationToken ct)
    {
        await using var db = await _contexts.CreateDbContextAsync(ct);
        var query = db.Assignments.AsNoTracking().Where(a => a.ProviderAgb == agb);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var rows = await query.OrderByDescending(a => a.StartDate).ThenByDescending(a => a.Id)
            .Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Select(a => new { a.ClientKey, a.ProductCode, a.ProductDescription, a.StartDate, a.EndDate, a.Volume, a.Unit, a.Tariff, a.Budget, a.AssignmentNumber })
            .ToListAsync(ct);
        return new Paged<ProviderAssignmentRow>(
            rows.Select(a => new ProviderAssignmentRow(ClientRef(a.ClientKey), a.ProductCode, a.ProductDescription, a.StartDate, a.EndDate,
                a.Volume, a.Unit, a.Tariff, a.Budget, a.AssignmentNumber)).ToList(),
            await query.CountAsync(ct));
    }

    /// <summary>The claims of a provider, newest service period first; credits included (negative amounts).</summary>
    public async Task<Paged<ProviderClaimRow>> ClaimsAsync(string agb, int page, int pageSize, CancellationToken ct)
    {
        await using var db = await _contexts.CreateDbContextAsync(ct);
        var query = db.Claims.AsNoTracking().Where(c => c.ProviderAgb == agb);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var rows = await query.OrderByDescending(c => c.PeriodStart).ThenByDescending(c => c.Id)
            .Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Select(c => new { c.ClientKey, c.ProductCode, c.PeriodStart, c.PeriodEnd, c.Amount, c.SubmittedOn, c.Status, c.ClaimNumber, c.CreditOfId })
            .ToListAsync(ct);
        return new Paged<ProviderClaimRow>(
            rows.Select(c => new ProviderClaimRow(ClientRef(c.ClientKey), c.ProductCode, c.PeriodStart, c.PeriodEnd, c.Amount, c.SubmittedOn,
                c.Status, c.ClaimNumber, c.CreditOfId is not null || c.Amount < 0)).ToList(),
            await query.CountAsync(ct));
    }

    /// <summary>Utilisation of a provider's products in a year (<see cref="Utilisation.Calculate"/>): its assignments
    /// active in the year valued with the price list, against its approved claims prorated to the year. The claims are
    /// summed in SQL per product and service period (exact, numeric) and prorated here, as the provider expenditure.</summary>
    public async Task<IReadOnlyList<UtilisationRow>> UtilisationAsync(string agb, int year, CancellationToken ct)
    {
        var yearStart = new DateOnly(year, 1, 1);
        var yearEnd = new DateOnly(year, 12, 31);
        await using var db = await _contexts.CreateDbContextAsync(ct);
        var assignments = await db.Assignments.AsNoTracking()
            .Where(a => a.ProviderAgb == agb && a.StartDate <= yearEnd && (a.EndDate == null || a.EndDate >= yearStart))
            .Select(a => new UtilisationAssignment(a.ProductCode, a.ProductDescription, a.StartDate, a.EndDate, a.Budget, a.Volume, a.Tariff, a.Frequency))
            .ToListAsync(ct);
        var products = assignments.Select(a => a.ProductCode).Distinct().ToList();
        var tariffs = products.Count == 0
            ? []
            : await db.Tariffs.AsNoTracking().Where(t => products.Contains(t.ProductCode) && (t.ProviderAgb == null || t.ProviderAgb == agb)).ToListAsync(ct);
        var claims = await db.Claims.AsNoTracking()
            .Where(c => c.ProviderAgb == agb && c.Status == ClaimStatus.Approved && c.PeriodStart <= yearEnd && c.PeriodEnd >= yearStart
                        && c.PeriodEnd >= c.PeriodStart)
            .GroupBy(c => new { c.ProductCode, c.PeriodStart, c.PeriodEnd })
            .Select(g => new UtilisationClaim(g.Key.ProductCode, g.Key.PeriodStart, g.Key.PeriodEnd, g.Sum(c => c.Amount), ClaimStatus.Approved))
            .ToListAsync(ct);
        return Utilisation.Calculate(year, agb, assignments, claims, PriceList.From(tariffs));
    }

    /// <summary>Whether a provider has this AGB code.</summary>
    public async Task<bool> ExistsAsync(string agb, CancellationToken ct)
    {
        await using var db = await _contexts.CreateDbContextAsync(ct);
        return await db.Providers.AnyAsync(p => p.Agb == agb, ct);
    }

    /// <summary>The latest year in which the provider has clients or expenditure in its figures; null without.</summary>
    public async Task<int?> LatestFigureYearAsync(string agb, CancellationToken ct)
    {
        var (sets, _) = await _store.ReadAllYearsAsync(ProviderFilter.All, ct);
        return sets.Where(s => s.Providers.Any(p => p.Agb == agb && (p.Clients > 0 || p.Expenditure != 0))).Select(s => (int?)s.Year).Max();
    }

    /// <summary>A short pseudonymous reference to a client: the first 8 hex characters of the keyed hash. Enough to see
    /// which rows belong to one client, never the BSN.</summary>
    public static string ClientRef(byte[] clientKey) => Convert.ToHexStringLower(clientKey.AsSpan(0, Math.Min(4, clientKey.Length)));

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, string agb, int first, int last)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter("agb", NpgsqlDbType.Char) { Value = agb });
        command.Parameters.Add(new NpgsqlParameter("first_year", NpgsqlDbType.Integer) { Value = first });
        command.Parameters.Add(new NpgsqlParameter("last_year", NpgsqlDbType.Integer) { Value = last });
        return command;
    }

    /// <summary>Per year and product code: the provider's clients with an assignment of that product active in the year
    /// (revoked ones not), and its approved claims of that product prorated to the year (docs/domain.md §9).</summary>
    private const string ProductMixQuery = """
        WITH
        years AS (
            SELECT y, make_date(y, 1, 1) AS ys, make_date(y, 12, 31) AS ye FROM generate_series(@first_year, @last_year) AS y
        ),
        clients AS (
            SELECT y.y, a."ProductCode" AS product, count(DISTINCT a."ClientKey") AS clients, max(a."ProductDescription") AS description
            FROM "Assignments" a
            JOIN years y ON a."StartDate" <= y.ye AND (a."EndDate" IS NULL OR a."EndDate" >= y.ys)
            WHERE a."ProviderAgb" = @agb AND (a."EndDate" IS NULL OR a."EndDate" > a."StartDate")
            GROUP BY y.y, a."ProductCode"
        ),
        spent AS (
            SELECT y.y, c."ProductCode" AS product,
                   sum(c."Amount" * (least(c."PeriodEnd", y.ye) - greatest(c."PeriodStart", y.ys) + 1) / (c."PeriodEnd" - c."PeriodStart" + 1)) AS amount
            FROM "Claims" c
            JOIN years y ON c."PeriodStart" <= y.ye AND c."PeriodEnd" >= y.ys
            WHERE c."ProviderAgb" = @agb AND c."Status" = 2 AND c."PeriodEnd" >= c."PeriodStart"
            GROUP BY y.y, c."ProductCode"
        )
        SELECT coalesce(cl.y, s.y), coalesce(cl.product, s.product), cl.description, coalesce(cl.clients, 0), round(coalesce(s.amount, 0), 10)
        FROM clients cl
        FULL JOIN spent s ON s.y = cl.y AND s.product = cl.product
        ORDER BY 1, 2
        """;

    /// <summary>Per year: the provider's clients (an assignment active in the year, revoked ones not) by age band and sex,
    /// each client once, as on their latest-started assignment of the year. Only the birth year is stored; counted as
    /// born mid-year, the age on 1 July of the year is year − birth year.</summary>
    private const string ProfileQuery = """
        WITH
        years AS (
            SELECT y, make_date(y, 1, 1) AS ys, make_date(y, 12, 31) AS ye FROM generate_series(@first_year, @last_year) AS y
        ),
        clients AS (
            SELECT DISTINCT ON (y.y, a."ClientKey") y.y, a."BirthYear" AS birth_year, a."Sex" AS sex
            FROM "Assignments" a
            JOIN years y ON a."StartDate" <= y.ye AND (a."EndDate" IS NULL OR a."EndDate" >= y.ys)
            WHERE a."ProviderAgb" = @agb AND (a."EndDate" IS NULL OR a."EndDate" > a."StartDate")
            ORDER BY y.y, a."ClientKey", a."StartDate" DESC, a."Id" DESC
        )
        SELECT y,
               CASE WHEN birth_year IS NULL THEN 'onbekend'
                    WHEN y - birth_year <= 17 THEN '0-17'
                    WHEN y - birth_year <= 25 THEN '18-25'
                    WHEN y - birth_year <= 45 THEN '26-45'
                    WHEN y - birth_year <= 65 THEN '46-65'
                    WHEN y - birth_year <= 80 THEN '66-80'
                    ELSE '81+' END AS band,
               CASE sex WHEN 1 THEN 'M' WHEN 2 THEN 'V' WHEN 3 THEN 'X' ELSE 'onbekend' END AS sex,
               count(*)
        FROM clients
        GROUP BY 1, 2, 3
        """;
}
