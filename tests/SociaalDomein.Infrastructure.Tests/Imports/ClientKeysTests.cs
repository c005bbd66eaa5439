using SociaalDomein.Domain.Assignments;
using SociaalDomein.Infrastructure.Imports;
using SociaalDomein.Infrastructure.Privacy;

namespace SociaalDomein.Infrastructure.Tests.Imports;

/// <summary>The readers' cache of client keys gives exactly the pseudonymiser's key, for BSNs (cached by number) and
/// client ids (by text) alike, also once it has been emptied for being full.</summary>
public sealed class ClientKeysTests
{
    private static readonly Pseudonymiser Pseudonymiser = new(Enumerable.Range(1, 32).Select(i => (byte)(i * 3)).ToArray());

    /// <summary>Generated BSNs that pass the 11-test (none is a real person's).</summary>
    private static IEnumerable<string> ValidBsns(int count, int from) =>
        Enumerable.Range(from, int.MaxValue - from).Select(n => n.ToString("000000000")).Where(b => Bsn.IsValid(b)).Take(count);

    [Fact]
    public void A_bsn_gets_the_pseudonymisers_key_each_time_it_is_met_also_past_the_caches_bound()
    {
        var keys = new ClientKeys(Pseudonymiser);
        var bsns = ValidBsns(KeyCache.MaxEntries + 1000, 10_000_000).ToList();
        foreach (var bsn in bsns)
        {
            keys.ForBsn(bsn);
        }

        // Met again: the first ones after the cache was emptied, the last ones from the cache.
        foreach (var bsn in bsns.Take(50).Concat(bsns.TakeLast(50)))
        {
            Assert.Equal(Pseudonymiser.ClientKeyForBsn(bsn), keys.ForBsn(bsn));
        }
    }

    [Fact]
    public void A_bsn_with_a_leading_zero_and_a_client_id_of_the_same_digits_keep_their_own_keys()
    {
        var keys = new ClientKeys(Pseudonymiser);
        var bsn = ValidBsns(1, 1_000_000).Single(); // 00xxxxxxx: as a number it loses its zeros
        Assert.StartsWith("00", bsn);
        var asBsn = keys.ForBsn(bsn);
        var asId = keys.ForClientId(bsn);

        Assert.Equal(Pseudonymiser.ClientKeyForBsn(bsn), asBsn);
        Assert.Equal(Pseudonymiser.ClientKeyForClientId(bsn), asId);
        Assert.NotEqual(asBsn, asId);
        Assert.Equal(asBsn, keys.ForBsn(bsn));
        Assert.Equal(asId, keys.ForClientId(bsn));
    }
}
