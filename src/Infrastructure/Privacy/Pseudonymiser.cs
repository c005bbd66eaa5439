using System.Security.Cryptography;
using System.Text;

namespace SociaalDomein.Infrastructure.Privacy;

/// <summary>
/// Keyed hashes (HMAC-SHA256) that replace the BSN and the full address at import (domain.md §10). The key lives in
/// configuration, never in the database, so the database alone cannot be reversed by trying all 10⁹ BSNs.
/// Thread-safe: <see cref="HMACSHA256.HashData(byte[], byte[])"/> is static.
/// </summary>
public sealed class Pseudonymiser(byte[] key)
{
    public const int KeyLength = 32;

    /// <summary>The client key of a BSN (9 digits, already validated).</summary>
    public byte[] ClientKeyForBsn(string bsn) => Hash("bsn:" + bsn);

    /// <summary>The client key of a source system's own pseudonymous client id.</summary>
    public byte[] ClientKeyForClientId(string clientId) => Hash("id:" + clientId.Trim());

    /// <summary>The household key of an address: postcode without spaces, upper case; house number; addition,
    /// lower case without spaces (domain.md §5.4: spaces ignored, case-insensitive).</summary>
    public byte[] AddressKey(string postcode, string houseNumber, string? addition) =>
        Hash($"adres:{NormalisePostcode(postcode)}|{houseNumber.Trim().TrimStart('0')}|{(addition ?? "").Replace(" ", "").ToLowerInvariant()}");

    public static string NormalisePostcode(string postcode) => postcode.Replace(" ", "").ToUpperInvariant();

    private byte[] Hash(string value) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(value));
}
