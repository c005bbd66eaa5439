using System.Diagnostics;
using System.Text.RegularExpressions;
using SociaalDomein.Domain.Security;

namespace SociaalDomein.Web.Tests.Fixtures;

/// <summary>
/// The app as a separate operating-system process (the built SociaalDomein.Web.dll, as `dotnet run` would start it) on
/// a given database: an instance that can really be killed, beside an in-process <see cref="AppFactory"/>.
/// </summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private AppProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join("\n", _output);
            }
        }
    }

    public static async Task<AppProcess> StartAsync(string connectionString)
    {
        var start = new ProcessStartInfo("dotnet", [WebAssembly(), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(WebAssembly()),
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ConnectionStrings__SociaalDomein"] = connectionString,
                ["Pseudonymisation__Key"] = AppFactory.TestPseudonymisationKey,
                ["Imports__WatchdogSeconds"] = "1",
                ["Api__Keys__0__Name"] = "script-beheer",
                ["Api__Keys__0__Key"] = AppFactory.BeheerderKey,
                ["Api__Keys__0__Role"] = Roles.Beheerder,
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            },
        };
        var process = Process.Start(start)!;
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lines = new List<string>();
        void Receive(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (lines)
            {
                lines.Add(e.Data);
            }

            if (Listening().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        }

        process.OutputDataReceived += Receive;
        process.ErrorDataReceived += Receive;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromMinutes(2))) != listening.Task)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("De app kwam niet op:\n" + string.Join("\n", lines));
        }

        var app = new AppProcess(process, await listening.Task);
        lock (lines)
        {
            app._output.AddRange(lines);
        }

        return app;
    }

    public HttpClient Client(string apiKey)
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>Ends the process at once, as a crash or an `kill -9` would: no shutdown, no clean-up.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    /// <summary>src/Web's build output for this configuration (Debug or Release, as the tests were built).</summary>
    private static string WebAssembly()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SociaalDomein.sln")))
        {
            directory = directory.Parent;
        }

        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // …/bin/<configuration>/net10.0
        var dll = Path.Combine(directory?.FullName ?? throw new InvalidOperationException("SociaalDomein.sln niet gevonden"),
            "src", "Web", "bin", configuration, "net10.0", "SociaalDomein.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("De app is niet gebouwd", dll);
    }

    [GeneratedRegex(@"Now listening on: (http://[^\s]+)")]
    private static partial Regex Listening();
}
