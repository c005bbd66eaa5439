using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace SociaalDomein.Infrastructure.Privacy;

/// <summary>The key of <see cref="FileCipher"/>: <c>Imports:FileKey</c> (base64, 32 bytes) when configured, else derived
/// from the pseudonymisation key with HKDF-SHA256 under a label of its own, so there is no second secret to manage and
/// the two purposes still never share a key. Like that key it lives outside the database: a database dump holds kept
/// files only as ciphertext.</summary>
public static class ImportFileKey
{
    public const string ConfigKey = "Imports:FileKey";

    public static byte[] Resolve(IConfiguration configuration, byte[] pseudonymisationKey)
    {
        if (configuration[ConfigKey] is { Length: > 0 } configured)
        {
            try
            {
                if (Convert.FromBase64String(configured) is { Length: 32 } key)
                {
                    return key;
                }
            }
            catch (FormatException)
            {
            }

            throw new StartupException($"De sleutel {ConfigKey} is geen base64-sleutel van 32 bytes. Maak er een met 'openssl rand -base64 32'.");
        }

        return HKDF.DeriveKey(HashAlgorithmName.SHA256, pseudonymisationKey, 32, salt: [],
            info: Encoding.ASCII.GetBytes("SociaalDomein import files v1"));
    }
}
