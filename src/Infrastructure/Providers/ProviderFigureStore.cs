using System.Data;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Analysis;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Providers;

/// <summary>The figures of a year and filter as the pages read them: when they were computed (null: computed for this
/// request and not stored, for a year outside the data), whether a change has been made since (a recompute is queued or
/// running), and the years that have figures.</summary>
public sealed record StoredProviderFigures(ProviderYearSet Set, DateTimeOffset? ComputedAt, bool RecomputePending, IReadOnlyList<int> Years);

/// <summary>
/// Computes the provider figures (docs/domain.md §9) in PostgreSQL and stores them per year and filter as
/// <see cref="ProviderFigureSet"/>s, so the Aanbieders page opens from stored aggregates (ADR 12). The SQL counts
/// (clients, trajectories by gaps and islands, re-entries, claims prorated by days, client-months) exactly as
/// <see cref="ProviderCalculator.Count"/> does, its oracle; the figures are then built from the counts by
/// <see cref="ProviderCalculator.Build"/>. Each filter's counts, the provider register and the input version are read in
/// one repeatable-read snapshot; the write keeps whichever set was computed from the newest input.
/// </summary>
public sealed class ProviderFigureStore(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>How long a change may wait for its queued recompute before a reader computes the figures itself.</summary>
    public static readonly TimeSpan RecomputeGrace = TimeSpan.FromMinutes(1);

    /// <summary>The stored figures of a year and filter. Computed and stored now when there are none yet, or when a change
    /// has waited longer than <see cref="RecomputeGrace"/> for its recompute; a year outside the data is computed for
    /// the request and not stored.</summary>
    public async Task<StoredProviderFigures> ReadAsync(int year, ProviderFilter filter, CancellationToken ct = default)
    {
        var key = filter.Key;
        var stored = await StoredAsync(year, key, ct);
        if (stored is null || (stored.Value.Stale && stored.Value.WaitedLong))
        {
            var range = await YearRangeAsync(ct);
            if (range is not { } r || year < r.First || year > r.Last)
            {
                if (range is { } inData && (await StoredYearsAsync(key, ct)).Count == 0)
                {
                    await RefreshAsync(filter, inData.First, inData.Last, ct); // so the page can offer the years that have data
                }

                var (sets, _) = await ComputeAsync(filter, year, year, ct);
                return new StoredProviderFigures(sets[year], null, false, await StoredYearsAsync(key, ct));
            }

            await RefreshAsync(filter, r.First, r.Last, ct);
            stored = await StoredAsync(year, key, ct);
        }

        var (row, stale, _) = stored!.Value;
        return new StoredProviderFigures(
            JsonSerializer.Deserialize<ProviderYearSet>(row.FiguresJson, Json)!, row.ComputedAt, stale, await StoredYearsAsync(key, ct));
    }

    /// <summary>The figures of every stored year of a filter (made current first, as <see cref="ReadAsync"/>), oldest
    /// first, and when the oldest of them was computed.</summary>
    public async Task<(IReadOnlyList<ProviderYearSet> Sets, DateTimeOffset? ComputedAt)> ReadAllYearsAsync(ProviderFilter filter, CancellationToken ct = default)
    {
        var key = filter.Key;
        var years = await StoredYearsAsync(key, ct);
        if ((years.Count > 0 ? years[^1] : (await YearRangeAsync(ct))?.Last) is not { } last)
        {
            return ([], null);
        }

        await ReadAsync(last, filter, ct); // computes and stores every year when missing or long stale
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.ProviderFigureSets.AsNoTracking().Where(s => s.Filter == key)
            .OrderBy(s => s.Year).Select(s => new { s.FiguresJson, s.ComputedAt }).ToListAsync(ct);
        return (rows.Select(r => JsonSerializer.Deserialize<ProviderYearSet>(r.FiguresJson, Json)!).ToList(),
            rows.Count == 0 ? null : rows.Min(r => r.ComputedAt));
    }

    private async Task<(ProviderFigureSet Row, bool Stale, bool WaitedLong)?> StoredAsync(int year, string key, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.ProviderFigureSets.AsNoTracking().FirstOrDefaultAsync(s => s.Year == year && s.Filter == key, ct);
        if (row is null)
        {
            return null;
        }

        var version = await InputChanges.VersionAsync(db, StoredAnalysis.Providers, ct);
        if (row.InputVersion >= version)
        {
            return (row, false, false);
        }

        var lastChange = await db.InputChanges.Where(c => c.Affects == StoredAnalysis.Providers).MaxAsync(c => (DateTimeOffset?)c.ChangedAt, ct);
        return (row, true, lastChange < clock.GetUtcNow() - RecomputeGrace);
    }

    /// <summary>The years stored for a filter. A recompute stores every year of the data and removes the years outside
    /// it (<see cref="RefreshAsync"/>), so the stored years are the data's years without a look at the data: finding
    /// those (<see cref="YearRangeAsync"/>) scans every claim, 1 s at ten million (docs/benchmarks.md), too slow for
    /// each opening of a page that reads stored figures.</summary>
    private async Task<IReadOnlyList<int>> StoredYearsAsync(string key, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ProviderFigureSets.Where(s => s.Filter == key).Select(s => s.Year).OrderBy(y => y).ToListAsync(ct);
    }

    /// <summary>The product codes that have stored figures of their own (every product code of the assignments and
    /// claims at the last recompute; read from the data until the first recompute), in ordinal order.</summary>
    public async Task<IReadOnlyList<string>> ProductCodesAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var filters = await db.ProviderFigureSets.Where(s => s.Filter.StartsWith(ProductPrefix)).Select(s => s.Filter).Distinct().ToListAsync(ct);
        if (filters.Count == 0)
        {
            // before the first recompute job has run: read them from the data
            return (await FiltersAsync(ct)).Select(f => f.ProductCode).OfType<string>().ToList();
        }

        return filters.Select(f => f[ProductPrefix.Length..]).Where(p => !p.Contains(';')).Order(StringComparer.Ordinal).ToList();
    }

    private const string ProductPrefix = "product:";

    /// <summary>The years with figures: from the first to the last year in which an assignment (revoked ones included)
    /// or a claim's service period starts, or a claim's service period ends. Null without any.</summary>
    public async Task<(int First, int Last)?> YearRangeAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var assignments = await db.Assignments.GroupBy(_ => 1)
            .Select(g => new { First = g.Min(a => a.StartDate), Last = g.Max(a => a.StartDate) }).SingleOrDefaultAsync(ct);
        var claims = await db.Claims.GroupBy(_ => 1)
            .Select(g => new { First = g.Min(c => c.PeriodStart), Last = g.Max(c => c.PeriodEnd) }).SingleOrDefaultAsync(ct);
        int[] firsts = [.. assignments is null ? [] : new[] { assignments.First.Year }, .. claims is null ? [] : new[] { claims.First.Year }];
        int[] lasts = [.. assignments is null ? [] : new[] { assignments.Last.Year }, .. claims is null ? [] : new[] { claims.Last.Year }];
        return firsts.Length == 0 ? null : (firsts.Min(), lasts.Max());
    }

    /// <summary>Every filter the pages offer: everything, each law and each product code of the assignments and claims.</summary>
    public async Task<IReadOnlyList<ProviderFilter>> FiltersAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var products = await db.Assignments.Select(a => a.ProductCode).Distinct()
            .Union(db.Claims.Select(c => c.ProductCode).Distinct())
            .ToListAsync(ct);
        return
        [
            ProviderFilter.All,
            .. Enum.GetValues<Domain.Assignments.Law>().Select(law => new ProviderFilter(law)),
            .. products.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(p => new ProviderFilter(ProductCode: p)),
        ];
    }

    /// <summary>Recomputes and stores the figures of every year for every filter the pages offer (the job after an import
    /// and at night). Filters stored earlier that are no longer offered are recomputed when someone reads them.</summary>
    public async Task RefreshAllAsync(CancellationToken ct = default)
    {
        if (await YearRangeAsync(ct) is not { } range)
        {
            // No data (any more): no years to offer.
            await using var db = await contexts.CreateDbContextAsync(ct);
            var version = await InputChanges.VersionAsync(db, StoredAnalysis.Providers, ct);
            await db.ProviderFigureSets.Where(s => s.InputVersion <= version).ExecuteDeleteAsync(ct);
            return;
        }

        var filters = await FiltersAsync(ct);
        await Parallel.ForEachAsync(filters, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = ct },
            async (filter, token) => await RefreshAsync(filter, range.First, range.Last, token));
    }

    /// <summary>Computes and stores the figures of the years <paramref name="firstYear"/> to <paramref name="lastYear"/>
    /// — the data's years — for a filter, and removes the filter's sets of other years, unless they were computed from
    /// newer input than this (a recompute running beside this one on another instance saw more data).</summary>
    public async Task RefreshAsync(ProviderFilter filter, int firstYear, int lastYear, CancellationToken ct = default)
    {
        var computedAt = clock.GetUtcNow();
        var (sets, version) = await ComputeAsync(filter, firstYear, lastYear, ct);
        await StoreAsync(filter, sets.Values, version, computedAt, ct);
        var key = filter.Key;
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.ProviderFigureSets
            .Where(s => s.Filter == key && (s.Year < firstYear || s.Year > lastYear) && s.InputVersion <= version)
            .ExecuteDeleteAsync(ct);
    }

    /// <summary>Stores computed sets, each unless one computed from newer input is stored already (one statement per
    /// year: insert, or replace a set computed from older or the same input).</summary>
    internal async Task StoreAsync(ProviderFilter filter, IEnumerable<ProviderYearSet> sets, long version, DateTimeOffset computedAt, CancellationToken ct)
    {
        var key = filter.Key;
        await using var db = await contexts.CreateDbContextAsync(ct);
        foreach (var set in sets)
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "ProviderFigureSets" ("Year", "Filter", "ComputedAt", "InputVersion", "FiguresJson")
                VALUES ({set.Year}, {key}, {computedAt}, {version}, {JsonSerializer.Serialize(set, Json)}::json)
                ON CONFLICT ("Year", "Filter") DO UPDATE
                SET "ComputedAt" = excluded."ComputedAt", "InputVersion" = excluded."InputVersion", "FiguresJson" = excluded."FiguresJson"
                WHERE "ProviderFigureSets"."InputVersion" <= excluded."InputVersion"
                """, ct);
        }
    }

    /// <summary>The figures of the years <paramref name="firstYear"/> to <paramref name="lastYear"/> for a filter as the
    /// database holds them now, and the input version they reflect, read in one snapshot.</summary>
    public async Task<(IReadOnlyDictionary<int, ProviderYearSet> Sets, long InputVersion)> ComputeAsync(
        ProviderFilter filter, int firstYear, int lastYear, CancellationToken ct = default)
    {
        var (counts, providers, version) = await CountAsync(filter, firstYear, lastYear, ct);
        var sets = Enumerable.Range(firstYear, lastYear - firstYear + 1)
            .ToDictionary(year => year, year => ProviderCalculator.Build(year, counts, providers));
        return (sets, version);
    }

    /// <summary>The counts of <see cref="ProviderCalculator.Count"/> for the figures of <paramref name="firstYear"/> to
    /// <paramref name="lastYear"/>, by SQL, with the provider register and the input version of the same snapshot.</summary>
    internal async Task<(ProviderCounts Counts, IReadOnlyDictionary<string, ProviderInfo> Providers, long InputVersion)> CountAsync(
        ProviderFilter filter, int firstYear, int lastYear, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using (var options = new NpgsqlCommand("SET LOCAL work_mem = '256MB'; SET LOCAL jit = off", connection, transaction))
        {
            await options.ExecuteNonQueryAsync(ct);
        }

        var version = await InputChanges.VersionAsync(connection, transaction, ct, StoredAnalysis.Providers);

        var providers = new Dictionary<string, ProviderInfo>(StringComparer.Ordinal);
        await using (var register = new NpgsqlCommand("""SELECT "Agb"::text, "Name", "Type" FROM "Providers" """, connection, transaction))
        await using (var reader = await register.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                providers[reader.GetString(0)] = new ProviderInfo(reader.GetString(1), reader.IsDBNull(2) ? null : (ProviderType)reader.GetInt32(2));
            }
        }

        var providerRows = new Dictionary<(string Agb, int Year), ProviderYearCounts>();
        var groupRows = new Dictionary<(ProviderType? Type, int Year), GroupYearCounts>();
        ProviderYearCounts ProviderRow(string agb, int year) =>
            providerRows.TryGetValue((agb, year), out var r) ? r : new ProviderYearCounts(agb, year, 0, 0m, 0, 0, 0, 0, 0, 0, null);
        GroupYearCounts GroupRow(ProviderType? type, int year) =>
            groupRows.TryGetValue((type, year), out var g) ? g : new GroupYearCounts(type, year, 0, 0, 0, 0);

        await using (var command = new NpgsqlCommand(Query, connection, transaction) { CommandTimeout = 600 })
        {
            command.Parameters.Add(new NpgsqlParameter("first_year", NpgsqlDbType.Integer) { Value = firstYear - 1 });
            command.Parameters.Add(new NpgsqlParameter("months_from", NpgsqlDbType.Integer) { Value = firstYear });
            command.Parameters.Add(new NpgsqlParameter("last_year", NpgsqlDbType.Integer) { Value = lastYear });
            command.Parameters.Add(new NpgsqlParameter("law", NpgsqlDbType.Integer) { Value = filter.Law is { } law ? (int)law : DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("product", NpgsqlDbType.Text)
            {
                Value = string.IsNullOrEmpty(filter.ProductCode) ? DBNull.Value : filter.ProductCode,
            });
            command.Parameters.Add(new NpgsqlParameter("gap", NpgsqlDbType.Integer) { Value = ProviderCalculator.MergeGapDays });
            command.Parameters.Add(new NpgsqlParameter("reentry", NpgsqlDbType.Integer) { Value = ProviderCalculator.ReentryDays });

            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var section = reader.GetString(0);
                var year = reader.GetInt32(3);
                var n1 = reader.GetInt64(4);
                var n2 = reader.GetInt64(5);
                if (section[0] == 'p')
                {
                    var agb = reader.GetString(1);
                    var row = ProviderRow(agb, year);
                    providerRows[(agb, year)] = section switch
                    {
                        "p_clients" => row with { Clients = (int)n1 },
                        "p_months" => row with { ClientMonths = (int)n1 },
                        "p_expenditure" => row with { Expenditure = reader.GetDecimal(6) },
                        "p_inflow" => row with { Inflow = (int)n1, Reentries = (int)n2 },
                        "p_outflow" => row with
                        {
                            Outflow = (int)n1, EndedTrajectories = (int)n1, EndedTrajectoryDays = n2, MedianTrajectoryDays = reader.GetDecimal(6),
                        },
                        _ => throw new InvalidOperationException(section),
                    };
                }
                else
                {
                    ProviderType? type = reader.GetInt32(2) is var t and > 0 ? (ProviderType)t : null;
                    var row = GroupRow(type, year);
                    groupRows[(type, year)] = section switch
                    {
                        "g_clients" => row with { Clients = (int)n1 },
                        "g_months" => row with { ClientMonths = (int)n1 },
                        "g_inflow" => row with { Inflow = (int)n1 },
                        "g_outflow" => row with { Outflow = (int)n1 },
                        _ => throw new InvalidOperationException(section),
                    };
                }
            }
        }

        await transaction.CommitAsync(ct);
        var counts = new ProviderCounts(
            providerRows.Values.OrderBy(r => r.Agb, StringComparer.Ordinal).ThenBy(r => r.Year).ToList(),
            groupRows.Values.OrderBy(g => g.Type.HasValue ? (int)g.Type.Value : 0).ThenBy(g => g.Year).ToList());
        return (counts, providers, version);
    }

    /// <summary>
    /// The counts of <see cref="ProviderCalculator.Count"/> as one statement; each step names what it mirrors. Answers
    /// narrow rows (section, agb, group, year, n1, n2, amount): group 0 is every provider, 1–6 a provider type. Amounts
    /// stay numeric (exact sums; a proration keeps at least 16 significant digits) and are rounded to 10 decimals only on
    /// the way out, so they fit a .NET decimal. Only the claims of the counted years are read, and client-months only
    /// for the figure years: a year asked for on request reads two years of claims, not all of them (ADR 22).
    /// </summary>
    private const string Query = """
        WITH
        years AS (
            SELECT y, make_date(y, 1, 1) AS ys, make_date(y, 12, 31) AS ye FROM generate_series(@first_year, @last_year) AS y
        ),
        care AS MATERIALIZED (          -- IsCare and the filter: revoked assignments (end = start) are not care
            SELECT a."ClientKey" AS client, a."ProviderAgb"::text AS agb, a."Law" AS law, a."StartDate" AS s, a."EndDate" AS e
            FROM "Assignments" a
            WHERE (a."EndDate" IS NULL OR a."EndDate" > a."StartDate")
              AND (@law IS NULL OR a."Law" = @law) AND (@product IS NULL OR a."ProductCode" = @product)
        ),
        grouping_of AS (                -- the type of a provider in the register (a provider without one is only in the total)
            SELECT "Agb"::text AS agb, "Type" AS type FROM "Providers" WHERE "Type" IS NOT NULL
        ),
        active AS MATERIALIZED (        -- clients(Y): a client with an assignment active on at least one day of Y
            SELECT DISTINCT c.agb, c.client, y.y
            FROM care c JOIN years y ON c.s <= y.ye AND (c.e IS NULL OR c.e >= y.ys)
        ),
        reach AS (                      -- trajectories, gaps and islands: the furthest end of the earlier assignments of the
            SELECT client, agb, law, s, coalesce(e, 'infinity'::date) AS e,   -- same client, provider and law (open: infinity)
                   max(coalesce(e, 'infinity'::date)) OVER (PARTITION BY client, agb, law ORDER BY s, coalesce(e, 'infinity'::date)
                                                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
            FROM care
        ),
        islands AS (                    -- a new trajectory where more than @gap days without care lie before the start
            SELECT client, agb, law, s, e,
                   sum(CASE WHEN reach IS NULL OR s > reach + (@gap + 1) THEN 1 ELSE 0 END)
                       OVER (PARTITION BY client, agb, law ORDER BY s, e ROWS UNBOUNDED PRECEDING) AS island
            FROM reach
        ),
        trajectories AS MATERIALIZED (  -- first start to last end; open when one is open
            SELECT client, agb, law, min(s) AS s, nullif(max(e), 'infinity'::date) AS e,
                   extract(year FROM min(s))::int AS start_year,
                   extract(year FROM nullif(max(e), 'infinity'::date))::int AS end_year
            FROM islands
            GROUP BY client, agb, law, island
        ),
        reentered AS (                  -- re-entry: another trajectory of the client under the same law ended 1 … @reentry
            SELECT DISTINCT t.client, t.agb, t.law, t.s                        -- days before this one started (a hash join on
            FROM trajectories t JOIN trajectories p ON p.client = t.client AND p.law = t.law   -- client and law: an EXISTS in
            WHERE t.start_year BETWEEN @first_year AND @last_year              -- the select list ran once per trajectory over
              AND p.e < t.s AND p.e >= t.s - @reentry                          -- all of them)
        ),
        started AS (                    -- inflow; (client, agb, law, start) names a trajectory
            SELECT t.client, t.agb, t.start_year, r.client IS NOT NULL AS reentry
            FROM trajectories t
            LEFT JOIN reentered r ON r.client = t.client AND r.agb = t.agb AND r.law = t.law AND r.s = t.s
            WHERE t.start_year BETWEEN @first_year AND @last_year
        ),
        ended AS (                      -- outflow and duration (end − start + 1) of trajectories ended in the year
            SELECT client, agb, end_year, e - s + 1 AS days
            FROM trajectories
            WHERE end_year BETWEEN @first_year AND @last_year
        ),
        -- approved claims after the filter whose service period touches the years (a credit is a claim with a negative
        -- amount); read once, for the client-months and the expenditure
        claims AS MATERIALIZED (
            SELECT c."ClientKey" AS client, c."ProviderAgb" AS agb, c."PeriodStart" AS s, c."PeriodEnd" AS e, c."Amount" AS amount
            FROM "Claims" c
            WHERE c."Status" = 2 AND c."PeriodEnd" >= c."PeriodStart"
              AND c."PeriodEnd" >= make_date(@first_year, 1, 1) AND c."PeriodStart" <= make_date(@last_year, 12, 31)
              AND (@law IS NULL OR c."Law" = @law) AND (@product IS NULL OR c."ProductCode" = @product)
        ),
        -- client-months: the net claimed amount per provider, client and calendar month of the figure years (from
        -- @months_from; the year before is counted only for growth), a claim counting in full in every month its service
        -- period touches; most claims lie in one month and need no series
        month_net AS MATERIALIZED (
            SELECT agb, client, month, sum(amount) AS net
            FROM (
                SELECT agb, client, date_trunc('month', s::timestamp) AS month, amount
                FROM claims WHERE date_trunc('month', s::timestamp) = date_trunc('month', e::timestamp)
                UNION ALL
                SELECT c.agb, c.client, m.month, c.amount
                FROM claims c
                CROSS JOIN LATERAL generate_series(date_trunc('month', c.s::timestamp), c.e::timestamp, interval '1 month') AS m(month)
                WHERE date_trunc('month', c.s::timestamp) <> date_trunc('month', c.e::timestamp)
            ) touched
            WHERE month >= make_date(@months_from, 1, 1) AND month <= make_date(@last_year, 12, 1)
            GROUP BY agb, client, month
        )
        SELECT 'p_clients' AS section, agb, 0 AS grp, y, count(*) AS n1, 0::bigint AS n2, 0::numeric AS amount
        FROM active GROUP BY agb, y
        UNION ALL
        -- expenditure(Y): each claim prorated by the days of its service period in Y; a claim within one year counts in
        -- full there (the proration would give the same exact amount)
        SELECT 'p_expenditure', agb::text, 0, extract(year FROM year)::int, 0, 0, round(sum(share), 10)
        FROM (
            SELECT agb, date_trunc('year', s::timestamp) AS year, amount AS share
            FROM claims WHERE date_trunc('year', s::timestamp) = date_trunc('year', e::timestamp)
            UNION ALL
            SELECT c.agb, y.ys::timestamp, c.amount * (least(c.e, y.ye) - greatest(c.s, y.ys) + 1) / (c.e - c.s + 1)
            FROM claims c JOIN years y ON c.s <= y.ye AND c.e >= y.ys
            WHERE date_trunc('year', c.s::timestamp) <> date_trunc('year', c.e::timestamp)
        ) shares
        GROUP BY agb, year
        UNION ALL                       -- client-months: (client, month) pairs whose net claimed amount is positive
        SELECT 'p_months', agb::text, 0, extract(year FROM month)::int, count(*), 0, 0
        FROM month_net WHERE net > 0
        GROUP BY agb, extract(year FROM month)
        UNION ALL
        SELECT 'p_inflow', agb, 0, start_year, count(*), count(*) FILTER (WHERE reentry), 0
        FROM started GROUP BY agb, start_year
        UNION ALL                       -- the median: the mean of the lower and the upper middle value
        SELECT 'p_outflow', agb, 0, end_year, count(*), sum(days),
               (percentile_disc(0.5) WITHIN GROUP (ORDER BY days) + percentile_disc(0.5) WITHIN GROUP (ORDER BY days DESC))::numeric / 2
        FROM ended GROUP BY agb, end_year
        UNION ALL                       -- the groups: each client once per type and once in the total (group 0)
        SELECT 'g_clients', NULL, coalesce(g.type, 0), a.y, count(DISTINCT a.client), 0, 0
        FROM active a LEFT JOIN grouping_of g ON g.agb = a.agb
        GROUP BY GROUPING SETS ((g.type, a.y), (a.y))
        HAVING GROUPING(g.type) = 1 OR g.type IS NOT NULL
        UNION ALL
        SELECT 'g_months', NULL, grp, y, count(*), 0, 0
        FROM (SELECT coalesce(g.type, 0) AS grp, cm.client, cm.month, extract(year FROM cm.month)::int AS y
              FROM month_net cm LEFT JOIN grouping_of g ON g.agb = cm.agb::text
              GROUP BY GROUPING SETS ((g.type, cm.client, cm.month), (cm.client, cm.month))
              HAVING (GROUPING(g.type) = 1 OR g.type IS NOT NULL) AND sum(cm.net) > 0) gm
        GROUP BY grp, y
        UNION ALL
        SELECT 'g_inflow', NULL, coalesce(g.type, 0), s.start_year, count(DISTINCT s.client), 0, 0
        FROM started s LEFT JOIN grouping_of g ON g.agb = s.agb
        GROUP BY GROUPING SETS ((g.type, s.start_year), (s.start_year))
        HAVING GROUPING(g.type) = 1 OR g.type IS NOT NULL
        UNION ALL
        SELECT 'g_outflow', NULL, coalesce(g.type, 0), d.end_year, count(DISTINCT d.client), 0, 0
        FROM ended d LEFT JOIN grouping_of g ON g.agb = d.agb
        GROUP BY GROUPING SETS ((g.type, d.end_year), (d.end_year))
        HAVING GROUPING(g.type) = 1 OR g.type IS NOT NULL
        """;
}
