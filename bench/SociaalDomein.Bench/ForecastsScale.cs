using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.DemoData;
using SociaalDomein.Infrastructure.Forecasts;

namespace SociaalDomein.Bench;

/// <summary>
/// The forecast at scale (issue 11, "Scale"; docs/benchmarks.md): <c>SociaalDomein.Bench forecasts --claims N</c>. Seeds
/// the demo municipality, multiplies its claims in SQL to <c>N</c> (whole copies of every claim with a new identity, and one
/// partial copy of a random sample for the rest; nothing else shifted: same periods, amounts, submission dates, statuses),
/// then times the forecast of 2017 as of 30-09-2017 and the accuracy of one line computed on request, the whole
/// recompute job (<see cref="ForecastFigureStore.RefreshAllAsync"/>) and the stored reads, with the process's peak memory
/// (VmHWM, reset after seeding) and the load average beside each figure.
/// </summary>
public static partial class Program
{
    private static readonly DateOnly ScaleAsOf = new(2017, 9, 30);
    private const string ScaleLine = "JGD-03";

    public static async Task ForecastsScaleBenchAsync(int claims, string? data)
    {
        await using var server = await StartServerAsync(data);
        var contexts = new Contexts(server.ConnectionString);
        var watch = Stopwatch.StartNew();
        await using (var db = contexts.CreateDbContext())
        {
            await DemoDataSeeder.SeedAsync(db);
        }

        var seedPeak = PeakWorkingSet();
        Console.WriteLine($"forecasts: demo seeded in {watch.Elapsed.TotalSeconds:F1} s, VmHWM {seedPeak / 1048576.0:F0} MB");
        var service = new ForecastService(contexts, new BudgetService(contexts), TimeProvider.System);
        var store = new ForecastFigureStore(contexts, service);

        // The demo's own figures first, to compare with the scaled ones.
        var demo = (await service.ForecastAsync(ScaleAsOf.Year, ScaleAsOf)).Value!.Total;
        var (demoClaims, copies, multiply) = await MultiplyClaimsAsync(server.ConnectionString, claims);
        var total = await CountClaimsAsync(server.ConnectionString);
        var factor = (double)total / demoClaims;

        // What the bench measures starts here: forget the seeding's peak (Linux: 5 → clear_refs resets VmHWM).
        GC.Collect();
        File.WriteAllText("/proc/self/clear_refs", "5");
        var measured = new List<(string Label, string Result, string Load)>();
        var runs = claims >= 5_000_000 ? 1 : 3;

        var load = Load();
        var (computed, report) = await MedianAsync(runs, () => service.ForecastAsync(ScaleAsOf.Year, ScaleAsOf));
        measured.Add(($"forecast {ScaleAsOf.Year} as of {ScaleAsOf:dd-MM-yyyy} computed on request ({Runs(runs)})", Seconds(computed), $"{load} → {Load()}"));
        Console.WriteLine($"forecasts: computed forecast {Seconds(computed)}");

        load = Load();
        var (accuracy, _) = await MedianAsync(runs, () => service.AccuracyAsync(ScaleLine));
        measured.Add(($"accuracy of {ScaleLine} computed on request ({Runs(runs)})", Seconds(accuracy), $"{load} → {Load()}"));
        Console.WriteLine($"forecasts: computed accuracy {Seconds(accuracy)}");

        load = Load();
        watch.Restart();
        var refresh = await store.RefreshAllAsync();
        var job = watch.Elapsed;
        measured.Add(($"recompute job (RefreshAllAsync): accuracy of {refresh.AccuracyLines} lines + forecast {refresh.Year} as of {refresh.AsOf.Count} month ends",
            Seconds(job), $"{load} → {Load()}"));
        Console.WriteLine($"forecasts: job {Seconds(job)}");

        load = Load();
        var (storedForecast, _) = await MedianAsync(5, () => store.ForecastAsync(ScaleAsOf.Year, ScaleAsOf));
        var (storedAccuracy, _) = await MedianAsync(5, () => store.AccuracyAsync(ScaleLine));
        measured.Add(($"stored read: forecast as of {ScaleAsOf:dd-MM-yyyy} / accuracy of {ScaleLine} (median of 5)", $"{Ms(storedForecast)} / {Ms(storedAccuracy)}", $"{load} → {Load()}"));
        var peak = PeakWorkingSet();

        var scaled = report.Value!.Total;
        Console.WriteLine();
        Console.WriteLine($"{total:N0} claims = {factor:F2} × the demo's {demoClaims:N0} ({copies} whole copies + a sample), multiplied in {Seconds(multiply)} (indexes dropped, rebuilt, ANALYZE)");
        Console.WriteLine($"total forecast {ScaleAsOf.Year} as of {ScaleAsOf:dd-MM-yyyy}, demo → scaled: lag-adjusted {Money(demo.LagAdjusted.Amount)} → {Money(scaled.LagAdjusted.Amount)}, " +
            $"commitment {Money(demo.Commitment.Amount)} → {Money(scaled.Commitment.Amount)}, recommended {Money(demo.Recommended.Amount)} → {Money(scaled.Recommended.Amount)}");
        Console.WriteLine();
        Console.WriteLine($"| {total:N0} claims ({factor:F2} × the demo) | result | load (1 / 5 / 15 min) |");
        Console.WriteLine("|---|---|---|");
        foreach (var (label, result, l) in measured)
        {
            Console.WriteLine($"| {label} | {result} | {l} |");
        }

        Console.WriteLine($"| peak memory of the process (VmHWM) over the above / while seeding the demo | {peakMb(peak)} / {peakMb(seedPeak)} | |");

        static string peakMb(long bytes) => $"{bytes / 1048576.0:F0} MB";
    }

