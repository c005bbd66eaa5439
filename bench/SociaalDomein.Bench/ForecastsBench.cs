using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.DemoData;
using SociaalDomein.Infrastructure.Forecasts;

namespace SociaalDomein.Bench;

/// <summary>
/// The forecast recompute job on the demo municipality (issue 11 point 5; docs/benchmarks.md):
/// <c>SociaalDomein.Bench forecasts</c>. Seeds the demo into a fresh database, runs what <see cref="ForecastRecomputeJob"/>
/// runs three times (the first straight after seeding, as the job the app queues then; the others after ANALYZE, as at
/// night), then times a stored read against a computation on request.
/// </summary>
public static partial class Program
{
    public static async Task ForecastsBenchAsync(string? data)
    {
        await using var server = await StartServerAsync(data);
        var contexts = new Contexts(server.ConnectionString);
        var watch = Stopwatch.StartNew();
        await using (var db = contexts.CreateDbContext())
        {
            await DemoDataSeeder.SeedAsync(db);
        }

        Console.WriteLine($"forecasts: demo seeded in {watch.Elapsed.TotalSeconds:F1} s");
        var service = new ForecastService(contexts, new BudgetService(contexts), TimeProvider.System);
        var store = new ForecastFigureStore(contexts, service);
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
        var runs = new List<TimeSpan>();
        ForecastRefresh? refresh = null;
        for (var i = 0; i < 3; i++)
        {
            if (i == 1)
            {
                await using var db = contexts.CreateDbContext();
                await db.Database.ExecuteSqlRawAsync("ANALYZE");
            }

            watch.Restart();
            refresh = await store.RefreshAllAsync();
            runs.Add(watch.Elapsed);
            Console.WriteLine($"forecasts: job run {i + 1}: {watch.Elapsed.TotalSeconds:F1} s");
        }

        var asOf = refresh!.AsOf.FirstOrDefault(d => d.Month == 9, refresh.AsOf[^1]); // the demo's story: as of 30 September
        var stored = await TimeAsync(() => store.ForecastAsync(asOf.Year, asOf));
        var computed = await TimeAsync(() => service.ForecastAsync(asOf.Year, asOf));
        var storedAccuracy = await TimeAsync(() => store.AccuracyAsync("JGD-03"));
        var computedAccuracy = await TimeAsync(() => service.AccuracyAsync("JGD-03"));
        var loadAfter = File.ReadAllText("/proc/loadavg").Split(' ')[..3];

        Console.WriteLine();
        Console.WriteLine($"| measurement (demo: {refresh.AccuracyLines} lines, load {string.Join(" ", load)} → {string.Join(" ", loadAfter)}) | result |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| recompute job: accuracy of {refresh.AccuracyLines} lines + forecast {refresh.Year} as of {refresh.AsOf.Count} month ends, straight after seeding | {runs[0].TotalSeconds:F1} s |");
        Console.WriteLine($"| the same after ANALYZE (as at night), two runs | {runs[1].TotalSeconds:F1} s, {runs[2].TotalSeconds:F1} s |");
        Console.WriteLine($"| forecast as of {asOf:dd-MM-yyyy}: stored read / computed on request (median of 5) | {Ms(stored)} / {Ms(computed)} |");
        Console.WriteLine($"| accuracy of JGD-03: stored read / computed on request (median of 5) | {Ms(storedAccuracy)} / {Ms(computedAccuracy)} |");
    }

    private static async Task<TimeSpan> TimeAsync<T>(Func<Task<T>> action)
    {
        var runs = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            runs.Add(watch.Elapsed);
        }

        return runs.Order().ElementAt(2);
    }

    private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture) + " ms";
}
