using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Domain.Imports;

namespace SociaalDomein.Bench;

/// <summary>The realisatie (ledger actuals) import on generated data (docs/benchmarks.md, "Realisatie").</summary>
public static partial class Program
{
    private const int BenchLines = 500;
    private const int FirstBenchYear = 2019;
    private const int BenchYears = 5;

    /// <summary>
    /// A ledger export of <paramref name="rows"/> bookings: 500 budget lines, the 60 months of 2019–2023, so 30,000
    /// (line, month) figures of about 33 bookings each for a million rows (a line has several invoices a month). Rows in
    /// month order, lines shuffled within a month, as a ledger lists its journal. 90 % of the rows name the line by its
    /// code, 10 % by its name in another case and with extra spaces; 5 % are negative corrections. Amounts plain
    /// (<c>1234.56</c>), so <c>psql \copy</c> can take the same file into a numeric column. Deterministic.
    /// </summary>
    public static void GenerateRealisatie(int rows, string path)
    {
        var random = new Random(20261201);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        writer.Write("jaar;maand;budgetpost;bedrag\n");
        var months = BenchYears * 12;
        for (var i = 0; i < rows; i++)
        {
            var monthIndex = (int)((long)i * months / rows);
            var year = FirstBenchYear + monthIndex / 12;
            var month = monthIndex % 12 + 1;
            var line = random.Next(BenchLines) + 1;
            var amount = random.Next(1, 2_500_000) / 100m;
            if (random.Next(20) == 0)
            {
                amount = -amount;
            }

            var name = random.Next(10) == 0 ? $"  budgetpost   {line:000} {(line % 2 == 0 ? "ZORG" : "inkomen")}" : BenchLineCode(line);
            writer.Write(year.ToString(CultureInfo.InvariantCulture));
            writer.Write(';');
            writer.Write(month.ToString(CultureInfo.InvariantCulture));
            writer.Write(';');
            writer.Write(name);
            writer.Write(';');
            writer.Write(amount.ToString("0.00", CultureInfo.InvariantCulture));
            writer.Write('\n');
        }
    }

    private static string BenchLineCode(int line) => $"BP-{line:000}";

    private static async Task RealisatieAsync(int rows, string file, string? data)
    {
        var watch = Stopwatch.StartNew();
        GenerateRealisatie(rows, file);
        Console.WriteLine($"realisatie: generated {rows:N0} rows ({new FileInfo(file).Length / 1048576.0:F0} MB) into {file} in {watch.Elapsed.TotalSeconds:F1} s");
        await using var server = await StartServerAsync(data);
        await using (var db = Context(server.ConnectionString))
        {
            if (!await db.BudgetLines.AnyAsync(l => l.Code.StartsWith("BP-")))
            {
                db.BudgetLines.AddRange(Enumerable.Range(1, BenchLines).Select(i => new BudgetLine
                {
                    Code = BenchLineCode(i),
                    Name = $"Budgetpost {i:000} {(i % 2 == 0 ? "zorg" : "inkomen")}",
                    Domain = (BudgetDomain)(i % 6 + 1),
                    SortOrder = i,
                }));
                db.BudgetYears.Add(new BudgetYear { Year = 2018, ClosedAt = DateTimeOffset.UtcNow, ClosedBy = "bench" });
                await db.SaveChangesAsync();
            }
        }

        var load = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
        var copy = await PsqlCopyAsync(server, file, "jaar integer, maand integer, budgetpost text, bedrag numeric");
        var firsts = await FirstImportsAsync(server, file, ImportKind.Realisatie, """DELETE FROM "ActualMonths" """);
        var first = firsts.Median;
        Console.WriteLine("realisatie again: the same file, every month replaced");
        var again = await ImportAsync(server, file, ImportKind.Realisatie);
        var loadAfter = File.ReadAllText("/proc/loadavg").Split(' ')[..3];

        static string Ratio(TimeSpan t, CopyResult c) => $"{t / c.Median:F2} ×";
        Console.WriteLine();
        Console.WriteLine($"| measurement ({rows:N0} rows, load {string.Join(" ", load)} → {string.Join(" ", loadAfter)}) | result | target | |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| `psql \\copy` into a plain table (median of 3) | {copy.Median.TotalSeconds:F2} s (runs {string.Join(", ", copy.Runs.Select(r => r.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)))}) | reference | |");
        Console.WriteLine($"| import into empty months (median of 3: {firsts.Totals}) | {first.Total.TotalSeconds:F2} s (receive {first.Receive.TotalSeconds:F2} s + job {first.Job.TotalSeconds:F2} s; " +
            $"{first.Summary.Inserted:N0} new) | ≤ 2.5 × = {(copy.Median * 2.5).TotalSeconds:F2} s | {firsts.Verdict(copy)} |");
        foreach (var (label, r) in new[] { ("import of the same file again (every month replaced)", again) })
        {
            Console.WriteLine($"| {label} | {r.Total.TotalSeconds:F2} s (receive {r.Receive.TotalSeconds:F2} s + job {r.Job.TotalSeconds:F2} s; " +
                $"{r.Summary.Inserted:N0} new, {r.Summary.Updated:N0} replaced) = {Ratio(r.Total, copy)} | ≤ 2.5 × = {(copy.Median * 2.5).TotalSeconds:F2} s | " +
                $"{(r.Total <= copy.Median * 2.5 ? "pass" : "**FAIL**")} |");
        }

        Console.WriteLine($"| peak memory (VmHWM) | {again.PeakBytes / 1048576.0:F0} MB | < 1 GB | {(again.PeakBytes < 1L << 30 ? "pass" : "**FAIL**")} |");
    }

    /// <summary>Only the reader (parse + validate against 500 lines), no database: the import's CPU cost in this process.</summary>
    private static void RealisatieReaderOnly(string file)
    {
        var lines = new SociaalDomein.Infrastructure.Imports.Realisatie.BudgetLineLookup(
            Enumerable.Range(1, BenchLines).Select(i => (i, BenchLineCode(i), $"Budgetpost {i:000} {(i % 2 == 0 ? "zorg" : "inkomen")}")), [2018]);
        for (var run = 0; run < 3; run++)
        {
            var watch = Stopwatch.StartNew();
            using var stream = File.OpenRead(file);
            using var reader = SociaalDomein.Infrastructure.Imports.Realisatie.RealisatieReader.Open(stream, Path.GetFileName(file), lines);
            var opened = watch.Elapsed;
            int valid = 0, rejected = 0;
            foreach (var row in reader.Rows)
            {
                _ = row.Record is null ? rejected++ : valid++;
            }

            Console.WriteLine($"realisatie-reader: open (encoding + line count) {opened.TotalSeconds:F2} s, {valid:N0} valid, {rejected:N0} rejected in {watch.Elapsed.TotalSeconds:F2} s");
        }
    }
}
