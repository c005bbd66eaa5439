using System.Data;
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
/// The stacking analysis (docs/domain.md §5) over the stored assignments: one binary COPY of only the columns the rules
/// need (<see cref="StackingCopyReader"/>) into <see cref="StackingColumns"/>, which applies the rules of
/// <see cref="StackingCalculator"/> (the oracle it is tested against) over arrays (docs/decisions/0017). Results are
/// stored as <see cref="StackingSnapshot"/>s so pages open instantly.
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
        // No JIT for one scan (it costs more than it saves here); rows in their physical order, not from wherever a
        // concurrent scan of the same table happens to be, so the same data gives the same sums to the last digit.
        await using (var options = new NpgsqlCommand("SET LOCAL jit = off; SET LOCAL synchronize_seqscans = off", connection, transaction))
        {
            await options.ExecuteNonQueryAsync(ct);
        }

        var inputVersion = await Analysis.InputChanges.VersionAsync(connection, transaction, ct);
        var postcodes = district is null ? null : await DistrictPostcodesAsync(connection, transaction, district, ct);
        var priceList = await PriceListAsync(connection, transaction, ct);
        var columns = new StackingColumns(new StackingOptions(referenceDate, law, postcodes, InstitutionThreshold), priceList, await EstimatedRowsAsync(connection, transaction, ct));
        await StackingCopyReader.ReadAsync(connection, columns, referenceDate, law, ct);
        await transaction.CommitAsync(ct);
        return (columns.Result(), inputVersion);
    }

    /// <summary>PostgreSQL's estimate of the number of assignments (kept up to date by analyze; 0 when unknown).</summary>
    private static async Task<int> EstimatedRowsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = '"Assignments"'::regclass""", connection, transaction);
        return (int)Math.Min((long)(await command.ExecuteScalarAsync(ct) ?? 0L), 100_000_000L);
    }

    private static async Task<HashSet<string>> DistrictPostcodesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string district, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """SELECT pd."Postcode4" FROM "PostcodeDistricts" pd JOIN "Districts" d ON d."Id" = pd."DistrictId" WHERE d."Name" = @district""",
            connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("district", NpgsqlDbType.Text) { Value = district });
        var postcodes = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            postcodes.Add(reader.GetString(0));
        }

        return postcodes;
    }

    private static async Task<PriceList> PriceListAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """SELECT "ProductCode", "ProviderAgb", "ValidFrom", "ValidTo", "Amount" FROM "Tariffs" """, connection, transaction);
        var entries = new List<PriceListEntry>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            entries.Add(new PriceListEntry(
                reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetFieldValue<DateOnly>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3), reader.GetDecimal(4)));
        }

        return new PriceList(entries);
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
            .SingleOrDefaultAsync(ct);
        if (starts is null)
        {
            return [];
        }

        var chosen = await db.CurrentMunicipality.Select(m => m.StackingReferenceDate).FirstOrDefaultAsync(ct);
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

    /// <summary>Two at a time: one analysis keeps about one core busy (PostgreSQL sending, the app parsing; ADR 17), and
    /// the machine has (at least) two. At ten million rows one analysis holds ~1–1.5 GB: run one at a time there.</summary>
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

        return await db.CurrentMunicipality.Select(m => m.StackingReferenceDate).FirstOrDefaultAsync(ct) ?? DefaultReferenceDate(latestStart);
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
}
