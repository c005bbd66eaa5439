using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace SociaalDomein.Infrastructure.Database;

/// <summary>
/// A private PostgreSQL server run from the machine's own PostgreSQL binaries: the embedded default when no
/// connection string is configured, and the throwaway server of the tests when no Docker engine answers.
/// Its data folder holds the cluster (<c>data/</c>), the socket folder (<c>run/</c>), the server log and the
/// generated password of the <c>postgres</c> superuser. The server listens on a free loopback port only.
/// </summary>
public sealed class LocalPostgresServer : IAsyncDisposable
{
    public const string DatabaseName = "sociaaldomein";
    private const string SuperUser = "postgres";
    private const string OsUserWhenRoot = "postgres";

    private readonly string _root;
    private readonly string _binDir;
    private readonly bool _throwaway;
    private readonly ILogger _logger;
    private bool _stopped;

    private LocalPostgresServer(string root, string binDir, bool throwaway, ILogger logger)
    {
        _root = root;
        _binDir = binDir;
        _throwaway = throwaway;
        _logger = logger;
    }

    public int Port { get; private set; }
    public string ConnectionString { get; private set; } = "";

    /// <summary>True when this start found the server of an earlier run still running and took it over.</summary>
    public bool Reused { get; private set; }

    public string DataDirectory => _root;
    private string ClusterDir => Path.Combine(_root, "data");
    private string SocketDir => Path.Combine(_root, "run");
    private string LogFile => Path.Combine(_root, "postgres.log");
    private string PasswordFile => Path.Combine(_root, "superuser.pw");
    private static bool RunsAsRoot => Environment.IsPrivilegedProcess;

    /// <summary>The default data folder: under the user's local application data.</summary>
    public static string DefaultDataDirectory() => Path.Combine(AppDataDirectory(), "postgres");

