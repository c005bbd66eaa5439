using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using SociaalDomein.Domain.Imports;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Database;
using SociaalDomein.Infrastructure.Providers;

namespace SociaalDomein.Bench;

/// <summary>
/// The declaraties (claims) import on generated data (issue 10: ten million claim rows within 2.5 × <c>psql \copy</c> of
/// the same file, app memory under 1 GB; docs/benchmarks.md): <c>SociaalDomein.Bench declaraties &lt;rows&gt;</c>.
/// </summary>
public static partial class Program
{
    private const string ClaimsHeader =
        "bsn;aanbieder_agb;aanbieder_naam;wet;productcode;toewijzingsnummer;periode_start;periode_eind;bedrag;ingediend_op;status;declaratienummer;vorig_declaratienummer";

    private const string ClaimsPlainColumns =
        "bsn text, aanbieder_agb text, aanbieder_naam text, wet text, productcode text, toewijzingsnummer text, periode_start date, " +
        "periode_eind date, bedrag numeric, ingediend_op date, status text, declaratienummer text, vorig_declaratienummer text";

    private static readonly string[] BenchClaimProducts = ["02A06", "02A07", "02A09", "01A01", "07A02", "45A12", "54A03", "43A10"];

    /// <summary>Generates <paramref name="rows"/> claims, copies them with <c>psql \copy</c> into a plain table (3 runs,
    /// median), imports them with the real ImportService + ImportJob, imports the same file again (every row a
    /// duplicate) and prints a markdown table with the ratios and the peak memory. <paramref name="file"/> defaults to a
    /// temporary path; <paramref name="data"/> is a kept server directory (null: a throwaway server).</summary>
    public static async Task ClaimsBenchAsync(int rows, string? file, string? data)
    {
        file ??= Path.Combine(Path.GetTempPath(), $"sd-bench-declaraties-{rows}.csv");
        var watch = Stopwatch.StartNew();
        GenerateClaims(rows, file);
        Console.WriteLine($"declaraties: generated {rows:N0} rows ({new FileInfo(file).Length / 1048576.0:F0} MB) into {file} in {watch.Elapsed.TotalSeconds:F1} s");
        await using var server = await StartServerAsync(data);

        var load = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
        var copy = await PsqlCopyAsync(server, file, ClaimsPlainColumns);
        var firsts = await FirstImportsAsync(server, file, ImportKind.Declaraties, """TRUNCATE "Claims" CASCADE""");
        var first = firsts.Median;
        var figures = await ProviderFiguresAsync(server);
        Console.WriteLine("declaraties again: the same file, every row a duplicate");
        var again = await ImportAsync(server, file, ImportKind.Declaraties);
        var floor = await ClaimsFloorAsync(server);
        var loadAfter = File.ReadAllText("/proc/loadavg").Split(' ')[..3];

        Console.WriteLine();
        Console.WriteLine($"| measurement ({rows:N0} claims, load {string.Join(" ", load)} → {string.Join(" ", loadAfter)}) | result | target | |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| `psql \\copy` into a plain table (median of 3) | {copy.Median.TotalSeconds:F2} s | reference | |");
        Console.WriteLine($"| import into an empty Claims table (median of 3: {firsts.Totals}) | {first.Total.TotalSeconds:F2} s (receive {first.Receive.TotalSeconds:F2} s + job {first.Job.TotalSeconds:F2} s; " +
            $"{first.Summary.Inserted:N0} new, {first.Summary.Duplicates:N0} duplicates) | ≤ 2.5 × = {(copy.Median * 2.5).TotalSeconds:F2} s | {firsts.Verdict(copy)} |");
        foreach (var (label, r) in new[] { ("import of the same file again (all duplicates)", again) })
        {
            Console.WriteLine($"| {label} | {r.Total.TotalSeconds:F2} s (receive {r.Receive.TotalSeconds:F2} s + job {r.Job.TotalSeconds:F2} s; " +
                $"{r.Summary.Inserted:N0} new, {r.Summary.Duplicates:N0} duplicates) = {r.Total / copy.Median:F2} × | ≤ 2.5 × = {(copy.Median * 2.5).TotalSeconds:F2} s | " +
                $"{(r.Total <= copy.Median * 2.5 ? "pass" : "**FAIL**")} |");
        }

        Console.WriteLine($"| Aanbieders figures of {figures.Year}, all providers, computed on request (median of 3) | {figures.OnRequest.TotalSeconds:F2} s | ≤ 2 s | {(figures.OnRequest.TotalSeconds <= 2 ? "PASS" : "**FAIL**")} |");
        Console.WriteLine($"| Aanbieders page, first open with nothing stored (all {figures.Years} years computed and stored) | {figures.FirstOpen.TotalSeconds:F2} s | (once) | |");
        Console.WriteLine($"| Aanbieders page from the stored figures (median of 7) | {figures.StoredRead.TotalMilliseconds:F0} ms | ≤ 1 s | {(figures.StoredRead.TotalSeconds <= 1 ? "pass" : "**FAIL**")} |");
        Console.WriteLine($"| provider recompute job (RefreshAllAsync: {figures.Filters} filters × {figures.Years} years) | {figures.Job.TotalSeconds:F2} s | (background job) | |");
        Console.WriteLine($"| PostgreSQL's own share: server-side binary COPY of the stored rows into the emptied table ({floor.Copy.TotalSeconds:F2} s) " +
            $"+ building its indexes again ({floor.Indexes.TotalSeconds:F2} s) | {floor.Total.TotalSeconds:F2} s = {floor.Total / copy.Median:F2} × | " +
            $"the least any import can take (ADR 21) | |");
        Console.WriteLine($"| that share + the receive of the median import ({first.Receive.TotalSeconds:F2} s) | " +
            $"{(floor.Total + first.Receive).TotalSeconds:F2} s = {(floor.Total + first.Receive) / copy.Median:F2} × | | |");
        var peak = Math.Max(firsts.PeakBytes, again.PeakBytes);
        Console.WriteLine($"| peak memory (VmHWM) | {peak / 1048576.0:F0} MB | < 1 GB | {(peak < 1L << 30 ? "pass" : "**FAIL**")} |");
    }

