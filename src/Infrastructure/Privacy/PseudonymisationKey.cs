using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using SociaalDomein.Infrastructure.Database;

namespace SociaalDomein.Infrastructure.Privacy;

/// <summary>Where the pseudonymisation key comes from: <c>Pseudonymisation:Key</c> (base64, 32 bytes). In Development
/// without one, a key is generated once and kept in a file outside the database (beside the local database folder).
/// Outside Development the app refuses to start without a configured key.</summary>
public static class PseudonymisationKey
{
    public const string ConfigKey = "Pseudonymisation:Key";
    public const string FileConfigKey = "Pseudonymisation:KeyFile";

    public static byte[] Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[ConfigKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Decode(configured, ConfigKey);
        }

        if (!environment.IsDevelopment())
        {
            throw new StartupException(
                $"Er is geen sleutel voor het pseudonimiseren van BSN en adres ingesteld ({ConfigKey}). " +
                "Zonder die sleutel worden geen persoonsgegevens ingelezen. Maak er een met 'openssl rand -base64 32' " +
                "en geef die op als omgevingsvariabele Pseudonymisation__Key; bewaar hem veilig en buiten de database: " +
                "met een andere sleutel horen dezelfde cliënten niet meer bij elkaar.");
        }

        var file = configuration[FileConfigKey] is { Length: > 0 } f ? f
            : Path.Combine(LocalPostgresServer.AppDataDirectory(), "pseudonymisation.key");
        if (File.Exists(file))
        {
            return Decode(File.ReadAllText(file).Trim(), file);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var key = RandomNumberGenerator.GetBytes(Pseudonymiser.KeyLength);
        File.WriteAllText(file, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return key;
    }

    private static byte[] Decode(string base64, string source)
    {
        try
        {
            var key = Convert.FromBase64String(base64);
            if (key.Length >= 16)
            {
                return key;
            }
        }
        catch (FormatException)
        {
        }

        throw new StartupException($"De pseudonimiseringssleutel uit {source} is geen base64-sleutel van minstens 16 bytes.");
    }
}
