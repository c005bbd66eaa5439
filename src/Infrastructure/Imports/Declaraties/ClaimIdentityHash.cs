using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace SociaalDomein.Infrastructure.Imports.Declaraties;

/// <summary>
/// The 64-bit hash of a claim's identity (ADR 16): the stored column "IdentityHash" that PostgreSQL computes as
/// <c>hashtextextended("IdentityKey", 0)</c>, and the same value computed here, so the claims import can keep the hashes
/// of the stored claims in memory and tell a new identity from a known one without asking the database per row.
/// <para>
/// <c>hashtextextended</c> of a text with a deterministic collation (the column's is "C") is PostgreSQL's
/// <c>hash_bytes_extended</c> over the UTF-8 bytes: Bob Jenkins' lookup3 hash (public domain) with a 64-bit result,
/// on a little-endian machine. PostgreSQL keeps it stable across versions (hash partitions are routed by it).
/// A test compares this implementation with the server's on many strings; were they ever to differ, an import would
/// fail on the unique index (a stored identity taken for a new one), never store a claim twice.
/// </para>
/// </summary>
internal static class ClaimIdentityHash
{
    /// <summary>The column of "Claims" that holds the hash.</summary>
    public const string Column = "IdentityHash";

    /// <summary>The column's definition: PostgreSQL computes it on every insert and update.</summary>
    public const string Sql = """hashtextextended("IdentityKey", 0)""";

    /// <summary>The hash as the loader uses it: computed here, and in SQL over a column (the staging table's, a credit's
    /// reference). A test swaps it for one under which every identity collides.</summary>
    public static readonly IdentityHashing Hashing = new(Of, column => $"hashtextextended({column}, 0)");

    /// <summary>The hash of <paramref name="identityKey"/>, as PostgreSQL's <c>hashtextextended(identityKey, 0)</c>.</summary>
    public static long Of(string identityKey)
    {
        var max = Encoding.UTF8.GetMaxByteCount(identityKey.Length);
        byte[]? rented = null;
        var buffer = max <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var length = Encoding.UTF8.GetBytes(identityKey, buffer);
            return (long)Lookup3(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>lookup3's <c>hashlittle2</c>-style 64-bit variant as PostgreSQL runs it (seed 0): 12-byte blocks of three
    /// little-endian words mixed, the last 0–11 bytes added with the lowest byte of the third word left out, then the
    /// final mix; the result is the second word above the third.</summary>
    private static ulong Lookup3(ReadOnlySpan<byte> k)
    {
        uint a, b, c;
        a = b = c = 0x9e3779b9u + (uint)k.Length + 3923095u;

        while (k.Length >= 12)
        {
            a += BinaryPrimitives.ReadUInt32LittleEndian(k);
            b += BinaryPrimitives.ReadUInt32LittleEndian(k[4..]);
            c += BinaryPrimitives.ReadUInt32LittleEndian(k[8..]);
            Mix(ref a, ref b, ref c);
            k = k[12..];
        }

        // The last 0–11 bytes: bytes 0–3 into a, 4–7 into b, 8–10 into c from its second byte up.
        for (var i = k.Length - 1; i >= 0; i--)
        {
            var value = (uint)k[i];
            switch (i)
            {
                case < 4:
                    a += value << (8 * i);
                    break;
                case < 8:
                    b += value << (8 * (i - 4));
                    break;
                default:
                    c += value << (8 * (i - 7));
                    break;
            }
        }

        Final(ref a, ref b, ref c);
        return ((ulong)b << 32) | c;
    }

    private static void Mix(ref uint a, ref uint b, ref uint c)
    {
        a -= c; a ^= BitOperations.RotateLeft(c, 4); c += b;
        b -= a; b ^= BitOperations.RotateLeft(a, 6); a += c;
        c -= b; c ^= BitOperations.RotateLeft(b, 8); b += a;
        a -= c; a ^= BitOperations.RotateLeft(c, 16); c += b;
        b -= a; b ^= BitOperations.RotateLeft(a, 19); a += c;
        c -= b; c ^= BitOperations.RotateLeft(b, 4); b += a;
    }

    private static void Final(ref uint a, ref uint b, ref uint c)
    {
        c ^= b; c -= BitOperations.RotateLeft(b, 14);
        a ^= c; a -= BitOperations.RotateLeft(c, 11);
        b ^= a; b -= BitOperations.RotateLeft(a, 25);
        c ^= b; c -= BitOperations.RotateLeft(b, 16);
        a ^= c; a -= BitOperations.RotateLeft(c, 4);
        b ^= a; b -= BitOperations.RotateLeft(a, 14);
        c ^= b; c -= BitOperations.RotateLeft(b, 24);
    }
}

/// <summary>A hash of claim identities: <paramref name="Of"/> in the app, <paramref name="Sql"/> the same over a SQL
/// expression. Both must agree with the "IdentityHash" column of "Claims".</summary>
internal sealed record IdentityHashing(Func<string, long> Of, Func<string, string> Sql);
