using SociaalDomein.Infrastructure.Imports.Declaraties;

namespace SociaalDomein.Infrastructure.Tests.Imports;

/// <summary>The claims loader's table of identity hashes: marks, the one Id a hash stands for, growth.</summary>
public sealed class IdentityHashesTests
{
    [Fact]
    public void Keeps_marks_and_the_id_of_a_hash_met_once_through_growth()
    {
        var hashes = new IdentityHashes();
        var random = new Random(19);
        var keys = Enumerable.Range(0, 50_000).Select(_ => random.NextInt64(long.MinValue, long.MaxValue)).Distinct().ToArray();
        for (var i = 0; i < keys.Length; i++)
        {
            Assert.Equal(0, hashes.Mark(keys[i], i % 2 == 0 ? IdentityHashes.Stored : IdentityHashes.InFile, i + 1));
        }

        // Met again: the marks it had come back, and from then on it stands for no single claim.
        Assert.Equal(IdentityHashes.Stored, hashes.Mark(keys[0], IdentityHashes.InFile, 999));
        Assert.Equal(IdentityHashes.Stored | IdentityHashes.InFile | IdentityHashes.Repeated, hashes.Mark(keys[0], IdentityHashes.InFile));

        Assert.Equal(keys.Length, hashes.Count);
        Assert.Equal(0, hashes.SingleId(keys[0]));
        Assert.All(Enumerable.Range(1, keys.Length - 1), i => Assert.Equal(i + 1, hashes.SingleId(keys[i])));
        Assert.Equal(0, hashes.SingleId(keys.Max() is var max && max < long.MaxValue ? long.MaxValue : long.MinValue));
    }

    [Fact]
    public void An_id_without_room_in_the_entry_is_kept_as_unknown()
    {
        var hashes = new IdentityHashes();
        hashes.Mark(7, IdentityHashes.Stored, 1L << 60);
        hashes.Mark(8, IdentityHashes.Stored, (1L << 56) - 1);

        Assert.Equal(0, hashes.SingleId(7));
        Assert.Equal((1L << 56) - 1, hashes.SingleId(8));
        Assert.Equal(IdentityHashes.Stored, hashes.Mark(7, IdentityHashes.InFile));
    }
}
