using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using SociaalDomein.Infrastructure.Database;
using SociaalDomein.Infrastructure.Tests.Imports;
using SociaalDomein.Web.Tests.Fixtures;

namespace SociaalDomein.Web.Tests.Imports;

/// <summary>The app with every log line it writes kept, at every level.</summary>
public sealed class LoggedApp : AppFactory
{
    public ConcurrentQueue<string> Lines { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new CapturingProvider(Lines)));
    }

    private sealed class CapturingProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}

/// <summary>
/// Issue 7's proof: files with bad rows go through the whole pipeline (upload, kept file, background job, rejected rows,
/// their download), and afterwards neither a dump of the database, nor the disk, nor anything logged holds one of the
/// files' BSNs, full postcodes or birth dates in clear.
/// </summary>
public sealed class PersonalDataTests(LoggedApp app) : IClassFixture<LoggedApp>
{
    private const string Header = "bsn;dossiernummer;postcode;huisnummer;huisnummertoevoeging;geboortedatum;wet;productcode;aanbieder_agb;leveringsvorm;ingangsdatum;budget";

    [Fact]
    public async Task After_importing_files_with_bad_rows_no_BSN_postcode_or_birth_date_is_in_the_database_dump_the_disk_or_the_log()
    {
        // Generated people (test BSNs pass the 11-test), each with a postcode and birth date of their own. Every other
        // row is bad in a field that is not personal, so the personal fields go into the rejected rows whole.
        var people = Enumerable.Range(0, 12).Select(i => new
        {
            Bsn = TestBsn.Number(40 + i),
            Postcode = $"{8011 + i} {(char)('K' + i)}{(char)('Q' + i % 8)}",
            BirthDate = $"{1 + i:D2}-0{1 + i % 9}-19{40 + i}",
            Bad = i % 2 == 1,
        }).ToList();
        var csv = string.Join("\n", [Header, .. people.Select((p, i) =>
            $"{p.Bsn};D-PRIV-{i};{p.Postcode};{10 + i};b;{p.BirthDate};Wmo;02A06;75750001;ZIN;{(p.Bad ? "31-02-2018" : "01-03-2018")};1.200,00")]);
        var invalidBsn = TestBsn.Invalid(41); // rejected by the 11-test: still nine digits somebody could recognise
        csv += $"\n{invalidBsn};D-PRIV-X;7722 ZZ;5;;03-03-1933;Wmo;02A06;75750001;ZIN;01-03-2018;1.200,00";
        string[] secrets =
        [
            .. people.Select(p => p.Bsn), invalidBsn,
            .. people.Select(p => p.Postcode.Replace(" ", "")), .. people.Select(p => p.Postcode), "7722ZZ", "7722 ZZ",
            .. people.Select(p => p.BirthDate), "03-03-1933", "1933-03-03",
            .. people.Select(p => DateOnly.ParseExact(p.BirthDate, "dd-MM-yyyy").ToString("yyyy-MM-dd")),
        ];

        var client = app.Client(AppFactory.BeheerderKey);
        var rejected = await ImportUploads.UploadAsync(client, csv, fileName: "privacy-alles-of-niets.csv");
        // Named after a person, as a single-client message sometimes is.
        var partly = await ImportUploads.UploadAsync(client, csv, onlyValidRows: true, fileName: $"toewijzing-{people[0].Bsn}-{people[0].Postcode}.csv");
        Assert.Equal("Rejected", (await ImportUploads.WaitUntilFinishedAsync(client, rejected)).GetProperty("status").GetString());
        var report = await ImportUploads.WaitUntilFinishedAsync(client, partly);
        Assert.Equal("Succeeded", report.GetProperty("status").GetString());
        Assert.Equal(7, report.GetProperty("rowsRejected").GetInt32());
        var download = await client.GetStringAsync($"/api/imports/{rejected}/afgekeurde-rijen.csv");

        var dump = await DumpAsync(app.ConnectionString);
        var onDisk = Directory.Exists(app.LegacyUploadFolder)
            ? string.Join("\n", Directory.EnumerateFiles(app.LegacyUploadFolder, "*", SearchOption.AllDirectories).Select(File.ReadAllText))
            : "";
        var log = string.Join("\n", app.Lines);

        // The places searched do hold the imports: the dump has the rejected rows (masked) and the kept files
        // (encrypted), the log has the runs, the download has the rows.
        Assert.Contains("D-PRIV-1;8012**;***;***;***;Wmo;02A06", dump);
        Assert.Contains("ImportFileChunks", dump);
        Assert.Contains($"Import {partly}", log);
        Assert.Contains("D-PRIV-X", download);
        foreach (var secret in secrets)
        {
            Assert.False(dump.Contains(secret, StringComparison.Ordinal), $"'{secret}' staat leesbaar in de databasedump");
            Assert.False(log.Contains(secret, StringComparison.Ordinal), $"'{secret}' staat in het log");
            Assert.False(download.Contains(secret, StringComparison.Ordinal), $"'{secret}' staat in de download van afgekeurde rijen");
            Assert.False(onDisk.Contains(secret, StringComparison.Ordinal), $"'{secret}' staat op schijf");
        }
    }

    [Fact]
    public async Task The_beheerder_downloads_the_kept_original_exactly_as_uploaded_and_the_download_is_in_the_audit_log()
    {
        var csv = Header + $"\n{TestBsn.Number(61)};D-ORIG;8011 AB;1;;;Wmo;02A06;75750001;ZIN;01-03-2018;1.200,00";
        var id = await ImportUploads.UploadAsync(app.Client(AppFactory.BeheerderKey), csv, fileName: "origineel.csv");

        var beheerder = await app.Client(AppFactory.BeheerderKey).GetAsync($"/api/imports/{id}/origineel");
        var wethouder = await app.Client(AppFactory.WethouderKey).GetAsync($"/api/imports/{id}/origineel");
        var audit = await app.Client(AppFactory.BeheerderKey).GetStringAsync("/api/audit?action=Export");

        Assert.Equal(System.Net.HttpStatusCode.OK, beheerder.StatusCode);
        Assert.Equal(Encoding.UTF8.GetBytes(csv), await beheerder.Content.ReadAsByteArrayAsync());
        Assert.Equal("origineel.csv", beheerder.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, wethouder.StatusCode);
        Assert.Contains($"Oorspronkelijk bestand van import {id} (origineel.csv)", audit);
    }

    /// <summary>The whole database as plain SQL, as an operator's backup would hold it.</summary>
    private static async Task<string> DumpAsync(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var initdb = new FileInfo(Path.Combine(PostgresBinaries.Locate(), "initdb"));
        var bin = (initdb.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? initdb).DirectoryName!; // pg_dump of the server's version
        var start = new ProcessStartInfo(Path.Combine(bin, "pg_dump"), ["--no-owner", "--format=plain", settings.Database!])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["PGHOST"] = settings.Host, ["PGPORT"] = settings.Port.ToString(), ["PGUSER"] = settings.Username, ["PGPASSWORD"] = settings.Password,
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await errors);
        return await output;
    }
}
