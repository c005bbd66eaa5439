using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SociaalDomein.Infrastructure.Privacy;

/// <summary>
/// Authenticated encryption (AES-256-GCM, from the .NET base library) of kept upload files, in chunks of
/// <see cref="ChunkSize"/> bytes so a file of any size is encrypted and read back as a stream, and a reader can seek
/// (the Excel reader and the CSV scan do). Each chunk is stored as nonce (12 bytes, random) ‖ tag (16) ‖ ciphertext.
/// The associated data binds a chunk to its file, its position, whether it is the last and whether its plain text is
/// Deflate-compressed (a label of its own, so a flipped "Compressed" flag in the database fails to decrypt rather than
/// yielding garbage): a chunk moved to another file or position, a file cut short, or one altered bit fails to
/// decrypt. What is encrypted is whatever the caller passes; <see cref="Imports.ImportFiles"/> compresses a chunk in
/// memory first when that makes it smaller. The key lives outside the database (<see cref="ImportFileKey"/>), like the
/// pseudonymisation key. See docs/domain.md §10.
/// </summary>
public sealed class FileCipher
{
    public const int ChunkSize = 1 << 20;
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int Overhead = NonceSize + TagSize;

    private readonly byte[] _key;

    public FileCipher(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != 32)
        {
            throw new ArgumentException("An AES-256 key has 32 bytes.", nameof(key));
        }

        _key = (byte[])key.Clone();
    }

    /// <summary>Encrypts one chunk of file <paramref name="fileId"/> into <paramref name="sealedChunk"/> (at least
    /// <see cref="Overhead"/> bytes longer than the plain text); returns the sealed length. Buffers are the caller's, so
    /// a file of any size allocates nothing per chunk. <paramref name="compressed"/> says that <paramref name="plain"/>
    /// is the chunk Deflate-compressed; it is authenticated, so it must be passed alike to <see cref="Decrypt"/>.</summary>
    public int Encrypt(long fileId, int index, bool isLast, bool compressed, ReadOnlySpan<byte> plain, Span<byte> sealedChunk)
    {
        var nonce = sealedChunk[..NonceSize];
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedChunk.Slice(Overhead, plain.Length), sealedChunk.Slice(NonceSize, TagSize),
            AssociatedData(fileId, index, isLast, compressed));
        return Overhead + plain.Length;
    }

    /// <summary>Encrypts one chunk into a new array.</summary>
    public byte[] Encrypt(long fileId, int index, bool isLast, bool compressed, ReadOnlySpan<byte> plain)
    {
        var sealedChunk = new byte[Overhead + plain.Length];
        Encrypt(fileId, index, isLast, compressed, plain, sealedChunk);
        return sealedChunk;
    }

    /// <summary>Decrypts one chunk into <paramref name="plain"/> and returns its length; throws
    /// <see cref="AuthenticationTagMismatchException"/> when the chunk is not what was encrypted at that place (or with
    /// another <paramref name="compressed"/>). A compressed chunk decrypts to its compressed bytes: inflating is the
    /// caller's.</summary>
    public int Decrypt(long fileId, int index, bool isLast, bool compressed, ReadOnlySpan<byte> sealedChunk, Span<byte> plain)
    {
        if (sealedChunk.Length < Overhead)
        {
            throw new AuthenticationTagMismatchException();
        }

        var length = sealedChunk.Length - Overhead;
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedChunk[..NonceSize], sealedChunk[Overhead..], sealedChunk.Slice(NonceSize, TagSize), plain[..length],
            AssociatedData(fileId, index, isLast, compressed));
        return length;
    }

    private static byte[] AssociatedData(long fileId, int index, bool isLast, bool compressed)
    {
        var label = compressed ? DeflateLabel : Label;
        var data = new byte[label.Length + 13];
        label.CopyTo(data, 0);
        BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(label.Length), fileId);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(label.Length + 8), index);
        data[^1] = isLast ? (byte)1 : (byte)0;
        return data;
    }

    /// <summary>A chunk stored as it was uploaded (every chunk before compression came, and an incompressible one).</summary>
    private static readonly byte[] Label = Encoding.ASCII.GetBytes("SociaalDomein import file v1|");

    /// <summary>A chunk stored raw-Deflate-compressed.</summary>
    private static readonly byte[] DeflateLabel = Encoding.ASCII.GetBytes("SociaalDomein import file v2 deflate|");
}