    /// <summary>The app's own folder for local data (~/.local/share/SociaalDomein): the database, uploads, the
    /// development pseudonymisation key.</summary>
    public static string AppDataDirectory() => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
        "SociaalDomein");

    /// <summary>Starts (creating on first use) the server whose data lives in <paramref name="dataDirectory"/>.</summary>
    public static Task<LocalPostgresServer> StartAsync(string dataDirectory, ILogger? logger = null, string? pgBin = null, CancellationToken ct = default) =>
        StartCoreAsync(Path.GetFullPath(dataDirectory), throwaway: false, logger, pgBin, ct);

    /// <summary>Starts a server in a new temporary folder, tuned for speed over durability, removed on dispose.</summary>
    public static Task<LocalPostgresServer> StartThrowawayAsync(ILogger? logger = null, CancellationToken ct = default)
    {
        RemoveAbandonedThrowaways();
        return StartCoreAsync(Path.Combine(Path.GetTempPath(), ThrowawayPrefix + Guid.NewGuid().ToString("N")[..12]), throwaway: true, logger, null, ct);
    }

    private const string ThrowawayPrefix = "sociaaldomein-pg-";

    /// <summary>A test process that is killed (or whose exit handler is cut short) leaves its throwaway folder behind.
    /// Folders older than ten minutes without a live server are removed; younger ones may be another run starting.</summary>
    private static void RemoveAbandonedThrowaways()
    {
        foreach (var dir in Directory.EnumerateDirectories(Path.GetTempPath(), ThrowawayPrefix + "*"))
        {
            try
            {
                var pidFile = Path.Combine(dir, "data", "postmaster.pid");
                var pid = File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var p) ? p : 0;
                if (Directory.GetLastWriteTimeUtc(dir) < DateTime.UtcNow.AddMinutes(-10) && (pid == 0 || !Directory.Exists($"/proc/{pid}")))
                {
                    Directory.Delete(dir, recursive: true);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Someone else's, or in use: leave it.
            }
        }
    }

    private static async Task<LocalPostgresServer> StartCoreAsync(string root, bool throwaway, ILogger? logger, string? pgBin, CancellationToken ct)
    {
        var server = new LocalPostgresServer(root, PostgresBinaries.Locate(pgBin), throwaway, logger ?? NullLogger.Instance);
        await server.StartAsync(ct);
        return server;
    }

    private async Task StartAsync(CancellationToken ct)
    {
        PrepareFolders();
        if (!File.Exists(Path.Combine(ClusterDir, "PG_VERSION")))
        {
            await InitializeClusterAsync(ct);
        }

        var password = (await File.ReadAllTextAsync(PasswordFile, ct)).Trim();
        var runningPort = await RunningPortAsync(ct);
        if (runningPort is { } port && await AnswersAsync(port, password, ct))
        {
            _logger.LogInformation("De lokale PostgreSQL-server van een vorige start draait nog op poort {Port}; die wordt hergebruikt.", port);
            Port = port;
            Reused = true;
        }
        else
        {
            if (runningPort is not null)
            {
                await RunPgCtlAsync(["stop", "-D", ClusterDir, "-m", "immediate", "-w"], ct);
            }

            RemoveStaleLocks();
            Port = FreeLoopbackPort();
            await LaunchAsync(ct);
        }

        ConnectionString = BuildConnectionString(Port, password, DatabaseName);
        await EnsureDatabaseAsync(password, ct);
    }

    private void PrepareFolders()
    {
        try
        {
            if (File.Exists(_root))
            {
                throw new IOException("er staat een bestand op die plek, geen map");
            }

            Directory.CreateDirectory(_root);
            Directory.CreateDirectory(SocketDir);
            if (Directory.Exists(ClusterDir) && !File.Exists(Path.Combine(ClusterDir, "PG_VERSION")) && Directory.EnumerateFileSystemEntries(ClusterDir).Any())
            {
                throw new IOException($"de map '{ClusterDir}' bevat al bestanden die geen PostgreSQL-database zijn");
            }

            var probe = Path.Combine(_root, ".schrijftest");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupException(
                $"De databasemap '{_root}' is niet bruikbaar: {ex.Message}. " +
                "Kies een map waarin deze gebruiker mag schrijven met de instelling Database:DataDirectory " +
                "(bijvoorbeeld de omgevingsvariabele Database__DataDirectory).", ex);
        }

        if (RunsAsRoot && !OperatingSystem.IsWindows())
        {
            EnsureOsUserCanReach();
        }
    }

    /// <summary>initdb refuses root, so as root the server runs as the postgres OS user: it must own the folder and be
    /// able to pass through the folders above it (search permission only; nothing becomes readable).</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private void EnsureOsUserCanReach()
    {
        if (!OsUserExists(OsUserWhenRoot))
        {
            throw new StartupException(
                "De app draait als root, en PostgreSQL weigert als root te draaien, maar er is geen gebruiker 'postgres' om de server onder te starten. " +
                "Start de app als een gewone gebruiker, of installeer het PostgreSQL-pakket (dat maakt die gebruiker aan).");
        }

        for (var dir = Directory.GetParent(_root); dir is not null; dir = dir.Parent)
        {
            var mode = File.GetUnixFileMode(dir.FullName);
            if (!mode.HasFlag(UnixFileMode.OtherExecute))
            {
                File.SetUnixFileMode(dir.FullName, mode | UnixFileMode.OtherExecute);
                _logger.LogWarning("Map {Folder} is doorzoekbaar gemaakt (o+x) zodat de PostgreSQL-server als gebruiker postgres bij zijn data kan.", dir.FullName);
            }
        }

        RunOrThrow("chown", ["-R", $"{OsUserWhenRoot}:", _root]);
    }

    private async Task InitializeClusterAsync(CancellationToken ct)
    {
        _logger.LogInformation("Nieuwe lokale PostgreSQL-database aanmaken in {Folder}", ClusterDir);
        await File.WriteAllTextAsync(PasswordFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(24)), ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        if (RunsAsRoot)
        {
            RunOrThrow("chown", [$"{OsUserWhenRoot}:", PasswordFile]);
        }

        var args = new List<string> { "-D", ClusterDir, "-U", SuperUser, "-A", "scram-sha-256", "--pwfile", PasswordFile, "-E", "UTF8", "--no-locale" };
        if (_throwaway)
        {
            args.Add("--no-sync");
        }

        var (exit, output) = await RunAsync(Path.Combine(_binDir, "initdb"), args, ct);
        if (exit != 0)
        {
            throw new StartupException(
                $"Het aanmaken van de lokale database in '{ClusterDir}' is mislukt (initdb, code {exit}): {Tail(output)} " +
                "Kies eventueel een andere map met Database:DataDirectory.");
        }
    }

    /// <summary>The port of a server already running on this cluster (left by an earlier run), or null. The pid in
    /// postmaster.pid is trusted only when that process is a postgres serving this very folder: after a crash the pid
    /// may belong to another program by now.</summary>
    private async Task<int?> RunningPortAsync(CancellationToken ct)
    {
        var pidFile = Path.Combine(ClusterDir, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }

        var lines = await File.ReadAllLinesAsync(pidFile, ct);
        if (lines.Length < 4 || !int.TryParse(lines[0], out var pid) || !int.TryParse(lines[3], out var port))
        {
            return null;
        }

        var cmdline = $"/proc/{pid}/cmdline";
        bool alive;
        if (Directory.Exists("/proc/self"))
        {
            alive = File.Exists(cmdline) && (await File.ReadAllTextAsync(cmdline, ct)).Replace('\0', ' ').Contains(ClusterDir, StringComparison.Ordinal);
        }
        else
        {
            alive = (await RunPgCtlAsync(["status", "-D", ClusterDir], ct)).Exit == 0;
        }

        return alive ? port : null;
    }

    /// <summary>A crash (of the app or the machine) can leave postmaster.pid and socket lock files behind while no
    /// server runs; PostgreSQL then refuses to start when the recorded pid has been reused. No server runs here now.</summary>
    private void RemoveStaleLocks()
    {
        var pidFile = Path.Combine(ClusterDir, "postmaster.pid");
        if (File.Exists(pidFile))
        {
            File.Delete(pidFile);
            _logger.LogWarning("Achtergebleven postmaster.pid van een eerdere, afgebroken start opgeruimd.");
        }

        foreach (var lockFile in Directory.EnumerateFiles(SocketDir, ".s.PGSQL.*"))
        {
            File.Delete(lockFile);
        }
    }

    private async Task LaunchAsync(CancellationToken ct)
    {
        var options = $"-p {Port} -k {SocketDir} -c listen_addresses=127.0.0.1";
        if (_throwaway)
        {
            // A throwaway server serves a test run: many apps at once (each with its Hangfire workers and connection pools),
            // more than the default 100 connections.
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400";
        }

        var (exit, output) = await RunPgCtlAsync(["start", "-D", ClusterDir, "-l", LogFile, "-w", "-t", "60", "-o", options], ct);
        if (exit != 0)
        {
            var log = File.Exists(LogFile) ? Tail(await File.ReadAllTextAsync(LogFile, ct)) : "";
            throw new StartupException(
                $"De lokale PostgreSQL-server in '{_root}' wil niet starten (pg_ctl, code {exit}): {Tail(output)} {log} " +
                $"Het volledige logboek staat in '{LogFile}'.");
        }

        _logger.LogInformation("Lokale PostgreSQL-server gestart op 127.0.0.1:{Port} met data in {Folder}", Port, ClusterDir);
    }

    private async Task EnsureDatabaseAsync(string password, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(BuildConnectionString(Port, password, "postgres"));
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", DatabaseName);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseName}\" ENCODING 'UTF8' TEMPLATE template0", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>A connection string to another database on this server (the tests make one per test class).</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;

    private static async Task<bool> AnswersAsync(int port, string password, CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(BuildConnectionString(port, password, "postgres") + ";Timeout=5");
            await connection.OpenAsync(ct);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or SocketException)
        {
            return false;
        }
    }

    private static string BuildConnectionString(int port, string password, string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = SuperUser,
            Password = password,
            Database = database,
        }.ConnectionString;

    /// <summary>Stops the server (fast shutdown: open sessions are ended, data is safe). Idempotent.</summary>
    public async Task StopAsync(CancellationToken ct = default)
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(ClusterDir, "postmaster.pid")))
        {
            await RunPgCtlAsync(["stop", "-D", ClusterDir, "-m", "fast", "-w", "-t", "30"], ct);
        }

        _logger.LogInformation("Lokale PostgreSQL-server gestopt.");
        if (_throwaway)
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open: the temporary folder is the OS's to clean.
            }
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private Task<(int Exit, string Output)> RunPgCtlAsync(IReadOnlyList<string> args, CancellationToken ct) =>
        RunAsync(Path.Combine(_binDir, "pg_ctl"), args, ct);

    /// <summary>Runs a PostgreSQL program, as the postgres OS user when this process is root.</summary>
    private static async Task<(int Exit, string Output)> RunAsync(string program, IReadOnlyList<string> args, CancellationToken ct)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (RunsAsRoot)
        {
            start.FileName = "runuser";
            foreach (var a in new[] { "-u", OsUserWhenRoot, "--", program })
            {
                start.ArgumentList.Add(a);
            }
        }
        else
        {
            start.FileName = program;
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new StartupException($"Kan '{program}' niet starten.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }

    private static void RunOrThrow(string program, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new StartupException($"'{program} {string.Join(' ', args)}' is mislukt: {error.Trim()}");
        }
    }

    private static bool OsUserExists(string name) =>
        File.Exists("/etc/passwd") && File.ReadLines("/etc/passwd").Any(l => l.StartsWith(name + ":", StringComparison.Ordinal));

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Tail(string text, int lines = 8) =>
        string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(lines));
}
