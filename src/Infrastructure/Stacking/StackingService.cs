using System.Data;
using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Imports;
using SociaalDomein.Domain.Stacking;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Stacking;

/// <summary>
/// The stacking analysis (docs/domain.md §5) over the stored assignments: one set-based query in PostgreSQL that returns
/// only the aggregates, never the rows. It follows <see cref="StackingCalculator"/> rule for rule (the calculator is
/// the oracle it is tested against) and stores results as <see cref="StackingSnapshot"/>s so pages open instantly.
/// </summary>
public sealed class StackingService(IDbContextFactory<AppDbContext> contexts, TimeProvider? clock = null, StackingSettings? settings = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>An address with more distinct clients than this is an institution (configuration
    /// <c>Stacking:InstitutionThreshold</c>).</summary>
    public int InstitutionThreshold { get; } = (settings ?? new StackingSettings()).InstitutionThreshold;

    /// <summary>Runs the analysis now. <paramref name="district"/> is a district name (exact); an unknown one throws
    /// <see cref="ArgumentException"/> (see <see cref="Districts.DistrictService.FindAsync"/>).</summary>
    public async Task<StackingResult> ComputeAsync(DateOnly referenceDate, Law? law, string? district, CancellationToken ct = default) =>
        (await ComputeWithVersionAsync(referenceDate, law, district, ct)).Result;

    /// <summary>The analysis and the version of its input (<see cref="Analysis.InputChanges"/>: imports and district
    /// mapping changes), both read in one database snapshot (repeatable read): a change that commits while the query
    /// runs is neither in the result nor in the version, so the stored result is stale at once.</summary>
    internal async Task<(StackingResult Result, long InputVersion)> ComputeWithVersionAsync(
        DateOnly referenceDate, Law? law, string? district, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (district is not null && !await db.Districts.AnyAsync(d => d.Name == district, ct))
        {
            throw new ArgumentException($"Onbekend stadsdeel: {district}.", nameof(district));
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        // One analytic query over every assignment: sort in memory rather than on disk (the default 4 MB spills at
        // a few hundred thousand rows); skip JIT compilation, which costs seconds and saves less here; and group by
        // sorting: on a million rows with one group per client or address, PostgreSQL's hash aggregates took a
        // third longer than sorts (docs/benchmarks.md).
        await using (var options = new NpgsqlCommand(
            "SET LOCAL work_mem = '256MB'; SET LOCAL jit = off; SET LOCAL enable_hashagg = off; SET LOCAL max_parallel_workers_per_gather = 2",
            connection, transaction))
        {
            await options.ExecuteNonQueryAsync(ct);
        }

        var inputVersion = await Analysis.InputChanges.VersionAsync(connection, transaction, ct);

        await using var command = new NpgsqlCommand(Query, connection, transaction) { CommandTimeout = 600 };
        command.Parameters.Add(new NpgsqlParameter("reference_date", NpgsqlDbType.Date) { Value = referenceDate });
        command.Parameters.Add(new NpgsqlParameter("year_start", NpgsqlDbType.Date) { Value = new DateOnly(referenceDate.Year, 1, 1) });
        command.Parameters.Add(new NpgsqlParameter("year_end", NpgsqlDbType.Date) { Value = new DateOnly(referenceDate.Year, 12, 31) });
        command.Parameters.Add(new NpgsqlParameter("law", NpgsqlDbType.Integer) { Value = law is null ? DBNull.Value : (int)law });
        command.Parameters.Add(new NpgsqlParameter("district", NpgsqlDbType.Text) { Value = (object?)district ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("threshold", NpgsqlDbType.Integer) { Value = InstitutionThreshold });
        command.Parameters.Add(new NpgsqlParameter("max_bucket", NpgsqlDbType.Integer) { Value = StackingOptions.MaxProvisionsBucket });
        command.Parameters.Add(new NpgsqlParameter("top_pairs", NpgsqlDbType.Integer) { Value = StackingOptions.TopPairs });
        command.Parameters.Add(new NpgsqlParameter("top_households", NpgsqlDbType.Integer) { Value = StackingOptions.TopHouseholds });

        var lines = new List<Line>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                lines.Add(new Line(
                    reader.GetString(0), Text(reader, 1), Text(reader, 2), reader.GetInt64(3),
                    reader.GetInt64(4), reader.GetInt64(5), reader.GetDecimal(6)));
            }
        }

        await transaction.CommitAsync(ct);
        return (ToResult(referenceDate, lines), inputVersion);
    }

    /// <summary>The stored result for a reference date and filter (law and district "" or null for all), as long as its
    /// input has not changed since its data was read (no import, no district mapping change) and it has the configured
    /// institution threshold; otherwise (or when there is none) computed now and stored.</summary>
    public async Task<StackingResult> GetAsync(DateOnly referenceDate, Law? law, string? district, CancellationToken ct = default)
    {
        var lawKey = law?.ToString() ?? "";
        var districtKey = district ?? "";
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var stored = await db.StackingSnapshots
                .Where(s => s.ReferenceDate == referenceDate && s.Law == lawKey && s.District == districtKey)
                .Select(s => new { s.InputVersion, s.ResultJson })
                .FirstOrDefaultAsync(ct);
            if (stored is not null)
            {
                // Counting changes, not comparing times: changes may commit in another order than they finish, and a
                // time taken inside a transaction is earlier than its commit.
                var version = await Analysis.InputChanges.VersionAsync(db, Analysis.StoredAnalysis.Stacking, ct);
                var result = JsonSerializer.Deserialize<StackingResult>(stored.ResultJson, Json)!;
                // A result stored before the price list existed has no count of unpriced assignments: compute it again.
                if (stored.InputVersion == version && result.InstitutionThreshold == InstitutionThreshold && result.UnpricedAssignments is not null)
                {
                    return result;
                }
            }
        }

        return await ComputeAndStoreAsync(referenceDate, law, district, ct);
    }

    /// <summary>Computes and stores the result for the whole municipality and all laws, for each law, and for each
    /// district (law × district combinations are computed on request by <see cref="GetAsync"/>).</summary>
    public async Task RefreshAsync(DateOnly referenceDate, CancellationToken ct = default) =>
        await ComputeAndStoreAsync(Filters(referenceDate, await DistrictNamesAsync(ct)), ct);

    /// <summary>What the pages will most likely ask for after an import, computed and stored: the default reference
    /// date for every law and district, the trend quarters and every other date someone looked at, for the whole
    /// municipality. Other filters on other dates are computed again when someone asks (a stored result from before
    /// the import is never served), so this job does not grow with every combination ever viewed.</summary>
    public async Task RefreshAllAsync(CancellationToken ct = default)
    {
        var wanted = new HashSet<(DateOnly Date, Law? Law, string? District)>();
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var viewed = await db.StackingSnapshots.Where(s => s.Law == "" && s.District == "").Select(s => s.ReferenceDate).ToListAsync(ct);
            wanted.UnionWith(viewed.Select(date => (date, (Law?)null, (string?)null)));
        }

        if (await DefaultReferenceDateAsync(ct) is { } defaultDate)
        {
            wanted.UnionWith(Filters(defaultDate, await DistrictNamesAsync(ct)));
        }

        wanted.UnionWith((await TrendDatesAsync(ct)).Select(date => (date, (Law?)null, (string?)null)));
        await ComputeAndStoreAsync(wanted.OrderBy(w => w.Date), ct);
    }

    /// <summary>The reference dates of the trend: the first day of each quarter, from the quarter of the first
    /// assignment to the quarter of the default reference date, at most the last <see cref="TrendQuarters"/>. Within
    /// the year, which the national monitor does not show (docs/domain.md §5).</summary>
    public async Task<IReadOnlyList<DateOnly>> TrendDatesAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var starts = await db.Assignments.GroupBy(_ => 1)
            .Select(g => new { First = g.Min(a => a.StartDate), Latest = g.Max(a => a.StartDate) })
            .FirstOrDefaultAsync(ct);
        if (starts is null)
        {
            return [];
        }

        var chosen = await db.Municipalities.Select(m => m.StackingReferenceDate).FirstOrDefaultAsync(ct);
        var (first, last) = (starts.First, chosen ?? DefaultReferenceDate(starts.Latest));

        var dates = new List<DateOnly>();
        for (var quarter = QuarterStart(last); quarter >= QuarterStart(first) && dates.Count < TrendQuarters; quarter = quarter.AddMonths(-3))
        {
            dates.Add(quarter);
        }

        dates.Reverse();
        return dates;
    }

    /// <summary>How many quarters the trend shows at most: four years.</summary>
    public const int TrendQuarters = 16;

    /// <summary>The results on the trend dates for a filter, oldest first: stored ones where current, the others
    /// computed now, two at a time.</summary>
    public async Task<IReadOnlyList<StackingResult>> TrendAsync(Law? law, string? district, CancellationToken ct = default)
    {
        var dates = await TrendDatesAsync(ct);
        var results = new StackingResult[dates.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, dates.Count), new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = ct },
            async (i, token) => results[i] = await GetAsync(dates[i], law, district, token));
        return results;
    }

    private static DateOnly QuarterStart(DateOnly date) => new(date.Year, (date.Month - 1) / 3 * 3 + 1, 1);

    private async Task<HashSet<string>> DistrictNamesAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return (await db.Districts.Select(d => d.Name).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The whole municipality, each law and each district on one date.</summary>
    private static IEnumerable<(DateOnly Date, Law? Law, string? District)> Filters(DateOnly date, IEnumerable<string> districts) =>
    [
        (date, null, null),
        .. Enum.GetValues<Law>().Select(law => (date, (Law?)law, (string?)null)),
        .. districts.Order(StringComparer.Ordinal).Select(district => (date, (Law?)null, (string?)district)),
    ];

    /// <summary>Two at a time: one analysis keeps one core of PostgreSQL busy, and the machine has (at least) two.</summary>
    private Task ComputeAndStoreAsync(IEnumerable<(DateOnly Date, Law? Law, string? District)> work, CancellationToken ct) =>
        Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = ct },
            async (w, token) => await ComputeAndStoreAsync(w.Date, w.Law, w.District, token));

    /// <summary>The reference dates that have stored results, oldest first.</summary>
    public async Task<IReadOnlyList<DateOnly>> StoredReferenceDatesAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.StackingSnapshots.Select(s => s.ReferenceDate).Distinct().OrderBy(d => d).ToListAsync(ct);
    }

    /// <summary>The municipality's own reference date (<c>Municipality.StackingReferenceDate</c>) when it set one;
    /// otherwise 1 November of the latest year in which an assignment starts, as the council chose November 2018
    /// (docs/sources.md: Stapeling M12-6 — most data is in by then, and no year-end peak); null without
    /// assignments.</summary>
    public async Task<DateOnly?> DefaultReferenceDateAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Assignments.MaxAsync(a => (DateOnly?)a.StartDate, ct) is not { } latestStart)
        {
            return null;
        }

        return await db.Municipalities.Select(m => m.StackingReferenceDate).FirstOrDefaultAsync(ct) ?? DefaultReferenceDate(latestStart);
    }

    private static DateOnly DefaultReferenceDate(DateOnly latestStart) => new(latestStart.Year, 11, 1);

    private async Task<StackingResult> ComputeAndStoreAsync(DateOnly referenceDate, Law? law, string? district, CancellationToken ct)
    {
        var computedAt = _clock.GetUtcNow();
        var (result, inputVersion) = await ComputeWithVersionAsync(referenceDate, law, district, ct);
        await StoreAsync(result, law, district, inputVersion, computedAt, ct);
        return result;
    }

    /// <summary>Stores a result computed from input version <paramref name="inputVersion"/>. Upsert: a computation on
    /// older input never overwrites one on newer input; a result stored after its input changed is kept but never
    /// served (<see cref="GetAsync"/> compares versions).</summary>
    internal async Task StoreAsync(StackingResult result, Law? law, string? district, long inputVersion, DateTimeOffset computedAt, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(result, Json);
        var lawKey = law?.ToString() ?? "";
        var districtKey = district ?? "";
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "StackingSnapshots" ("ReferenceDate", "Law", "District", "ComputedAt", "InputVersion", "ResultJson")
            VALUES ({result.ReferenceDate}, {lawKey}, {districtKey}, {computedAt}, {inputVersion}, {json}::jsonb)
            ON CONFLICT ("ReferenceDate", "Law", "District") DO UPDATE
            SET "ComputedAt" = EXCLUDED."ComputedAt", "InputVersion" = EXCLUDED."InputVersion", "ResultJson" = EXCLUDED."ResultJson"
            WHERE "StackingSnapshots"."InputVersion" < EXCLUDED."InputVersion"
               OR ("StackingSnapshots"."InputVersion" = EXCLUDED."InputVersion" AND "StackingSnapshots"."ComputedAt" < EXCLUDED."ComputedAt")
            """, ct);
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private sealed record Line(string Section, string? Label, string? Label2, long Position, long N1, long N2, decimal Amount);

    private static StackingResult ToResult(DateOnly referenceDate, List<Line> lines)
    {
        IEnumerable<Line> Of(string section) => lines.Where(l => l.Section == section).OrderBy(l => l.Position);
        var cleaning = Of("cleaning").Single();
        var population = Of("population").Single();
        var institutions = Of("institutions").Single();
        var crossLaw = Of("cross_law").Single();
        return new StackingResult(
            referenceDate,
            Revoked: (int)cleaning.N1,
            Duplicates: (int)cleaning.N2,
            ActiveAssignments: (int)population.N1,
            Clients: (int)population.N2,
            TotalAmount: population.Amount,
            Households: Of("household").Select(l => new HouseholdLine((int)l.Position, (int)l.N1, l.Amount)).ToList(),
            Institutions: new InstitutionLine((int)institutions.N1, (int)institutions.N2, institutions.Amount),
            Provisions: Of("provisions").Select(l => new ProvisionLine((int)l.Position, (int)l.N1, l.Amount)).ToList(),
            ProductPairs: Of("pair").Select(l => new ProductPairLine(l.Label!, l.Label2!, (int)l.N1, l.Amount)).ToList(),
            CrossLaw: new CrossLawLine((int)crossLaw.N1, crossLaw.Amount),
            MostExpensiveHouseholds: Of("top").Select(l => new ExpensiveHousehold(l.Label!, (int)l.N1, (int)l.N2, l.Amount)).ToList(),
            UnpricedAssignments: (int)population.Position);
    }

    /// <summary>
    /// The analysis as one statement; every step names the rule of <see cref="StackingCalculator"/> it mirrors.
    /// Amounts stay numeric (exact; a division keeps at least 16 significant digits) and are rounded to 12 decimals
    /// only on the way out, so they fit a .NET decimal. The answer is a handful of lines:
    /// (section, label, label2, position, n1, n2, amount).
    /// </summary>
    private const string Query = """
        WITH
        district_postcodes AS (         -- the 4-digit postcodes of the district filter (none when @district is null)
            SELECT pd."Postcode4"
            FROM "PostcodeDistricts" pd
            JOIN "Districts" d ON d."Id" = pd."DistrictId"
            WHERE d."Name" = @district
        ),
        copy_candidates AS MATERIALIZED (  -- rule 2, first pass: groups of CopyKey, a stored hash of (case, product,
            SELECT a."CopyKey"             -- provider, start), with more than one kept row. One hash aggregate on a
            FROM "Assignments" a           -- bigint; the real columns are compared in the next step, so a hash
            WHERE (@law IS NULL OR a."Law" = @law)   -- collision only costs time
              AND a."EndDate" IS DISTINCT FROM a."StartDate"       -- rule 1 (law filter), revoked rows out
            GROUP BY a."CopyKey"
            HAVING count(*) > 1
        ),
        copies AS MATERIALIZED (        -- rule 2: within (case, product, provider, start) the smallest Id is kept,
            SELECT r."Id", r.row_in_district    -- the other rows are copies
            FROM (
                SELECT a."Id", a."Id" <> min(a."Id") OVER (PARTITION BY a."CaseNumber", a."ProductCode", a."ProviderAgb", a."StartDate") AS is_copy,
                       (@district IS NULL OR a."Postcode4" IN (SELECT "Postcode4" FROM district_postcodes)) AS row_in_district
                FROM "Assignments" a
                WHERE a."CopyKey" IN (SELECT "CopyKey" FROM copy_candidates)
                  AND (@law IS NULL OR a."Law" = @law)
                  AND a."EndDate" IS DISTINCT FROM a."StartDate"
            ) r
            WHERE r.is_copy
        ),
        active AS (                     -- rule 3: the kept rows active on the reference date, with their amount (§4);
            SELECT n."ClientKey", n."AddressKey", n."Postcode4", n."Law", n."ProductCode", n."StartDate",   -- NULL: none
                   CASE
                       WHEN d.period_days <= 0 OR d.overlap_days <= 0 THEN 0
                       WHEN n."Budget" IS NOT NULL THEN n."Budget" * d.overlap_days / d.period_days
                       WHEN n."Volume" IS NULL OR n."Frequency" IS NULL OR n."Frequency" NOT IN (1, 2, 3, 4, 5, 6) THEN NULL
                       WHEN n."Tariff" IS NOT NULL THEN
                           CASE WHEN n."Frequency" = 6
                                THEN n."Volume" * n."Tariff" * d.overlap_days / d.period_days                -- totaal
                                ELSE n."Volume" * n."Tariff"
                                     * CASE n."Frequency" WHEN 1 THEN 365 WHEN 2 THEN 52 WHEN 3 THEN 13 WHEN 4 THEN 12 ELSE 1 END
                                     * d.overlap_days / (@year_end - @year_start + 1)
                           END
                       ELSE                     -- no own tariff: the price list (AssignmentAmount.Priced). Only rows that
                           n."Volume"           -- reach this branch run the subquery, so priced rows cost nothing extra.
                           * (SELECT sum(part.price * part.days)   -- Σ price × days over the parts of the overlap with a
                              FROM (                               -- price; NULL when no part has one: no amount
                                  SELECT (SELECT t."Amount" FROM "Tariffs" t   -- the price on the part's first day: the
                                          WHERE t."ProductCode" = n."ProductCode"   -- provider's entry before the generic
                                            AND (t."ProviderAgb" = n."ProviderAgb" OR t."ProviderAgb" IS NULL)  -- one,
                                            AND t."ValidFrom" <= b.day AND (t."ValidTo" IS NULL OR t."ValidTo" >= b.day)
                                          ORDER BY t."ProviderAgb" NULLS LAST, t."ValidFrom" DESC   -- then the latest
                                          LIMIT 1) AS price,
                                         coalesce(lead(b.day) OVER (ORDER BY b.day), d.overlap_end + 1) - b.day AS days
                                  FROM (SELECT d.overlap_start AS day  -- the overlap split where an entry starts or ends
                                        UNION
                                        SELECT v.day
                                        FROM "Tariffs" t
                                        CROSS JOIN LATERAL (VALUES (t."ValidFrom"), (t."ValidTo" + 1)) v(day)
                                        WHERE t."ProductCode" = n."ProductCode"
                                          AND (t."ProviderAgb" = n."ProviderAgb" OR t."ProviderAgb" IS NULL)
                                          AND v.day > d.overlap_start AND v.day <= d.overlap_end) b
                              ) part)
                           * CASE n."Frequency" WHEN 1 THEN 365 WHEN 2 THEN 52 WHEN 3 THEN 13 WHEN 4 THEN 12 ELSE 1 END
                           / CASE WHEN n."Frequency" = 6 THEN d.period_days ELSE @year_end - @year_start + 1 END
                   END AS amount
            FROM "Assignments" n
            CROSS JOIN LATERAL (                 -- an open-ended period counts until 31 December; days inclusive
                SELECT coalesce(n."EndDate", @year_end) - n."StartDate" + 1 AS period_days,
                       least(coalesce(n."EndDate", @year_end), @year_end) - greatest(n."StartDate", @year_start) + 1 AS overlap_days,
                       greatest(n."StartDate", @year_start) AS overlap_start,
                       least(coalesce(n."EndDate", @year_end), @year_end) AS overlap_end
            ) d
            WHERE (@law IS NULL OR n."Law" = @law)
              AND n."EndDate" IS DISTINCT FROM n."StartDate"
              AND n."StartDate" <= @reference_date
              AND (n."EndDate" IS NULL OR n."EndDate" >= @reference_date)
              AND NOT EXISTS (SELECT 1 FROM copies c WHERE c."Id" = n."Id")
        ),
        with_household AS (             -- rule 4: a client lives at the address of its latest-started assignment
            SELECT a.*,                 --         (tie: the smallest key), and brings all its assignments there
                   first_value(a."AddressKey") OVER (PARTITION BY a."ClientKey" ORDER BY a."StartDate" DESC, a."AddressKey") AS household
            FROM active a
        ),
        address_postcodes AS (          -- rule 5: an address's postcode is the smallest one its assignments name
            SELECT a."AddressKey", min(a."Postcode4" COLLATE "C") AS postcode   -- (only evaluated with a district)
            FROM active a
            GROUP BY a."AddressKey"
        ),
        placed AS (                     -- the district filter: households whose address lies in the district
            SELECT *
            FROM with_household h
            WHERE @district IS NULL
               OR h.household IN (SELECT p."AddressKey" FROM address_postcodes p
                                  WHERE p.postcode IN (SELECT "Postcode4" FROM district_postcodes))
        ),
        client_product AS (             -- per client and product: assignments and amount; the client's household
            SELECT "ClientKey", household,  -- (one per client, rule 4) and laws come along
                   "ProductCode" COLLATE "C" AS product, count(*) AS assignments, coalesce(sum(amount), 0) AS amount,
                   count(*) FILTER (WHERE amount IS NULL) AS unpriced,   -- no amount: counted, € 0 in the tables
                   bool_or("Law" = 1) AS wmo, bool_or("Law" = 2) AS jeugd
            FROM placed
            GROUP BY "ClientKey", household, "ProductCode"
        ),
        clients AS (                    -- per client: distinct products and amount (Table B counts institutions too)
            SELECT "ClientKey", household,
                   count(*) AS products, sum(assignments) AS assignments, sum(amount) AS amount, sum(unpriced) AS unpriced,
                   bool_or(wmo) AS wmo, bool_or(jeugd) AS jeugd
            FROM client_product
            GROUP BY "ClientKey", household
        ),
        households AS (                 -- rule 6: per address; more than @threshold clients is an institution
            SELECT household,           -- (a client belongs to exactly one household, so clients = distinct clients)
                   count(*) AS clients, sum(amount) AS amount,
                   bool_or(wmo) AND bool_or(jeugd) AS cross_law   -- Wmo and Jeugdwet
            FROM clients
            GROUP BY household
        ),
        homes AS (
            SELECT * FROM households WHERE clients <= @threshold
        ),
        pairs AS (                      -- every pair of distinct products of one client (ordinal order): clients and
            SELECT x.product AS product_a, y.product AS product_b,   -- the amount of the two
                   count(*) AS clients, sum(x.amount + y.amount) AS amount
            FROM client_product x
            JOIN client_product y ON y."ClientKey" = x."ClientKey" AND y.product > x.product
            GROUP BY 1, 2
        ),
        top_households AS (             -- the most expensive households (not institutions)
            SELECT household, clients, amount
            FROM homes
            ORDER BY round(amount, 2) DESC, household
            LIMIT @top_households
        )
        SELECT 'cleaning' AS section, NULL::text AS label, NULL::text AS label2, 0::bigint AS position,
               (SELECT count(*) FROM "Assignments" a
                WHERE (@law IS NULL OR a."Law" = @law) AND a."EndDate" = a."StartDate"
                  AND (@district IS NULL OR a."Postcode4" IN (SELECT "Postcode4" FROM district_postcodes))) AS n1,
               (SELECT count(*) FROM copies WHERE row_in_district) AS n2,
               0::numeric AS amount
        UNION ALL
        SELECT 'population', NULL, NULL, coalesce(sum(unpriced), 0)::bigint,   -- position: the assignments without amount
               coalesce(sum(assignments), 0)::bigint, count(*), coalesce(round(sum(amount), 12), 0)
        FROM clients
        UNION ALL                       -- Table A: one line per number of clients, also when there are no addresses
        SELECT 'household', NULL, NULL, s.n, count(h.household), 0, coalesce(round(sum(h.amount), 12), 0)
        FROM generate_series(1, @threshold) s(n)
        LEFT JOIN homes h ON h.clients = s.n
        GROUP BY s.n
        UNION ALL
        SELECT 'institutions', NULL, NULL, 0, count(*), coalesce(sum(clients), 0), coalesce(round(sum(amount), 12), 0)
        FROM households
        WHERE clients > @threshold
        UNION ALL                       -- Table B: 1 … 4 distinct products and "5 or more"
        SELECT 'provisions', NULL, NULL, b.n, count(c."ClientKey"), 0, coalesce(round(sum(c.amount), 12), 0)
        FROM generate_series(1, @max_bucket) b(n)
        LEFT JOIN clients c ON least(c.products, @max_bucket) = b.n
        GROUP BY b.n
        UNION ALL
        SELECT 'cross_law', NULL, NULL, 0, count(*), 0, coalesce(round(sum(amount), 12), 0)
        FROM homes
        WHERE cross_law
        UNION ALL                       -- the most frequent pairs
        SELECT 'pair', product_a, product_b,
               row_number() OVER (ORDER BY clients DESC, round(amount, 2) DESC, product_a COLLATE "C", product_b COLLATE "C"),
               clients, 0, round(amount, 12)
        FROM (
            SELECT * FROM pairs
            ORDER BY clients DESC, round(amount, 2) DESC, product_a COLLATE "C", product_b COLLATE "C"
            LIMIT @top_pairs
        ) p
        UNION ALL                       -- the most expensive households, by pseudonymous key, with their distinct products
        SELECT 'top', encode(t.household, 'hex') COLLATE "C", NULL,
               row_number() OVER (ORDER BY round(t.amount, 2) DESC, t.household),
               t.clients, (SELECT count(DISTINCT cp.product) FROM client_product cp WHERE cp.household = t.household),
               round(t.amount, 12)
        FROM top_households t
        """;
}