    /// <summary>Multiplies the claims to <paramref name="target"/>: every claim copied <c>copies</c> times whole with
    /// "#k" appended to its identity (the unique index is on the generated hash of it and the identity), then a random
    /// sample (by md5 of the id) for the rest. The secondary indexes are dropped around the inserts and built again,
    /// then ANALYZE. Returns the demo's count, the whole copies and the time.</summary>
    private static async Task<(long Demo, int Copies, TimeSpan Time)> MultiplyClaimsAsync(string connectionString, int target)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var demo = await ScalarAsync<long>(connection, """SELECT count(*) FROM "Claims" """);
        var maxId = await ScalarAsync<long>(connection, """SELECT max("Id") FROM "Claims" """);
        var copies = (int)Math.Max(0, target / demo - 1);
        var rest = Math.Max(0, target - demo * (copies + 1));
        var columns = new List<string>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT quote_ident(column_name) FROM information_schema.columns
            WHERE table_name = 'Claims' AND is_generated = 'NEVER' AND is_identity = 'NO' AND column_name <> 'IdentityKey'
            ORDER BY ordinal_position
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        var indexes = new List<(string Name, string Definition)>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT quote_ident(c.relname), pg_get_indexdef(i.indexrelid)
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE i.indrelid = '"Claims"'::regclass
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var list = string.Join(", ", columns);
        var select = string.Join(", ", columns.Select(c => "c." + c));
        var watch = Stopwatch.StartNew();
        Console.WriteLine($"forecasts: {demo:N0} demo claims → {target:N0}: {copies} whole copies + {rest:N0}; dropping {indexes.Count} indexes");
        await Execute(connection, "DROP INDEX " + string.Join(", ", indexes.Select(i => i.Name)));
        if (copies > 0)
        {
            await Execute(connection, $"""
                INSERT INTO "Claims" ({list}, "IdentityKey")
                SELECT {select}, c."IdentityKey" || '#' || k
                FROM "Claims" c CROSS JOIN generate_series(1, {copies}) k
                WHERE c."Id" <= {maxId}
                """);
        }

        if (rest > 0)
        {
            await Execute(connection, $"""
                INSERT INTO "Claims" ({list}, "IdentityKey")
                SELECT {select}, c."IdentityKey" || '#' || {copies + 1}
                FROM (SELECT * FROM "Claims" WHERE "Id" <= {maxId} ORDER BY md5("Id"::text) LIMIT {rest}) c
                """);
        }

        Console.WriteLine($"forecasts: inserted in {Seconds(watch.Elapsed)}");
        await Execute(connection, "SET maintenance_work_mem = '256MB'");
        foreach (var (_, definition) in indexes)
        {
            await Execute(connection, definition);
        }

        await Execute(connection, """VACUUM ANALYZE "Claims" """);
        Console.WriteLine($"forecasts: indexes built, analysed: {Seconds(watch.Elapsed)}");
        return (demo, copies, watch.Elapsed);
    }

    private static async Task<long> CountClaimsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await ScalarAsync<long>(connection, """SELECT count(*) FROM "Claims" """);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<(TimeSpan Median, T Last)> MedianAsync<T>(int count, Func<Task<T>> action)
    {
        var times = new List<TimeSpan>();
        T last = default!;
        for (var i = 0; i < count; i++)
        {
            var watch = Stopwatch.StartNew();
            last = await action();
            times.Add(watch.Elapsed);
        }

        return (times.Order().ElementAt(count / 2), last);
    }

    private static string Runs(int runs) => runs == 1 ? "one run" : $"median of {runs}";

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s";

    private static string Money(decimal? amount) => amount?.ToString("N0", CultureInfo.InvariantCulture) ?? "–";
}
