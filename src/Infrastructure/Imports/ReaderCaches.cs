using System.Globalization;
using SociaalDomein.Infrastructure.Privacy;

namespace SociaalDomein.Infrastructure.Imports;

/// <summary>
/// The keyed hashes of the clients met so far in one file (<see cref="Pseudonymiser"/>): a client usually has many
/// rows, and the HMAC is the most expensive step of a row. A BSN is cached by its number (a valid BSN is nine digits),
/// which is several times cheaper to look up than text; a source system's own client id by its text. Kept in memory for
/// the reading of one file only, never logged, bounded as <see cref="KeyCache"/>.
/// </summary>
internal sealed class ClientKeys(Pseudonymiser pseudonymiser)
{
    private readonly Dictionary<long, byte[]> _bsns = [];
    private readonly KeyCache _clientIds = new();

    /// <summary>The client key of <paramref name="bsn"/>, which has passed <c>Bsn.IsValid</c>.</summary>
    public byte[] ForBsn(ReadOnlySpan<char> bsn)
    {
        var number = long.Parse(bsn, NumberStyles.None, CultureInfo.InvariantCulture);
        if (!_bsns.TryGetValue(number, out var key))
        {
            key = pseudonymiser.ClientKeyForBsn(bsn.ToString());
            if (_bsns.Count >= KeyCache.MaxEntries)
            {
                _bsns.Clear();
            }

            _bsns[number] = key;
        }

        return key;
    }

    public byte[] ForClientId(ReadOnlySpan<char> clientId)
    {
        if (!_clientIds.TryGet(clientId, out var key))
        {
            key = pseudonymiser.ClientKeyForClientId(clientId.ToString());
            _clientIds.Add(clientId, key);
        }

        return key;
    }
}

/// <summary>Keyed hashes by the text they were made of, for one file. Bounded (emptied when full) so a file of a million
/// different clients or addresses does not grow it without end.</summary>
internal sealed class KeyCache
{
    public const int MaxEntries = 200_000;
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public KeyCache() => _lookup = _keys.GetAlternateLookup<ReadOnlySpan<char>>();

    public bool TryGet(ReadOnlySpan<char> text, out byte[] key) => _lookup.TryGetValue(text, out key!);

    public void Add(ReadOnlySpan<char> text, byte[] key)
    {
        if (_keys.Count >= MaxEntries)
        {
            _keys.Clear();
        }

        _lookup[text] = key;
    }
}

/// <summary>Shares the strings that repeat across the rows of a file (product codes, providers, postcode areas), so a
/// file of a million rows does not hold a million copies of "02A06". Bounded: past the limit values are simply copied.</summary>
internal sealed class StringPool
{
    private const int MaxEntries = 100_000;
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> text)
    {
        if (_lookup.TryGetValue(text, out var existing))
        {
            return existing;
        }

        var value = text.ToString();
        if (_strings.Count < MaxEntries)
        {
            _strings.Add(value);
        }

        return value;
    }
}
