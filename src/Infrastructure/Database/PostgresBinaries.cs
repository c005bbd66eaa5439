namespace SociaalDomein.Infrastructure.Database;

/// <summary>Finds the PostgreSQL server programs (initdb, pg_ctl) on this machine.</summary>
public static class PostgresBinaries
{
    public const string OverrideVariable = "PG_BIN";

    /// <summary>The folder holding initdb and pg_ctl: PG_BIN when set, else PATH, else the usual install folders
    /// (newest version first). Throws a <see cref="StartupException"/> when there is none.</summary>
    public static string Locate(string? pgBin = null)
    {
        pgBin ??= Environment.GetEnvironmentVariable(OverrideVariable);
        if (!string.IsNullOrWhiteSpace(pgBin))
        {
            return HasServerPrograms(pgBin)
                ? pgBin
                : throw new StartupException(
                    $"{OverrideVariable} wijst naar '{pgBin}', maar daar staan geen initdb en pg_ctl. " +
                    $"Zet {OverrideVariable} op de map met de PostgreSQL-serverprogramma's (bijvoorbeeld /usr/lib/postgresql/15/bin).");
        }

        var found = Candidates().FirstOrDefault(HasServerPrograms);
        return found ?? throw new StartupException(
            "Er is geen PostgreSQL-server op deze machine gevonden (initdb en pg_ctl staan niet op PATH of in de gebruikelijke mappen). " +
            "Installeer PostgreSQL (bijvoorbeeld 'apt-get install postgresql'), " +
            $"wijs met {OverrideVariable} de map met initdb en pg_ctl aan, " +
            "of geef een bestaande database op met ConnectionStrings:SociaalDomein.");
    }

    private static IEnumerable<string> Candidates()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return dir;
        }

        foreach (var root in new[] { "/usr/lib/postgresql", "/usr/pgsql", "/opt/homebrew/opt" })
        {
            if (!Directory.Exists(root))
            {
                continue;
            }

            foreach (var versionDir in Directory.GetDirectories(root).OrderByDescending(VersionOf))
            {
                yield return Path.Combine(versionDir, "bin");
            }
        }

        yield return "/usr/local/pgsql/bin";
        yield return "/opt/homebrew/bin";
    }

    private static double VersionOf(string dir) =>
        double.TryParse(new string(Path.GetFileName(dir).Where(c => char.IsDigit(c) || c == '.').ToArray()),
            System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0;

    private static bool HasServerPrograms(string dir) =>
        File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));
}
