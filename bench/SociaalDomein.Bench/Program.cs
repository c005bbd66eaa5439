using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Districts;
using SociaalDomein.Domain.Imports;
using SociaalDomein.Domain.Stacking;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.Database;
using SociaalDomein.Infrastructure.Imports;
using SociaalDomein.Infrastructure.Imports.Declaraties;
using SociaalDomein.Infrastructure.Imports.Toewijzingen;
using SociaalDomein.Infrastructure.Persistence;
using SociaalDomein.Infrastructure.Privacy;
using SociaalDomein.Infrastructure.Stacking;

namespace SociaalDomein.Bench;

/// <summary>
/// Performance measurements of the import and the stacking analysis on generated data (docs/benchmarks.md).
/// Results are printed, never asserted. Usage:
///   generate &lt;rows&gt; &lt;file&gt;          deterministic canonical CSV (synthetic BSNs that pass the 11-test)
///   import &lt;file&gt; [--data DIR]        real ImportService.StartAsync + ImportJob.RunAsync; rows/s and VmHWM
///   psqlcopy &lt;file&gt; [--data DIR]      psql \copy of the same file into a plain table (3 runs, median)
///   ratio &lt;file&gt; [--data DIR]         psqlcopy, then the import three times into an emptied table: the import target alone
///   reader &lt;file&gt; [declaraties]       only parse + validate + pseudonymise (no database), 3 runs, for profiling
///   pipeline &lt;file&gt;                   the job's own work without a database: reader a thread ahead, loader's per-row work into nowhere (3 runs)
///   stacking [&lt;file&gt;] [--data DIR]    ComputeAsync 1 Nov 2018 all/Wmo/Noord ×3 (median, PASS/FAIL ≤ 2 s), peak memory, RefreshAsync, GetAsync, RefreshAllAsync, a filtered trend
///   all &lt;rows&gt; [--file F]            generate, psqlcopy, import, stacking, import again; prints a markdown table
///   scenarios &lt;measures&gt;             scenario figures over 10 years with that many measures: compute, store, read
///   budget &lt;lines&gt; &lt;mutations&gt;       the budget table of a year (what /begroting and GET /api/budget read) with that many lines and mutations
///   realisatie &lt;rows&gt; [--file F]     ledger actuals: generate, psqlcopy, import into empty months, import again (replace)
///   declaraties &lt;rows&gt; [--file F]    provider claims: generate, psqlcopy, import, import again (every row a duplicate)
///   forecasts [--claims N]             the forecast recompute job on the demo municipality; stored read against computing on request;
///                                      with --claims the demo's claims multiplied in SQL to N first (ForecastsScale.cs)
/// Without --data every command uses a throwaway server (LocalPostgresServer.StartThrowawayAsync); with --data DIR a
/// kept server in DIR (re-used by later commands, so the stacking SQL can be worked on without importing again).
/// </summary>
public static partial class Program
{
    private static readonly DateOnly ReferenceDate = new(2018, 11, 1);

    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var options = args.SkipWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var positional = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        string? Option(string name) => Array.IndexOf(options, name) is var i and >= 0 && i + 1 < options.Length ? options[i + 1] : null;
        var data = Option("--data");

