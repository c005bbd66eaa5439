using Npgsql;
using SociaalDomein.Infrastructure.Database;

namespace SociaalDomein.Infrastructure.Tests.Database;

/// <summary>The embedded server on real PostgreSQL binaries, each test in a folder of its own under the temp folder.</summary>
public sealed class LocalPostgresServerTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sociaaldomein-lpst-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly List<LocalPostgresServer> _servers = [];

    private string DataDirectory => Path.Combine(_root, "postgres");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        for (var i = _servers.Count - 1; i >= 0; i--)
        {
            await _servers[i].StopAsync();
        }

        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private async Task<LocalPostgresServer> StartAsync(string? dataDirectory = null)
    {
        var server = await LocalPostgresServer.StartAsync(dataDirectory ?? DataDirectory);
        _servers.Add(server);
        return server;
    }

    private static async Task<object?> ScalarAsync(LocalPostgresServer server, string sql)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task A_new_folder_gets_a_cluster_that_answers_with_the_application_database()
    {
        var server = await StartAsync();

        Assert.Equal(1, await ScalarAsync(server, "SELECT 1"));
        Assert.Equal("sociaaldomein", await ScalarAsync(server, "SELECT current_database()"));
        Assert.Equal(LocalPostgresServer.DatabaseName, new NpgsqlConnectionStringBuilder(server.ConnectionString).Database);
        Assert.Equal("127.0.0.1", await ScalarAsync(server, "SHOW listen_addresses"));
        Assert.Equal(server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), await ScalarAsync(server, "SHOW port"));
        Assert.False(server.Reused);
        Assert.Equal(DataDirectory, server.DataDirectory);
        Assert.True(File.Exists(Path.Combine(DataDirectory, "data", "PG_VERSION")));
    }

    [Fact]
    public async Task A_second_start_after_a_stop_keeps_the_data()
    {
        var first = await StartAsync();
        await ScalarAsync(first, "CREATE TABLE kept (name text); INSERT INTO kept VALUES ('bewaard')");
        await first.StopAsync();

        var second = await StartAsync();

        Assert.False(second.Reused);
        Assert.Equal("bewaard", await ScalarAsync(second, "SELECT name FROM kept"));
    }

    public enum FormerPid
    {
        /// <summary>The pid belongs to no process at all.</summary>
        NoProcess,

        /// <summary>The pid now belongs to a program of another user (this test process, when run as root).</summary>
        ProgramOfThisTest,

        /// <summary>The pid now belongs to another program of the user the server runs as: PostgreSQL itself then
        /// takes the lock file for live and refuses to start.</summary>
        ProgramOfTheServerUser,
    }

    [Theory]
    [InlineData(FormerPid.NoProcess)]
    [InlineData(FormerPid.ProgramOfThisTest)]
    [InlineData(FormerPid.ProgramOfTheServerUser)]
    public async Task A_stale_postmaster_pid_left_by_a_crash_is_cleared(FormerPid formerPid)
    {
        var first = await StartAsync();
        await ScalarAsync(first, "CREATE TABLE kept (name text); INSERT INTO kept VALUES ('bewaard')");
        var oldPort = first.Port;
        await first.StopAsync();
        using var otherProgram = formerPid == FormerPid.ProgramOfTheServerUser ? SleeperOfTheServerUser.Start() : null;
        var pid = formerPid switch
        {
            FormerPid.NoProcess => 999_999,
            FormerPid.ProgramOfThisTest => Environment.ProcessId,
            _ => otherProgram!.Pid,
        };
        var clusterDir = Path.Combine(DataDirectory, "data");
        await File.WriteAllLinesAsync(Path.Combine(clusterDir, "postmaster.pid"),
        [
            pid.ToString(System.Globalization.CultureInfo.InvariantCulture),
            clusterDir,
            "1763900000",
            oldPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Path.Combine(DataDirectory, "run"),
            "127.0.0.1",
            "  5432001         0",
            "ready   ",
        ]);

        var second = await StartAsync();

        Assert.False(second.Reused);
        Assert.Equal("bewaard", await ScalarAsync(second, "SELECT name FROM kept"));
    }

    /// <summary>A harmless long-running process (sleep) of the OS user the server runs as: postgres when the tests run
    /// as root, else the current user. Killed on dispose.</summary>
    private sealed class SleeperOfTheServerUser : IDisposable
    {
        private readonly System.Diagnostics.Process _process;

        private SleeperOfTheServerUser(System.Diagnostics.Process process, int pid)
        {
            _process = process;
            Pid = pid;
        }

        public int Pid { get; }

        public static SleeperOfTheServerUser Start()
        {
            var start = new System.Diagnostics.ProcessStartInfo { RedirectStandardOutput = true, UseShellExecute = false };
            string[] shell = ["sh", "-c", "echo $$; exec sleep 300"];
            if (Environment.IsPrivilegedProcess)
            {
                start.FileName = "runuser";
                foreach (var a in new[] { "-u", "postgres", "--" }.Concat(shell))
                {
                    start.ArgumentList.Add(a);
                }
            }
            else
            {
                start.FileName = shell[0];
                foreach (var a in shell.Skip(1))
                {
                    start.ArgumentList.Add(a);
                }
            }

            var process = System.Diagnostics.Process.Start(start)!;
            var pid = int.Parse(process.StandardOutput.ReadLine()!, System.Globalization.CultureInfo.InvariantCulture);
            return new SleeperOfTheServerUser(process, pid);
        }

        public void Dispose()
        {
            try
            {
                using var sleeper = System.Diagnostics.Process.GetProcessById(Pid);
                sleeper.Kill();
                sleeper.WaitForExit();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }

            _process.WaitForExit();
            _process.Dispose();
        }
    }

    [Fact]
    public async Task A_server_left_running_by_an_earlier_run_is_taken_over()
    {
        var first = await StartAsync(); // the app is killed: nobody stops this server

        var second = await StartAsync();

        Assert.True(second.Reused);
        Assert.Equal(first.Port, second.Port);
        Assert.Equal(1, await ScalarAsync(second, "SELECT 1"));
        Assert.Equal(first.ConnectionString, second.ConnectionString);
    }

    [Fact]
    public async Task A_data_folder_that_is_a_file_is_refused_with_a_Dutch_message_naming_the_setting()
    {
        var file = Path.Combine(_root, "geen-map");
        await File.WriteAllTextAsync(file, "dit is een bestand");

        var error = await Assert.ThrowsAsync<StartupException>(() => StartAsync(file));

        Assert.Contains("Database:DataDirectory", error.Message);
        Assert.Contains("niet bruikbaar", error.Message);
        Assert.Contains(file, error.Message);
    }

    [Fact]
    public async Task A_data_folder_below_a_file_is_refused()
    {
        var file = Path.Combine(_root, "geen-map");
        await File.WriteAllTextAsync(file, "dit is een bestand");

        var error = await Assert.ThrowsAsync<StartupException>(() => StartAsync(Path.Combine(file, "postgres")));

        Assert.Contains("Database:DataDirectory", error.Message);
    }

    [Fact]
    public async Task A_data_folder_holding_something_else_than_a_cluster_is_refused_and_left_alone()
    {
        var foreign = Path.Combine(DataDirectory, "data", "mijn-document.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(foreign)!);
        await File.WriteAllTextAsync(foreign, "niet weggooien");

        var error = await Assert.ThrowsAsync<StartupException>(() => StartAsync());

        Assert.Contains("Database:DataDirectory", error.Message);
        Assert.Equal("niet weggooien", await File.ReadAllTextAsync(foreign));
    }

    [Fact]
    public async Task Missing_server_programs_are_reported_naming_PG_BIN()
    {
        var error = await Assert.ThrowsAsync<StartupException>(() => LocalPostgresServer.StartAsync(DataDirectory, pgBin: "/nonexistent"));

        Assert.Contains("PG_BIN", error.Message);
        Assert.Contains("/nonexistent", error.Message);
        Assert.False(Directory.Exists(DataDirectory));
    }
}
