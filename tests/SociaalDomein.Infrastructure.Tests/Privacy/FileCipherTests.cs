using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using SociaalDomein.Infrastructure.Privacy;

namespace SociaalDomein.Infrastructure.Tests.Privacy;

public sealed class FileCipherTests
{
    private static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
    private static readonly FileCipher Cipher = new(Key);
    private static readonly byte[] Plain = "bsn;dossiernummer\n999900006;D-1\n"u8.ToArray();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_chunk_decrypts_to_what_was_encrypted_and_its_ciphertext_does_not_show_the_text(bool compressed)
    {
        var sealedChunk = Cipher.Encrypt(7, 0, isLast: true, compressed, Plain);
        var plain = new byte[FileCipher.ChunkSize];

        var length = Cipher.Decrypt(7, 0, isLast: true, compressed, sealedChunk, plain);

        Assert.Equal(Plain, plain[..length]);
        Assert.Equal(Plain.Length + FileCipher.Overhead, sealedChunk.Length);
        Assert.Equal(-1, sealedChunk.AsSpan().IndexOf("999900006"u8));
    }

    [Theory]
    [InlineData(8, 0, true, false)]  // another file's chunk
    [InlineData(7, 1, true, false)]  // moved to another position
    [InlineData(7, 0, false, false)] // a last chunk read as if more followed: a file cut short
    [InlineData(7, 0, true, true)]   // a raw chunk read as if compressed: its flag flipped
    public void A_chunk_read_in_another_place_does_not_decrypt(long file, int index, bool isLast, bool compressed)
    {
        var sealedChunk = Cipher.Encrypt(7, 0, isLast: true, compressed: false, Plain);

        Assert.ThrowsAny<CryptographicException>(() => Cipher.Decrypt(file, index, isLast, compressed, sealedChunk, new byte[FileCipher.ChunkSize]));
    }

    [Fact]
    public void A_compressed_chunk_read_as_if_raw_does_not_decrypt()
    {
        var sealedChunk = Cipher.Encrypt(7, 0, isLast: true, compressed: true, Plain);

        Assert.ThrowsAny<CryptographicException>(() => Cipher.Decrypt(7, 0, true, compressed: false, sealedChunk, new byte[FileCipher.ChunkSize]));
    }

    [Fact]
    public void One_altered_bit_is_detected()
    {
        var sealedChunk = Cipher.Encrypt(7, 0, isLast: true, compressed: false, Plain);
        sealedChunk[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => Cipher.Decrypt(7, 0, true, false, sealedChunk, new byte[FileCipher.ChunkSize]));
    }

    [Fact]
    public void A_chunk_sealed_the_way_files_were_kept_before_compression_still_decrypts()
    {
        // Sealed here by hand, as the first version did (label "… v1|", file id, index, last flag): the chunks already
        // in the database stay readable as uncompressed chunks.
        var label = Encoding.ASCII.GetBytes("SociaalDomein import file v1|");
        var associated = new byte[label.Length + 13];
        label.CopyTo(associated, 0);
        BinaryPrimitives.WriteInt64BigEndian(associated.AsSpan(label.Length), 7);
        BinaryPrimitives.WriteInt32BigEndian(associated.AsSpan(label.Length + 8), 2);
        associated[^1] = 1;
        var sealedChunk = new byte[FileCipher.Overhead + Plain.Length];
        RandomNumberGenerator.Fill(sealedChunk.AsSpan(0, FileCipher.NonceSize));
        using (var aes = new AesGcm(Key, FileCipher.TagSize))
        {
            aes.Encrypt(sealedChunk.AsSpan(0, FileCipher.NonceSize), Plain, sealedChunk.AsSpan(FileCipher.Overhead),
                sealedChunk.AsSpan(FileCipher.NonceSize, FileCipher.TagSize), associated);
        }

        var plain = new byte[FileCipher.ChunkSize];
        var length = Cipher.Decrypt(7, 2, isLast: true, compressed: false, sealedChunk, plain);

        Assert.Equal(Plain, plain[..length]);
        Assert.ThrowsAny<CryptographicException>(() => Cipher.Decrypt(7, 2, true, compressed: true, sealedChunk, new byte[FileCipher.ChunkSize]));
    }
}