        switch (positional.FirstOrDefault())
        {
            case "generate" when positional.Length == 3:
                Generate(int.Parse(positional[1], CultureInfo.InvariantCulture), positional[2]);
                return 0;
            case "pipeline" when positional.Length == 2:
                await PipelineAsync(positional[1]);
                return 0;
            case "reader" when positional.Length is 2 or 3:
                ReadOnly(positional[1], claims: positional.ElementAtOrDefault(2) == "declaraties");
                return 0;
            case "import" when positional.Length == 2:
            {
                await using var server = await StartServerAsync(data);
                await ImportAsync(server, positional[1]);
                return 0;
            }
            case "ratio" when positional.Length == 2:
            {
                await using var server = await StartServerAsync(data);
                var copy = await PsqlCopyAsync(server, positional[1]);
                var imports = await FirstImportsAsync(server, positional[1], ImportKind.Toewijzingen, """TRUNCATE "Assignments" CASCADE""");
                Console.WriteLine($"ratio: \\copy median {copy.Median.TotalSeconds:F2} s; imports {imports.Totals}; {imports.Verdict(copy)}");
                return 0;
            }
            case "filestore" when positional.Length == 2:
            {
                await using var server = await StartServerAsync(data);
                await FileStoreAsync(server, positional[1]);
                return 0;
            }
            case "psqlcopy" when positional.Length == 2:
            {
                await using var server = await StartServerAsync(data);
                await PsqlCopyAsync(server, positional[1]);
                return 0;
            }
            case "stacking" when positional.Length is 1 or 2:
            {
                await using var server = await StartServerAsync(data);
                if (positional.Length == 2)
                {
                    await ImportAsync(server, positional[1]);
                }

                await StackingAsync(server);
                return 0;
            }
            case "stacking-phases" when positional.Length == 1:
            {
                await using var server = await StartServerAsync(data);
                await StackingPhasesAsync(server);
                return 0;
            }
            case "scenarios" when positional.Length == 2:
            {
                await using var server = await StartServerAsync(data);
                await ScenariosAsync(server, int.Parse(positional[1], CultureInfo.InvariantCulture));
                return 0;
            }
            case "budget" when positional.Length == 3:
            {
                await using var server = await StartServerAsync(data);
                await BudgetAsync(server, int.Parse(positional[1], CultureInfo.InvariantCulture), int.Parse(positional[2], CultureInfo.InvariantCulture));
                return 0;
            }
            case "all" when positional.Length == 2:
            {
                var rows = int.Parse(positional[1], CultureInfo.InvariantCulture);
                var file = Option("--file") ?? Path.Combine(Path.GetTempPath(), $"sd-bench-{rows}.csv");
                var generated = Stopwatch.StartNew();
                Generate(rows, file);
                generated.Stop();
                await using var server = await StartServerAsync(data);
                var copy = await PsqlCopyAsync(server, file);
                var import = await FirstImportsAsync(server, file, ImportKind.Toewijzingen, """TRUNCATE "Assignments" CASCADE""");
                var stacking = await StackingAsync(server);
                Console.WriteLine("import again: the same file, every identity stored (a monthly full export that changed nothing)");
                var again = await ImportAsync(server, file);
                PrintTable(rows, file, generated.Elapsed, copy, import, stacking, again);
                return 0;
            }
            case "realisatie-reader" when positional.Length == 2:
                RealisatieReaderOnly(positional[1]);
                return 0;
            case "realisatie" when positional.Length == 2:
            {
                var rows = int.Parse(positional[1], CultureInfo.InvariantCulture);
                await RealisatieAsync(rows, Option("--file") ?? Path.Combine(Path.GetTempPath(), $"sd-bench-realisatie-{rows}.csv"), data);
                return 0;
            }
            case "declaraties" when positional.Length == 2:
                await ClaimsBenchAsync(int.Parse(positional[1], CultureInfo.InvariantCulture), Option("--file"), data);
                return 0;
            case "forecasts" when positional.Length == 1:
                if (Option("--claims") is { } claims)
                {
                    await ForecastsScaleBenchAsync(int.Parse(claims, CultureInfo.InvariantCulture), data);
                }
                else
                {
                    await ForecastsBenchAsync(data);
                }

                return 0;
            default:
                Console.Error.WriteLine("usage: generate <rows> <file> | import <file> | filestore <file> | psqlcopy <file> | reader <file> [declaraties] | stacking [<file>] | all <rows> [--file F] | scenarios <measures> | budget <lines> <mutations> | realisatie <rows> [--file F] | declaraties <rows> [--file F] | forecasts [--claims N]  [--data DIR]");
                return 2;
        }
    }

    // ---------------------------------------------------------------- generate

    private static readonly string[] Pc4 =
    [
        "8011", "8012", "8013", "8014", "8015", "8016", "8017", "8018", "8019", // Noord
        "8021", "8022", "8023", "8024", "8025", "8026", "8027", "8028", "8029", // Zuid
        "8031", "8032", "8033", "8034", "8035", "8036", "8037", "8038", "8039", // Oost
        "8041", "8042", "8043", "8044", "8045", "8046", // West
        "8051", // in no district
    ];

    private static readonly (string Code, string Description)[] WmoProducts =
    [
        ("01A01", "Huishoudelijke hulp"), ("02A06", "Begeleiding licht"), ("02A07", "Begeleiding midden"), ("02A08", "Begeleiding zwaar"),
        ("03A02", "Persoonlijke verzorging"), ("04A01", "Kortdurend verblijf"), ("05A02", "Woondiensten"), ("06A01", "Overige ondersteuning"),
        ("07A01", "Dagbesteding"), ("08A01", "Vervoerdiensten"), ("15A01", "Beschermd wonen"), ("16A01", "Opvang"),
    ];

    private static readonly (string Code, string Description)[] JeugdProducts =
    [
        ("41A01", "Jeugdhulp verblijf"), ("43A01", "Jeugdhulp dagbehandeling"), ("45A48", "Jeugdhulp ambulant"), ("46A03", "Jeugdhulp ambulant specialistisch"),
        ("47A01", "Crisis"), ("48A02", "Pleegzorg"), ("54001", "Jeugd-ggz"), ("55002", "Jeugdbescherming"),
    ];

    private static readonly (string Unit, string Frequency, decimal Tariff)[] Volumes =
    [
        ("uur", "per week", 58.40m), ("dagdeel", "per week", 41.25m), ("etmaal", "per maand", 168.00m), ("uur", "per 4 weken", 62.10m),
        ("minuut", "per week", 0.98m), ("dag", "per maand", 95.00m), ("stuk", "totaal", 12.50m), ("uur", "per jaar", 70.00m),
    ];

    private const string CsvHeader =
        "bsn;dossiernummer;postcode;huisnummer;huisnummertoevoeging;geboortedatum;geslacht;wet;productcategorie;productcode;" +
        "productomschrijving;aanbieder_agb;aanbieder_naam;leveringsvorm;ingangsdatum;einddatum;toewijzingsnummer;volume;eenheid;" +
        "frequentie;tarief;budget";

    /// <summary>A canonical CSV of exactly <paramref name="rows"/> data rows, the same for the same count. Households of
    /// 1–4 clients and a few institutions (10–40 clients at one address), ~1.4 assignments per client, ~2 % revoked
    /// (end = start), ~1 % exact duplicate rows and ~1 % copies under another assignment number, Wmo and Jeugdwet, 20 providers, starts spread over 2017–2019,
    /// amounts as a budget or as volume/tariff/frequency. BSNs are synthetic numbers (9xxxxxxxx that pass the 11-test).</summary>
    public static void Generate(int rows, string path)
    {
        var random = new Random(20181101);
        var providers = Enumerable.Range(1, 20).Select(p => ($"{75750000 + p * 7:D8}", $"Zorgaanbieder {p:D2} BV")).ToArray();
        var start2017 = new DateOnly(2017, 1, 1);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
        writer.WriteLine(CsvHeader);
        var written = 0;
        var bsnBody = 90_000_000;
        var client = 0;
        var address = 0;
        var assignmentNumber = 0;
        string? previous = null;
        string previousHead = "", previousTail = ""; // the previous row before and after its assignment number
        var line = new StringBuilder(256);

        while (written < rows)
        {
            // a new address: a household of 1–4 clients, or (0.3 %) an institution of 10–40
            address++;
            var size = random.NextDouble() < 0.003 ? random.Next(10, 41)
                : random.NextDouble() switch { < 0.55 => 1, < 0.80 => 2, < 0.92 => 3, _ => 4 };
            var pc4 = Pc4[address % Pc4.Length];
            var letters = address / Pc4.Length;
            var postcode = $"{pc4}{(char)('A' + letters % 26)}{(char)('A' + letters / 26 % 26)}";
            var houseNumber = (letters / 676 + 1).ToString(CultureInfo.InvariantCulture);
            var addition = address % 17 == 0 ? "A" : "";

            for (var member = 0; member < size && written < rows; member++)
            {
                client++;
                var bsn = NextBsn(ref bsnBody);
                var youth = random.NextDouble() < 0.25;
                var birth = youth ? new DateOnly(2002, 1, 1).AddDays(random.Next(365 * 16)) : new DateOnly(1925, 1, 1).AddDays(random.Next(365 * 75));
                var sex = random.Next(2) == 0 ? "M" : "V";
                var count = random.NextDouble() switch { < 0.70 => 1, < 0.90 => 2, < 0.97 => 3, _ => random.Next(4, 7) };
                for (var k = 0; k < count && written < rows; k++)
                {
                    if (previous is not null && random.NextDouble() < 0.02)
                    {
                        // half of them an exact duplicate of the previous row (same identity: the import skips it), half
                        // a copy under another assignment number (stored; rule 2 of the analysis leaves it out)
                        assignmentNumber++;
                        writer.WriteLine(random.Next(2) == 0 ? previous
                            : $"{previousHead}T{assignmentNumber.ToString("D8", CultureInfo.InvariantCulture)}{previousTail}");
                        written++;
                        if (written >= rows)
                        {
                            break;
                        }
                    }

                    var jeugd = youth ? random.NextDouble() > 0.05 : random.NextDouble() < 0.03; // some cross-law
                    var (code, description) = jeugd ? JeugdProducts[random.Next(JeugdProducts.Length)] : WmoProducts[random.Next(WmoProducts.Length)];
                    var (agb, providerName) = providers[random.Next(providers.Length)];
                    var start = start2017.AddDays(random.Next(3 * 365));
                    var endRoll = random.NextDouble();
                    DateOnly? end = endRoll < 0.02 ? start : endRoll < 0.22 ? null : start.AddDays(random.Next(30, 730));
                    var budgetRow = random.NextDouble() < 0.3;
                    var (unit, frequency, tariff) = Volumes[random.Next(Volumes.Length)];
                    if (!budgetRow && frequency == "totaal" && end is null)
                    {
                        end = start.AddDays(random.Next(30, 730)); // 'totaal' needs a period
                    }
                    line.Clear();
                    line.Append(bsn).Append(';').Append("D-").Append(client.ToString("D7", CultureInfo.InvariantCulture)).Append(jeugd ? "J" : "W").Append(';')
                        .Append(postcode).Append(';').Append(houseNumber).Append(';').Append(addition).Append(';')
                        .Append(birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(';').Append(sex).Append(';')
                        .Append(jeugd ? "Jeugdwet" : "Wmo").Append(';').Append(code[..2]).Append(';').Append(code).Append(';').Append(description).Append(';')
                        .Append(agb).Append(';').Append(providerName).Append(';').Append(random.NextDouble() < 0.1 ? "PGB" : "ZIN").Append(';')
                        .Append(start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(';')
                        .Append(end?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(';');
                    previousHead = line.ToString();
                    assignmentNumber++;
                    if (random.NextDouble() < 0.9)
                    {
                        line.Append("T").Append(assignmentNumber.ToString("D8", CultureInfo.InvariantCulture));
                    }

                    var numberEnd = line.Length;
                    line.Append(';');
                    if (budgetRow)
                    {
                        var budget = random.Next(50_000, 2_500_000) / 100m;
                        line.Append(";;;;").Append(budget.ToString("0.00", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        var volume = unit == "minuut" ? random.Next(30, 240) : random.Next(1, 13);
                        line.Append(volume).Append(';').Append(unit).Append(';').Append(frequency).Append(';')
                            .Append(tariff.ToString("0.00", CultureInfo.InvariantCulture)).Append(';');
                    }

                    previous = line.ToString();
                    previousTail = previous[numberEnd..];
                    writer.WriteLine(previous);
                    written++;
                }
            }
        }

        Console.WriteLine($"generated {written:N0} rows, {client:N0} clients, {address:N0} addresses -> {path} ({new FileInfo(path).Length / 1048576.0:F0} MB)");
    }

    /// <summary>The next 9-digit number from <paramref name="body"/> on that passes the 11-test (9·d1 + … + 2·d8 − d9 ≡ 0).</summary>
    private static string NextBsn(ref int body)
    {
        while (true)
        {
            var digits = body++.ToString("D8", CultureInfo.InvariantCulture);
            var sum = 0;
            for (var i = 0; i < 8; i++)
            {
                sum += (9 - i) * (digits[i] - '0');
            }

            if (sum % 11 < 10)
            {
                var bsn = digits + (char)('0' + sum % 11);
                Debug.Assert(Bsn.IsValid(bsn));
                return bsn;
            }
        }
    }

    // ---------------------------------------------------------------- servers and contexts

    private static async Task<LocalPostgresServer> StartServerAsync(string? dataDirectory)
    {
        var watch = Stopwatch.StartNew();
        var server = dataDirectory is null
            ? await LocalPostgresServer.StartThrowawayAsync()
            : await LocalPostgresServer.StartAsync(dataDirectory);
        await using (var db = Context(server.ConnectionString))
        {
            await db.Database.MigrateAsync();
            if (!await db.Districts.AnyAsync())
            {
                db.Districts.AddRange(
                    District("Noord", Pc4[..9]), District("Zuid", Pc4[9..18]), District("Oost", Pc4[18..27]), District("West", Pc4[27..33]));
                await db.SaveChangesAsync();
            }
        }

        Console.WriteLine($"PostgreSQL {(dataDirectory is null ? "throwaway" : dataDirectory)} on port {server.Port}, migrated in {watch.Elapsed.TotalSeconds:F1} s");
        return server;
    }

    private static District District(string name, string[] postcodes) =>
        new() { Name = name, Postcodes = postcodes.Select(p => new PostcodeDistrict { Postcode4 = p }).ToList() };

    private static AppDbContext Context(string connectionString) =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(connectionString).Options);

    private sealed class Contexts(string connectionString) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => Context(connectionString);
    }

    /// <summary>Records what would go to Hangfire; the benchmark runs the import job itself.</summary>
    private sealed class RecordingJobClient : IBackgroundJobClient
    {
        public List<Job> Enqueued { get; } = [];

        public string Create(Job job, IState state)
        {
            Enqueued.Add(job);
            return Enqueued.Count.ToString(CultureInfo.InvariantCulture);
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => true;
    }

    private static Pseudonymiser BenchPseudonymiser() => new(Enumerable.Range(1, Pseudonymiser.KeyLength).Select(i => (byte)i).ToArray());

    // ---------------------------------------------------------------- import

    public sealed record ImportResult(int Rows, TimeSpan Receive, TimeSpan Job, TimeSpan Total, long PeakBytes, ImportSummary Summary);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, NpgsqlDataSource> DataSources = new();

    private static async Task<ImportResult> ImportAsync(LocalPostgresServer server, string file, ImportKind kind = ImportKind.Toewijzingen)
    {
        // One data source per server for the whole run, as the app keeps one: its pool's connections are reused.
        var dataSource = DataSources.GetOrAdd(server.ConnectionString, NpgsqlDataSource.Create);
        var files = new ImportFiles(dataSource, new FileCipher(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));
        var jobs = new RecordingJobClient();
        var service = new ImportService(new Contexts(server.ConnectionString), files, jobs, TimeProvider.System);
        var job = new ImportJob(dataSource, files, BenchPseudonymiser(), jobs, new ConsoleLog<ImportJob>());

        ResetPeakWorkingSet(); // the import's own peak, not an earlier command's
        Console.WriteLine($"import: working set before {PeakWorkingSet() / 1048576.0:F0} MB");
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var total = Stopwatch.StartNew();
        long id;
        await using (var upload = File.OpenRead(file))
        {
            id = await service.StartAsync(upload, Path.GetFileName(file), kind, onlyValidRows: false, "bench@localhost");
        }

        var receive = total.Elapsed;
        var cpuReceived = Process.GetCurrentProcess().TotalProcessorTime;
        await job.RunAsync(id, CancellationToken.None);
        total.Stop();
        var cpuDone = Process.GetCurrentProcess().TotalProcessorTime;
        var summary = (await service.GetAsync(id))!;
        if (summary.Status != ImportStatus.Succeeded)
        {
            throw new InvalidOperationException($"import {summary.Status}: {summary.Message}");
        }

        var result = new ImportResult(summary.RowsRead, receive, total.Elapsed - receive, total.Elapsed, PeakWorkingSet(), summary);
        Console.WriteLine(
            $"import: {summary.RowsRead:N0} rows read, {summary.RowsImported:N0} imported ({summary.Inserted:N0} inserted, {summary.Updated:N0} updated), " +
            $"{summary.Duplicates:N0} duplicates, {summary.Revoked:N0} revoked, {summary.RowsRejected:N0} rejected");
        Console.WriteLine(
            $"import: total {result.Total.TotalSeconds:F2} s = receive (encrypt + store + SHA-256) {receive.TotalSeconds:F2} s + job {result.Job.TotalSeconds:F2} s; " +
            $"{summary.RowsRead / result.Total.TotalSeconds:N0} rows/s; peak working set (VmHWM) {result.PeakBytes / 1048576.0:F0} MB; " +
            $"CPU of this process (all threads, JIT and GC included; not the server's): receive {(cpuReceived - cpuStart).TotalSeconds:F2} s, job {(cpuDone - cpuReceived).TotalSeconds:F2} s");
        return result;
    }

    /// <summary>Imports <paramref name="file"/> into an emptied table three times in this process, as psql's \copy is run
    /// three times: the first run pays the JIT of a fresh process (an app that has imported before does not), the
    /// median of the three is set against the median of \copy. <paramref name="emptySql"/> empties what the import
    /// fills before the second and third run.</summary>
    public static async Task<ImportRuns> FirstImportsAsync(LocalPostgresServer server, string file, ImportKind kind, string emptySql)
    {
        var runs = new List<ImportResult>();
        for (var run = 0; run < 3; run++)
        {
            if (run > 0)
            {
                await using var connection = new NpgsqlConnection(server.ConnectionString);
                await connection.OpenAsync();
                await Execute(connection, emptySql + "; CHECKPOINT");
                Console.WriteLine($"import run {run + 1} into the emptied table (warm process)");
            }

            runs.Add(await ImportAsync(server, file, kind));
        }

        return new ImportRuns(runs);
    }

    /// <summary>Three imports of one file into an empty table (<see cref="FirstImportsAsync"/>).</summary>
    public sealed record ImportRuns(IReadOnlyList<ImportResult> Runs)
    {
        public ImportResult Median => Runs.OrderBy(r => r.Total).ElementAt(Runs.Count / 2);

        public ImportResult Cold => Runs[0];

        public long PeakBytes => Runs.Max(r => r.PeakBytes);

        /// <summary>"13.84 s (first, fresh process), 9.10 s, 8.95 s".</summary>
        public string Totals => string.Join(", ", Runs.Select((r, i) => $"{r.Total.TotalSeconds:F2} s{(i == 0 ? " (fresh process)" : "")}"));

        /// <summary>The import's ratio to \copy's median, as a table cell with PASS/FAIL against 2.5.</summary>
        public string Verdict(CopyResult copy) =>
            $"{(Median.Total <= copy.Median * 2.5 ? "PASS" : "**FAIL**")} ({Median.Total / copy.Median:F2} × by the medians; fresh process {Cold.Total / copy.Median:F2} ×)";
    }

    /// <summary>VmHWM of this process (peak resident set), in bytes.</summary>
    private static long PeakWorkingSet()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? Environment.WorkingSet
            : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Only the reader (parse, validate, pseudonymise), no database: the import's CPU cost in this process.</summary>
    /// <summary>The kept-file store alone: encrypt and store the file, read it back decrypted, and parse it from there.</summary>
    private static async Task FileStoreAsync(LocalPostgresServer server, string file)
    {
        await using var dataSource = NpgsqlDataSource.Create(server.ConnectionString);
        var files = new ImportFiles(dataSource, new FileCipher(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));
        var service = new ImportService(new Contexts(server.ConnectionString), files, new RecordingJobClient(), TimeProvider.System);
        var watch = Stopwatch.StartNew();
        long id;
        await using (var upload = File.OpenRead(file))
        {
            id = await service.StartAsync(upload, Path.GetFileName(file), ImportKind.Toewijzingen, onlyValidRows: false, "bench@localhost");
        }

        var size = new FileInfo(file).Length;
        Console.WriteLine($"filestore: encrypt + store {size / 1048576.0:F0} MB in {watch.Elapsed.TotalSeconds:F2} s");
        watch.Restart();
        await using (var stream = files.Open(id, size))
        {
            await stream.CopyToAsync(Stream.Null);
        }

        Console.WriteLine($"filestore: read back decrypted in {watch.Elapsed.TotalSeconds:F2} s");
        watch.Restart();
        await using (var stream = files.Open(id, size))
        {
            using var reader = ToewijzingenReader.Open(stream, Path.GetFileName(file), BenchPseudonymiser());
            var rows = reader.Rows.Count();
            Console.WriteLine($"filestore: parsed {rows:N0} rows from the store in {watch.Elapsed.TotalSeconds:F2} s (reader alone from disk: command 'reader')");
        }
    }

    private static void ReadOnly(string file, bool claims)
    {
        for (var run = 1; run <= 3; run++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            using var stream = File.OpenRead(file);
            var (valid, rejected) = claims
                ? Count(DeclaratiesReader.Open(stream, Path.GetFileName(file), BenchPseudonymiser()))
                : Count(ToewijzingenReader.Open(stream, Path.GetFileName(file), BenchPseudonymiser()));
            Console.WriteLine($"reader, run {run}: {valid:N0} valid, {rejected:N0} rejected in {watch.Elapsed.TotalSeconds:F2} s " +
                $"({(valid + rejected) / watch.Elapsed.TotalSeconds:N0} rows/s, CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} s); " +
                $"VmHWM {PeakWorkingSet() / 1048576.0:F0} MB");
        }

        static (int Valid, int Rejected) Count<TRecord>(IImportFile<ParsedRow<TRecord>> reader)
            where TRecord : class
        {
            using (reader)
            {
                int valid = 0, rejected = 0;
                foreach (var row in reader.Rows)
                {
                    if (row.Record is not null)
                    {
                        valid++;
                    }
                    else if (rejected++ < 5)
                    {
                        Console.WriteLine($"reader: rejected row {row.Row}: {string.Join(" | ", row.Errors.Select(e => $"{e.Column}: {e.Message}"))}");
                    }
                }

                return (valid, rejected);
            }
        }

        var pseudonymiser = BenchPseudonymiser();
        var key = Enumerable.Range(1, Pseudonymiser.KeyLength).Select(i => (byte)i).ToArray();
        var same = pseudonymiser.ClientKeyForBsn("999990019").AsSpan().SequenceEqual(System.Security.Cryptography.HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("bsn:999990019")))
            && pseudonymiser.AddressKey("8011 ab", "012", "Bis ").AsSpan().SequenceEqual(System.Security.Cryptography.HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("adres:8011AB|12|bis")))
            && pseudonymiser.ClientKeyForClientId(" ü-42 ").AsSpan().SequenceEqual(System.Security.Cryptography.HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("id:ü-42")));
        Console.WriteLine($"pseudonymiser: same bytes as HMACSHA256.HashData: {same}");
        var calling = Stopwatch.StartNew();
        const int calls = 1_000_000;
        for (var i = 0; i < calls; i++)
        {
            pseudonymiser.ClientKeyForBsn("999990019");
        }

        Console.WriteLine($"pseudonymiser: {calling.Elapsed.TotalMilliseconds * 1000 / calls:F2} µs per ClientKeyForBsn");
    }

    /// <summary>The import's work in this process without a database, three times: the reader a thread ahead (ReadAhead, as
    /// the job runs it) and, on the consuming side, what the loader does per row (identity bookkeeping and the binary
    /// COPY row) written to nowhere. Says how much of the job's time is the app's own.</summary>
    private static async Task PipelineAsync(string file)
    {
        for (var run = 0; run < 3; run++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            using var stream = File.OpenRead(file);
            using var reader = ToewijzingenReader.Open(stream, Path.GetFileName(file), BenchPseudonymiser());
            var opened = watch.Elapsed;
            var seen = new SociaalDomein.Infrastructure.Imports.IdentityTable();
            var row = new SociaalDomein.Infrastructure.Imports.CopyRow();
            var sink = Stream.Null;
            var rows = 0;
            await foreach (var parsed in SociaalDomein.Infrastructure.Imports.ReadAhead.EnumerateAsync(reader.Rows, CancellationToken.None))
            {
                rows++;
                if (parsed.Record is not { } r)
                {
                    continue;
                }

                seen.GetValueRefOrAddDefault(r.IdentityKey, out _) = r.Row;
                row.Begin();
                SociaalDomein.Infrastructure.Imports.AssignmentLoader.AppendValues(row, r);
                row.Int64(1);
                sink.Write(row.Row);
            }

            Console.WriteLine($"pipeline: run {run + 1}: open (encoding + line count) {opened.TotalSeconds:F2} s, {rows:N0} rows in {watch.Elapsed.TotalSeconds:F2} s; " +
                $"CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} s; VmHWM {PeakWorkingSet() / 1048576.0:F0} MB");
        }
    }

    // ---------------------------------------------------------------- psql \copy

    public sealed record CopyResult(int Rows, TimeSpan Median, IReadOnlyList<TimeSpan> Runs);

    private static async Task<CopyResult> PsqlCopyAsync(LocalPostgresServer server, string file, string? plainColumns = null)
    {
        var cs = new NpgsqlConnectionStringBuilder(server.ConnectionString);
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await Execute(connection, plainColumns is not null ? $"DROP TABLE IF EXISTS plain; CREATE TABLE plain ({plainColumns})" : """
            DROP TABLE IF EXISTS plain;
            CREATE TABLE plain (
                bsn text, dossiernummer text, postcode text, huisnummer integer, huisnummertoevoeging text, geboortedatum date,
                geslacht text, wet text, productcategorie text, productcode text, productomschrijving text, aanbieder_agb text,
                aanbieder_naam text, leveringsvorm text, ingangsdatum date, einddatum date, toewijzingsnummer text, volume numeric,
                eenheid text, frequentie text, tarief numeric, budget numeric)
            """);
        var runs = new List<TimeSpan>();
        var rows = 0;
        for (var run = 0; run < 3; run++)
        {
            await Execute(connection, "TRUNCATE plain");
            var start = new ProcessStartInfo("psql") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "-h", cs.Host!, "-p", cs.Port.ToString(CultureInfo.InvariantCulture), "-U", cs.Username!, "-d", cs.Database!, "-v", "ON_ERROR_STOP=1", "-c",
                         $"\\copy plain FROM '{file}' WITH (FORMAT csv, HEADER true, DELIMITER ';')" })
            {
                start.ArgumentList.Add(a);
            }

            start.Environment["PGPASSWORD"] = cs.Password;
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            watch.Stop();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"psql failed: {error}");
            }

            rows = int.Parse(output.Trim().Split(' ')[^1], CultureInfo.InvariantCulture);
            runs.Add(watch.Elapsed);
            Console.WriteLine($"psqlcopy: run {run + 1}: {output.Trim()} in {watch.Elapsed.TotalSeconds:F2} s");
        }

        var median = runs.Order().ElementAt(1);
        Console.WriteLine($"psqlcopy: median {median.TotalSeconds:F2} s, {rows / median.TotalSeconds:N0} rows/s");
        await Execute(connection, "DROP TABLE plain");
        return new CopyResult(rows, median, runs);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    // ---------------------------------------------------------------- stacking

    public sealed record StackingTimes(
        IReadOnlyList<(string Filter, TimeSpan Median, IReadOnlyList<TimeSpan> Runs)> Compute, TimeSpan Refresh, TimeSpan GetMedian, TimeSpan GetMax,
        TimeSpan RefreshAll, int TrendQuarters, TimeSpan Trend, long ComputePeakBytes);

    /// <summary>The 1-minute load average, printed beside each timing: on this shared machine a figure means little without it.</summary>
    private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    /// <summary>Resets VmHWM to the current resident set (Linux: "5" to clear_refs), so a later
    /// <see cref="PeakWorkingSet"/> measures only what follows.</summary>
    private static void ResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static async Task<StackingTimes> StackingAsync(LocalPostgresServer server)
    {
        var contexts = new Contexts(server.ConnectionString);
        await using (var db = contexts.CreateDbContext())
        {
            var count = await db.Assignments.CountAsync();
            Console.WriteLine($"stacking: {count:N0} assignments, {await db.Assignments.Select(a => a.ClientKey).Distinct().CountAsync():N0} clients");
            await db.Database.ExecuteSqlRawAsync("""VACUUM ANALYZE "Assignments" """);
        }

        var service = new StackingService(contexts);
        var compute = new List<(string, TimeSpan, IReadOnlyList<TimeSpan>)>();
        GC.Collect();
        ResetPeakWorkingSet();
        var residentBefore = PeakWorkingSet();
        foreach (var (name, law, district) in new (string, Law?, string?)[] { ("all", null, null), ("Wmo", Law.Wmo, null), ("Noord", null, "Noord") })
        {
            var runs = new List<TimeSpan>();
            StackingResult? result = null;
            for (var i = 0; i < 3; i++)
            {
                var watch = Stopwatch.StartNew();
                result = await service.ComputeAsync(ReferenceDate, law, district);
                runs.Add(watch.Elapsed);
            }

            var median = runs.Order().ElementAt(1);
            compute.Add((name, median, runs));
            Console.WriteLine(
                $"stacking: ComputeAsync {ReferenceDate:yyyy-MM-dd} {name}: median {median.TotalSeconds:F2} s (runs {string.Join(", ", runs.Select(r => r.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)))}); " +
                $"{result!.ActiveAssignments:N0} active assignments, {result.Clients:N0} clients, total {result.TotalAmount:N2}; load {Load()}");
            Console.WriteLine($"stacking: {(median.TotalSeconds <= 2 ? "PASS" : "FAIL")} {name} {median.TotalSeconds:F2} s ≤ 2 s");
        }

        var computePeak = PeakWorkingSet();
        Console.WriteLine($"stacking: peak resident set through the 9 analyses {computePeak / 1048576.0:F0} MB (before: {residentBefore / 1048576.0:F0} MB)");

        var refresh = Stopwatch.StartNew();
        await service.RefreshAsync(ReferenceDate);
        refresh.Stop();
        Console.WriteLine($"stacking: RefreshAsync {refresh.Elapsed.TotalSeconds:F2} s");

        var gets = new List<TimeSpan>();
        for (var i = 0; i < 7; i++)
        {
            var fresh = new StackingService(contexts); // as a page would: a new scope each time
            var watch = Stopwatch.StartNew();
            await fresh.GetAsync(ReferenceDate, null, null);
            gets.Add(watch.Elapsed);
        }

        var getMedian = gets.Order().ElementAt(gets.Count / 2);
        Console.WriteLine($"stacking: GetAsync (stored snapshot) median {getMedian.TotalMilliseconds:F1} ms, first {gets[0].TotalMilliseconds:F1} ms, max {gets.Max().TotalMilliseconds:F1} ms");

        // What the job after an import does: every stored result, the default date for every filter, the trend quarters.
        var quarters = (await service.TrendDatesAsync()).Count;
        var all = Stopwatch.StartNew();
        await service.RefreshAllAsync();
        all.Stop();
        Console.WriteLine($"stacking: RefreshAllAsync {all.Elapsed.TotalSeconds:F2} s (default date × 8 filters, {quarters} trend quarters); load {Load()}");

        // A filtered trend nobody viewed before: every quarter computed on request (two at a time).
        await using (var db = contexts.CreateDbContext())
        {
            await db.StackingSnapshots.Where(s => s.Law == nameof(Law.Wmo) && s.District == "").ExecuteDeleteAsync();
        }

        var trend = Stopwatch.StartNew();
        await service.TrendAsync(Law.Wmo, null);
        trend.Stop();
        Console.WriteLine($"stacking: TrendAsync Wmo, {quarters} quarters none stored {trend.Elapsed.TotalSeconds:F2} s; load {Load()}");
        // The analyses' heap goes back to the system, so an import measured next reports its own peak, not theirs.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return new StackingTimes(compute, refresh.Elapsed, getMedian, gets.Max(), all.Elapsed, quarters, trend.Elapsed, computePeak);
    }

    /// <summary>Where the time of one analysis goes (whole municipality, 1 Nov 2018, 3 runs each): the COPY alone (read and
    /// thrown away), the COPY parsed into the columns, and the grouping; wall clock, this process's CPU and the server
    /// backend's CPU (/proc/&lt;pid&gt;/stat), which are steadier than the wall clock on a shared machine.</summary>
    private static async Task StackingPhasesAsync(LocalPostgresServer server)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        int backend;
        await using (var pid = new NpgsqlCommand("SELECT pg_backend_pid()", connection))
        {
            backend = (int)(await pid.ExecuteScalarAsync())!;
        }

        static double BackendCpu(int pid)
        {
            var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }

        var options = new StackingOptions(ReferenceDate);
        for (var run = 0; run < 3; run++)
        {
            foreach (var phase in new[] { "copy only", "copy + columns", "copy + columns + result", "copy + presized columns + result", "StackingService.ComputeAsync" })
            {
                var (cpu, pg, watch) = (Process.GetCurrentProcess().TotalProcessorTime, BackendCpu(backend), Stopwatch.StartNew());
                var columns = new StackingColumns(options, PriceList.Empty, phase.Contains("presized", StringComparison.Ordinal) ? 990_123 : 0);
                if (phase == "StackingService.ComputeAsync")
                {
                    await new StackingService(new Contexts(server.ConnectionString)).ComputeAsync(ReferenceDate, null, null);
                }
                else if (phase == "copy only")
                {
                    await using var stream = await connection.BeginRawBinaryCopyAsync(StackingCopyReader.Sql(ReferenceDate, null));
                    var buffer = new byte[1 << 20];
                    while (await stream.ReadAsync(buffer.AsMemory(), CancellationToken.None) > 0)
                    {
                    }
                }
                else if (phase == "copy only, sync reads")
                {
                    await using var stream = await connection.BeginRawBinaryCopyAsync(StackingCopyReader.Sql(ReferenceDate, null));
                    var buffer = new byte[1 << 20];
                    while (stream.Read(buffer.AsSpan()) > 0)
                    {
                    }
                }
                else if (phase == "data reader, Read() only")
                {
                    var sql = StackingCopyReader.Sql(ReferenceDate, null);
                    sql = sql[(sql.IndexOf('(', StringComparison.Ordinal) + 1)..sql.LastIndexOf(") TO STDOUT", StringComparison.Ordinal)];
                    await using var command = new NpgsqlCommand(sql, connection);
                    await using var reader = await command.ExecuteReaderAsync();
                    while (await reader.ReadAsync())
                    {
                    }
                }
                else if (phase == "exporter, 3 columns")
                {
                    await using var exporter = await connection.BeginBinaryExportAsync("""COPY (SELECT "Id", "StartDate", "EndDate" FROM "Assignments") TO STDOUT (FORMAT BINARY)""");
                    while (await exporter.StartRowAsync() != -1)
                    {
                        await exporter.ReadAsync<long>();
                        await exporter.ReadAsync<DateOnly>();
                        await exporter.SkipAsync();
                    }
                }
                else
                {
                    await StackingCopyReader.ReadAsync(connection, columns, ReferenceDate, null, CancellationToken.None);
                }

                var read = watch.Elapsed;
                if (phase.EndsWith("result", StringComparison.Ordinal))
                {
                    columns.Result();
                }

                Console.WriteLine(
                    $"phases: {phase}: {watch.Elapsed.TotalSeconds:F2} s (result {(watch.Elapsed - read).TotalSeconds:F2} s); " +
                    $"app CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} s, server CPU {BackendCpu(backend) - pg:F2} s; load {Load()}");
            }
        }
    }

    // ---------------------------------------------------------------- scenarios

    /// <summary>The scenario figures (ADR 12) with <paramref name="measureCount"/> measures, each with a yield and a cost in
    /// each of 10 years and a realisation in each quarter: the job's compute and store, and a page's read.</summary>
    private static async Task ScenariosAsync(LocalPostgresServer server, int measureCount)
    {
        var contexts = new Contexts(server.ConnectionString);
        var years = Enumerable.Range(2020, 10).ToList();
        await using (var db = contexts.CreateDbContext())
        {
            db.DeficitComponents.AddRange(years.SelectMany(y => Enumerable.Range(1, 8).Select(c => new SociaalDomein.Domain.Forecasts.DeficitComponent
            {
                Year = y, Name = $"Component {c}", Kind = SociaalDomein.Domain.Forecasts.DeficitComponentKind.StructuralDeficit, Amount = -1_000_000m * c, SortOrder = c,
            })));
            var scenarios = new[] { "Doorgaan", "Optimaliseren", "Hervormen" }
                .Select((name, i) => new SociaalDomein.Domain.Scenarios.Scenario { Rank = i + 1, Name = name }).ToList();
            db.Scenarios.AddRange(scenarios);
            for (var m = 0; m < measureCount; m++)
            {
                db.Measures.Add(new SociaalDomein.Domain.Scenarios.Measure
                {
                    Code = $"M{m + 1}",
                    Title = $"Maatregel {m + 1}",
                    FirstScenario = scenarios[1 + m % 2],
                    Years = years.Select(y => new SociaalDomein.Domain.Scenarios.MeasureYear { Year = y, Yield = 1_000m * (m % 97 + 1), ImplementationCost = 100m }).ToList(),
                    Realisations = years.Take(5).SelectMany(y => Enumerable.Range(1, 4).Select(q => new SociaalDomein.Domain.Scenarios.MeasureRealisation
                    {
                        Year = y, Quarter = q, Amount = 200m * (m % 13 + 1), Explanation = "Gerealiseerd volgens planning", RecordedAt = DateTimeOffset.UtcNow, RecordedBy = "bench",
                    })).ToList(),
                });
            }

            await db.SaveChangesAsync();
        }

        var store = new SociaalDomein.Infrastructure.Scenarios.ScenarioFigureStore(contexts, TimeProvider.System);
        var computes = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            await store.ComputeAsync();
            computes.Add(watch.Elapsed);
        }

        var refreshes = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            await store.RefreshAsync();
            refreshes.Add(watch.Elapsed);
        }

        var reads = new List<TimeSpan>();
        for (var i = 0; i < 7; i++)
        {
            var watch = Stopwatch.StartNew();
            await store.ReadAsync();
            reads.Add(watch.Elapsed);
        }

        await using (var db = contexts.CreateDbContext())
        {
            var size = await db.Database.SqlQueryRaw<int>("""SELECT pg_column_size("FiguresJson") AS "Value" FROM "ScenarioFigureSets" """).SingleAsync();
            Console.WriteLine($"scenarios: {measureCount:N0} measures × {years.Count} years, {measureCount * 20:N0} realisations; stored set {size / 1024.0:N0} KiB (json, compressed)");
        }

        static string Median(List<TimeSpan> runs) => $"median {runs.Order().ElementAt(runs.Count / 2).TotalMilliseconds:F0} ms (runs {string.Join(", ", runs.Select(r => r.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)))})";
        Console.WriteLine($"scenarios: ComputeAsync {Median(computes)}");
        Console.WriteLine($"scenarios: RefreshAsync (compute + store, the job) {Median(refreshes)}");
        Console.WriteLine($"scenarios: ReadAsync (stored set, the page) {Median(reads)}");
    }

    // ---------------------------------------------------------------- budget

    /// <summary>The budget table of 2020 with <paramref name="lineCount"/> lines (budgets 2015–2022, monthly actuals) and
    /// <paramref name="mutationCount"/> mutations spread over the years, statuses and lines: the page's and the API's read.</summary>
    private static async Task BudgetAsync(LocalPostgresServer server, int lineCount, int mutationCount)
    {
        var contexts = new Contexts(server.ConnectionString);
        var random = new Random(20261130);
        await using (var db = contexts.CreateDbContext())
        {
            var domains = Enum.GetValues<SociaalDomein.Domain.Budgets.BudgetDomain>();
            var lines = Enumerable.Range(1, lineCount).Select(i => new SociaalDomein.Domain.Budgets.BudgetLine
            {
                Code = $"L{i:0000}", Name = $"Post {i}", Domain = domains[i % domains.Length], SortOrder = i,
                Years = Enumerable.Range(2015, 8).Select(y => new SociaalDomein.Domain.Budgets.BudgetLineYear { Year = y, Budget = 1_000_000m + i, IsEstimate = y > 2017 }).ToList(),
            }).ToList();
            db.BudgetLines.AddRange(lines);
            await db.SaveChangesAsync();
            db.ActualMonths.AddRange(lines.SelectMany(l => Enumerable.Range(2015, 6).SelectMany(y => Enumerable.Range(1, 12).Select(m =>
                new SociaalDomein.Domain.Budgets.ActualMonth { BudgetLineId = l.Id, Year = y, Month = m, Amount = 80_000m + m }))));
            db.BudgetMutations.AddRange(Enumerable.Range(0, mutationCount).Select(i => new SociaalDomein.Domain.Budgets.BudgetMutation
            {
                BudgetLineId = lines[random.Next(lines.Count)].Id, Year = 2015 + random.Next(8), Amount = random.Next(-50_000, 50_000),
                Kind = SociaalDomein.Domain.Budgets.MutationKind.Berap1, Structural = random.Next(2) == 0, Reason = "bench",
                Status = (SociaalDomein.Domain.Budgets.MutationStatus)(1 + random.Next(4)), CreatedBy = "bench", CreatedAt = DateTimeOffset.UtcNow, Version = 1,
            }));
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("""ANALYZE "BudgetLines", "BudgetLineYears", "BudgetMutations", "ActualMonths" """);
        }

        var service = new BudgetService(contexts);
        var runs = new List<TimeSpan>();
        for (var i = 0; i < 7; i++)
        {
            var watch = Stopwatch.StartNew();
            var table = await service.TableAsync(2020);
            runs.Add(watch.Elapsed);
            if (i == 0)
            {
                Console.WriteLine($"budget: {lineCount:N0} lines, {mutationCount:N0} mutations; 2020 total budget {table!.Total.Budget:N2}, mutations {table.Total.Mutations:N2}");
            }
        }

        Console.WriteLine($"budget: TableAsync(2020) median {runs.Order().ElementAt(3).TotalMilliseconds:F0} ms (runs {string.Join(", ", runs.Select(r => r.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)))})");
    }

    // ---------------------------------------------------------------- report

    private static void PrintTable(int rows, string file, TimeSpan generated, CopyResult copy, ImportRuns imports, StackingTimes stacking, ImportResult again)
    {
        static string Pass(bool ok) => ok ? "pass" : "FAIL";
        var import = imports.Median;
        var peakMb = imports.PeakBytes / 1048576.0;
        Console.WriteLine();
        Console.WriteLine($"file: {file}, {rows:N0} rows, {new FileInfo(file).Length / 1048576.0:F0} MB, generated in {generated.TotalSeconds:F1} s");
        Console.WriteLine();
        Console.WriteLine("| measurement | result | target | |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| psql `\\copy` into a plain table (median of 3) | {copy.Median.TotalSeconds:F2} s ({copy.Rows / copy.Median.TotalSeconds:N0} rows/s) | reference | |");
        Console.WriteLine($"| import into an empty table (StartAsync + ImportJob.RunAsync; median of 3: {imports.Totals}) | {import.Total.TotalSeconds:F2} s ({import.Rows / import.Total.TotalSeconds:N0} rows/s; receive {import.Receive.TotalSeconds:F2} s + job {import.Job.TotalSeconds:F2} s) | ≤ 2.5 × copy = {copy.Median.TotalSeconds * 2.5:F2} s | {imports.Verdict(copy)} |");
        Console.WriteLine($"| import of the same file again (every identity stored, nothing changed) | {again.Total.TotalSeconds:F2} s ({again.Summary.Inserted:N0} inserted, {again.Summary.Updated:N0} updated) | | |");
        foreach (var (filter, median, _) in stacking.Compute)
        {
            Console.WriteLine($"| stacking ComputeAsync 2018-11-01 {filter} (median of 3) | {median.TotalSeconds:F2} s | ≤ 2 s | {(median.TotalSeconds <= 2 ? "PASS" : "FAIL")} |");
        }

        Console.WriteLine($"| stacking: filtered trend (Wmo), {stacking.TrendQuarters} quarters computed on request | {stacking.Trend.TotalSeconds:F2} s | | |");
        Console.WriteLine($"| peak memory (VmHWM) of the process through the 9 stacking analyses | {stacking.ComputePeakBytes / 1048576.0:F0} MB | < 1 GB | {Pass(stacking.ComputePeakBytes < 1L << 30)} |");

        Console.WriteLine($"| stacking RefreshAsync 2018-11-01 (all, per law, per district) | {stacking.Refresh.TotalSeconds:F2} s | (background job) | |");
        Console.WriteLine($"| recompute job after an import (RefreshAllAsync: the above plus {stacking.TrendQuarters} trend quarters) | {stacking.RefreshAll.TotalSeconds:F2} s | (background job) | |");
        Console.WriteLine($"| Stapeling page: GetAsync of the stored snapshot (median of 7) | {stacking.GetMedian.TotalMilliseconds:F0} ms (max {stacking.GetMax.TotalMilliseconds:F0} ms) | < 1 s | {Pass(stacking.GetMax.TotalSeconds < 1)} |");
        Console.WriteLine($"| peak memory (VmHWM) of the process through the three imports | {peakMb:F0} MB | < 1 GB | {Pass(peakMb < 1024)} |");
        var againMb = again.PeakBytes / 1048576.0;
        Console.WriteLine($"| peak memory (VmHWM) of the process after the import of the same file again | {againMb:F0} MB | < 1 GB | {Pass(againMb < 1024)} |");
    }
}

/// <summary>The job's information lines (such as how long the merge took) on the console, indented under the bench's own.</summary>
internal sealed class ConsoleLog<T> : Microsoft.Extensions.Logging.ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => logLevel >= Microsoft.Extensions.Logging.LogLevel.Information;

    public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            Console.WriteLine("  " + formatter(state, exception));
        }
    }
}