    /// <summary>The Aanbieders figures over the imported claims (issue 10: the page for a year opens within 1 s from stored
    /// figures; issue 12: a year's figures within 2 s on request): one year computed on request, the first open of the
    /// page with nothing stored (every year computed and stored), the stored read, and the recompute job.</summary>
    private static async Task<(int Year, int Years, int Filters, TimeSpan OnRequest, TimeSpan FirstOpen, TimeSpan StoredRead, TimeSpan Job)>
        ProviderFiguresAsync(LocalPostgresServer server)
    {
        var store = new ProviderFigureStore(new Contexts(server.ConnectionString), TimeProvider.System);
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            await Execute(connection, """TRUNCATE "ProviderFigureSets"; ANALYZE "Claims" """);
        }

        var (first, last) = (await store.YearRangeAsync())!.Value;
        var onRequest = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            await store.ComputeAsync(ProviderFilter.All, last, last);
            onRequest.Add(watch.Elapsed);
        }

        var firstOpen = Stopwatch.StartNew();
        await store.ReadAsync(last, ProviderFilter.All);
        firstOpen.Stop();
        var reads = new List<TimeSpan>();
        for (var i = 0; i < 7; i++)
        {
            var watch = Stopwatch.StartNew();
            await store.ReadAsync(last, ProviderFilter.All);
            reads.Add(watch.Elapsed);
        }

        var filters = (await store.FiltersAsync()).Count;
        var job = Stopwatch.StartNew();
        await store.RefreshAllAsync();
        job.Stop();
        var storedRead = reads.Order().ElementAt(3);
        Console.WriteLine($"declaraties: Aanbieders figures of {last}: on request {string.Join(" / ", onRequest.Select(t => $"{t.TotalSeconds:F2} s"))}, " +
            $"first open {firstOpen.Elapsed.TotalSeconds:F2} s, stored read {storedRead.TotalMilliseconds:F0} ms, job {job.Elapsed.TotalSeconds:F2} s");
        return (last, last - first + 1, filters, onRequest.Order().ElementAt(1), firstOpen.Elapsed, storedRead, job.Elapsed);
    }

    /// <summary>What PostgreSQL alone needs to store the claims the import stored, in the import's way (ADR 21): the rows
    /// (every column the import writes, Ids ascending) written server-side to a binary COPY file, the table emptied, then in
    /// one transaction, as the import: the secondary indexes dropped, the file COPYed in server-side (no network, no client,
    /// no parsing of text), the indexes built again with the import's <c>maintenance_work_mem</c>. The app's own work
    /// (reading, validating, pseudonymising, the upload kept encrypted) comes on top of this in any design.</summary>
    private static async Task<(TimeSpan Copy, TimeSpan Indexes, TimeSpan Total)> ClaimsFloorAsync(LocalPostgresServer server)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sd-bench-claims-floor-{Environment.ProcessId}.bin");
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        try
        {
            string columns;
            await using (var read = new NpgsqlCommand(
                """
                SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
                WHERE attrelid = '"Claims"'::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
                """, connection))
            {
                columns = (string)(await read.ExecuteScalarAsync())!;
            }

            var indexes = new List<(string Drop, string Create)>();
            await using (var read = new NpgsqlCommand(
                """
                SELECT format('DROP INDEX %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid) FROM pg_index i
                WHERE i.indrelid = '"Claims"'::regclass AND NOT i.indisprimary
                """, connection))
            await using (var reader = await read.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    indexes.Add((reader.GetString(0), reader.GetString(1)));
                }
            }

            await Execute(connection, $"""COPY (SELECT {columns} FROM "Claims" ORDER BY "Id") TO '{path}' (FORMAT binary)""");
            await Execute(connection, """TRUNCATE "Claims" CASCADE; CHECKPOINT""");
            await using var transaction = await connection.BeginTransactionAsync();
            await Execute(connection, "SET LOCAL maintenance_work_mem = '256MB'; " + string.Join("; ", indexes.Select(i => i.Drop)));
            var watch = Stopwatch.StartNew();
            await Execute(connection, $"""COPY "Claims" ({columns}) FROM '{path}' (FORMAT binary)""");
            var copy = watch.Elapsed;
            foreach (var (_, create) in indexes)
            {
                await Execute(connection, create);
            }

            var total = watch.Elapsed;
            await transaction.CommitAsync();
            Console.WriteLine($"declaraties floor: server-side COPY {copy.TotalSeconds:F2} s, {indexes.Count} indexes {(total - copy).TotalSeconds:F2} s");
            return (copy, total - copy, total);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// A claims export of <paramref name="rows"/> lines over 2015–2019: clients claimed monthly (a client has about 60 lines),
    /// 2,000 providers, eight products; every line has a declaratienummer; one line in 33 is a credit of the line before
    /// it (same facts, negative amount, vorig_declaratienummer set); one in 20 spans two months; one in 10 is still
    /// "ingediend". Dates ISO and amounts plain (<c>1234.56</c>) so <c>psql \copy</c> takes the same file into typed
    /// columns. Synthetic BSNs in the 9-digit range passing the 11-test. Deterministic.
    /// </summary>
    public static void GenerateClaims(int rows, string path)
    {
        var random = new Random(20261210);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        writer.Write(ClaimsHeader);
        writer.Write('\n');
        var clients = Math.Max(1, rows / 60);
        string previous = "";
        for (var i = 0; i < rows; i++)
        {
            var isCredit = i > 0 && i % 33 == 0;
            if (isCredit)
            {
                var fields = previous.Split(';');
                fields[8] = "-" + fields[8].TrimStart('-');
                fields[12] = fields[11];
                fields[11] = $"C{i}";
                previous = string.Join(';', fields);
                writer.Write(previous);
                writer.Write('\n');
                continue;
            }

            var client = random.Next(clients);
            var provider = client % 2000;
            var month = i % 60;
            var start = new DateOnly(2015 + month / 12, month % 12 + 1, 1);
            var end = i % 20 == 0 ? start.AddMonths(2).AddDays(-1) : start.AddMonths(1).AddDays(-1);
            var product = BenchClaimProducts[client % BenchClaimProducts.Length];
            var law = product[0] is '4' or '5' ? "Jeugdwet" : "Wmo";
            var amount = random.Next(5_000, 250_000) / 100m;
            var submitted = end.AddDays(random.Next(5, random.Next(10) == 0 ? 365 : 60));
            previous = string.Join(';',
                ClaimsBenchBsn(client), (75_000_000 + provider).ToString(CultureInfo.InvariantCulture), $"Aanbieder {provider:0000} (synthetisch)", law,
                product, $"T{client}-{product}", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), amount.ToString("0.00", CultureInfo.InvariantCulture),
                submitted.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), i % 10 == 0 ? "ingediend" : "", $"B{i}", "");
            writer.Write(previous);
            writer.Write('\n');
        }
    }

    /// <summary>A synthetic BSN for client <paramref name="n"/>: 8 digits from 10000000 + 2n, and the check digit of the
    /// 11-test (when that is 10, the next body).</summary>
    private static string ClaimsBenchBsn(int n)
    {
        for (var body = 10_000_000 + 2 * n; ; body++)
        {
            var digits = body.ToString("00000000", CultureInfo.InvariantCulture);
            var sum = 0;
            for (var i = 0; i < 8; i++)
            {
                sum += (9 - i) * (digits[i] - '0');
            }

            if (sum % 11 != 10)
            {
                return digits + (sum % 11).ToString(CultureInfo.InvariantCulture);
            }
        }
    }
}
