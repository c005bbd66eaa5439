namespace SociaalDomein.Infrastructure.Imports.Declaraties;

/// <summary>
/// The identity hashes (<see cref="ClaimIdentityHash"/>) the claims import knows, each with two marks: stored in "Claims"
/// before the import, and met earlier in the file. An open-addressing table of 8-byte keys and 1-byte marks (linear
/// probing, at most 70% full): about 9–18 bytes per hash, where a <c>HashSet&lt;long&gt;</c> takes 20–40 and grows
/// with both its old and new arrays alive; ten million claims fit in about 150 MB (docs/benchmarks.md).
/// A hash is not an identity: two identities can share one, so a mark only says "maybe"; the loader sends every
/// row whose hash is marked through the staging table, where the identity itself is compared.
/// </summary>
internal sealed class IdentityHashes
{
    public const byte Stored = 1;
    public const byte InFile = 2;

    private long[] _keys;
    private byte[] _marks; // 0: empty slot
    private int _count;
    private int _shift;

    public IdentityHashes(int expected = 0)
    {
        var capacity = 1024;
        while (capacity * 0.7 < expected && capacity < 1 << 30)
        {
            capacity <<= 1;
        }

        _keys = new long[capacity];
        _marks = new byte[capacity];
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)capacity);
    }

    /// <summary>Distinct hashes held.</summary>
    public int Count => _count;

    /// <summary>Adds <paramref name="mark"/> to the hash's marks; returns the marks it had before (0: not held).</summary>
    public byte Mark(long hash, byte mark)
    {
        if (_count + 1 > _keys.Length * 0.7)
        {
            Grow();
        }

        var mask = _keys.Length - 1;
        for (var i = Slot(hash); ; i = (i + 1) & mask)
        {
            var before = _marks[i];
            if (before == 0)
            {
                _keys[i] = hash;
                _marks[i] = mark;
                _count++;
                return 0;
            }

            if (_keys[i] == hash)
            {
                _marks[i] = (byte)(before | mark);
                return before;
            }
        }
    }

    /// <summary>Fibonacci hashing of the (already well mixed) hash onto the table's size.</summary>
    private int Slot(long hash) => (int)(((ulong)hash * 0x9E3779B97F4A7C15UL) >> _shift);

    private void Grow()
    {
        var keys = _keys;
        var marks = _marks;
        _keys = new long[keys.Length * 2];
        _marks = new byte[keys.Length * 2];
        _shift--;
        var mask = _keys.Length - 1;
        for (var j = 0; j < keys.Length; j++)
        {
            if (marks[j] == 0)
            {
                continue;
            }

            var i = Slot(keys[j]);
            while (_marks[i] != 0)
            {
                i = (i + 1) & mask;
            }

            _keys[i] = keys[j];
            _marks[i] = marks[j];
        }
    }
}
