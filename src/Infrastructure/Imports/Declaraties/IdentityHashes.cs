namespace SociaalDomein.Infrastructure.Imports.Declaraties;

/// <summary>
/// The identity hashes (<see cref="ClaimIdentityHash"/>) the claims import knows, each with its marks (stored in "Claims"
/// before the import, met earlier in the file, met more than once) and the Id of the claim it was first met with. An
/// open-addressing table (linear probing, at most 75% full, any size rather than a power of two) of 16-byte entries:
/// the hash, and the Id with the marks in its top byte; about 21 bytes per hash, where a
/// <c>Dictionary&lt;long, long&gt;</c> takes 30–60 and grows with both its old and new arrays alive. Ten million
/// claims take about 215 MB (docs/benchmarks.md).
/// A hash is not an identity: two identities can share one, so a mark only says "maybe"; the loader sends every
/// row whose hash is marked through the staging table, where the identity itself is compared, and checks in the
/// database every credit it linked to an original through <see cref="SingleId"/> (ADR 19).
/// </summary>
internal sealed class IdentityHashes
{
    public const byte Stored = 1;
    public const byte InFile = 2;

    /// <summary>The hash was met more than once: stored twice, in the file twice, or stored and in the file.</summary>
    public const byte Repeated = 4;

    private const int MarkShift = 56;
    private const long IdMask = (1L << MarkShift) - 1;
    private const double MaxLoad = 0.75;

    private Entry[] _entries; // an empty entry has no marks
    private int _count;

    public IdentityHashes(long expected = 0) => _entries = new Entry[CapacityFor(expected)];

    /// <summary>Distinct hashes held.</summary>
    public int Count => _count;

    /// <summary>Makes room for <paramref name="expected"/> hashes in all, so the table does not grow (and hold its old
    /// and new entries at once) while the file is read.</summary>
    public void EnsureCapacity(long expected)
    {
        var capacity = CapacityFor(expected);
        if (capacity > _entries.Length)
        {
            Rehash(capacity);
        }
    }

    /// <summary>Adds <paramref name="mark"/> to the hash's marks; a hash not held yet is added with
    /// <paramref name="id"/> (0: no Id known; an Id too large for the entry is kept as unknown). Returns the marks it
    /// had before (0: not held).</summary>
    public byte Mark(long hash, byte mark, long id = 0)
    {
        if (_count + 1 > _entries.Length * MaxLoad)
        {
            Rehash(CapacityFor((long)(_entries.Length * 1.5 * MaxLoad)));
        }

        var entries = _entries;
        for (var i = Slot(hash, entries.Length); ; i = i + 1 == entries.Length ? 0 : i + 1)
        {
            ref var entry = ref entries[i];
            var before = (byte)((ulong)entry.Value >> MarkShift);
            if (before == 0)
            {
                entry.Hash = hash;
                entry.Value = ((long)mark << MarkShift) | (id is > 0 and <= IdMask ? id : 0);
                _count++;
                return 0;
            }

            if (entry.Hash == hash)
            {
                entry.Value = (entry.Value & IdMask) | ((long)(byte)(before | mark | Repeated) << MarkShift);
                return before;
            }
        }
    }

    /// <summary>The Id of the one claim met with this hash; 0 when the hash is not held, was met more than once (so
    /// which claim it stands for is unknown) or came without an Id.</summary>
    public long SingleId(long hash)
    {
        var entries = _entries;
        for (var i = Slot(hash, entries.Length); ; i = i + 1 == entries.Length ? 0 : i + 1)
        {
            var entry = entries[i];
            var marks = (byte)((ulong)entry.Value >> MarkShift);
            if (marks == 0)
            {
                return 0;
            }

            if (entry.Hash == hash)
            {
                return (marks & Repeated) == 0 ? entry.Value & IdMask : 0;
            }
        }
    }

    private static int CapacityFor(long expected) => (int)Math.Clamp((long)(expected / MaxLoad) + 1, 1024, Array.MaxLength);

    /// <summary>The (already well mixed) hash onto the table's size: the high half of the 128-bit product, so any
    /// size works.</summary>
    private static int Slot(long hash, int length) => (int)Math.BigMul((ulong)hash, (ulong)length, out _);

    private void Rehash(int capacity)
    {
        var old = _entries;
        var entries = new Entry[capacity];
        foreach (var entry in old)
        {
            if (entry.Value >>> MarkShift == 0)
            {
                continue;
            }

            var i = Slot(entry.Hash, capacity);
            while (entries[i].Value >>> MarkShift != 0)
            {
                i = i + 1 == capacity ? 0 : i + 1;
            }

            entries[i] = entry;
        }

        _entries = entries;
    }

    private struct Entry
    {
        public long Hash;
        public long Value;
    }
}
