using System.Security.Cryptography;
using System.Text;

namespace SociaalDomein.Infrastructure.Privacy;

/// <summary>
/// Keyed hashes (HMAC-SHA256) that replace the BSN and the full address at import (docs/domain.md §10). The key lives in
/// configuration, never in the database, so the database alone cannot be reversed by trying all 10⁹ BSNs.
/// Thread-safe: every thread gets its own reusable <see cref="IncrementalHash"/> (creating an HMAC per call, as the
/// static <see cref="HMACSHA256.HashData(byte[], byte[])"/> does, costs more than hashing the few bytes of a BSN).
/// The results are the HMAC-SHA256 of the UTF-8 text, exactly as before.
/// </summary>
public sealed class Pseudonymiser
{
    public const int KeyLength = 32;

    private const int StackLimit = 256;

    private readonly ThreadLocal<IncrementalHash> _hmac;

    public Pseudonymiser(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var copy = (byte[])key.Clone();
        _hmac = new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, copy));
    }

    /// <summary>The client key of a BSN (9 digits, already validated).</summary>
    public byte[] ClientKeyForBsn(string bsn) => Hash("bsn:", bsn);

    /// <summary>The client key of a source system's own pseudonymous client id.</summary>
    public byte[] ClientKeyForClientId(string clientId) => Hash("id:", clientId.Trim());

    /// <summary>The household key of an address: postcode without spaces, upper case; house number; addition,
    /// lower case without spaces (docs/domain.md §5.4: spaces ignored, case-insensitive).</summary>
    public byte[] AddressKey(string postcode, string houseNumber, string? addition) =>
        Hash("adres:", $"{NormalisePostcode(postcode)}|{houseNumber.Trim().TrimStart('0')}|{(addition ?? "").Replace(" ", "").ToLowerInvariant()}");

    public static string NormalisePostcode(string postcode) => postcode.Replace(" ", "").ToUpperInvariant();

    /// <summary>HMAC of UTF-8(<paramref name="prefix"/> + <paramref name="value"/>), without building that string.</summary>
    private byte[] Hash(string prefix, string value)
    {
        var length = Encoding.UTF8.GetMaxByteCount(prefix.Length + value.Length);
        Span<byte> buffer = length <= StackLimit ? stackalloc byte[StackLimit] : new byte[length];
        var written = Encoding.UTF8.GetBytes(prefix, buffer);
        written += Encoding.UTF8.GetBytes(value, buffer[written..]);
        var hmac = _hmac.Value!;
        hmac.AppendData(buffer[..written]);
        return hmac.GetHashAndReset();
    }
}
