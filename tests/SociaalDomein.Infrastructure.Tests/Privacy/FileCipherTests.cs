using System.Security.Cryptography;
using SociaalDomein.Infrastructure.Privacy;

namespace SociaalDomein.Infrastructure.Tests.Privacy;

public sealed class FileCipherTests
{
    private static readonly FileCipher Cipher = new(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
    private static readonly byte[] Plain = "bsn;dossiernummer\n999900006;D-1\n"u8.ToArray();

    [Fact]
    public void A_chunk_decrypts_to_what_was_encrypted_and_its_ciphertext_does_not_show_the_text()
    {
        var sealedChunk = Cipher.Encrypt(7, 0, isLast: true, Plain);
        var plain = new byte[FileCipher.ChunkSize];

        var length = Cipher.Decrypt(7, 0, isLast: true, sealedChunk, plain);

        Assert.Equal(Plain, plain[..length]);
        Assert.Equal(Plain.Length + FileCipher.Overhead, sealedChunk.Length);
        Assert.Equal(-1, sealedChunk.AsSpan().IndexOf("999900006"u8));
    }

    [Theory]
    [InlineData(8, 0, true)]  // another file's chunk
    [InlineData(7, 1, true)]  // moved to another position
    [InlineData(7, 0, false)] // a last chunk read as if more followed: a file cut short
    public void A_chunk_read_in_another_place_does_not_decrypt(long file, int index, bool isLast)
    {
        var sealedChunk = Cipher.Encrypt(7, 0, isLast: true, Plain);

        Assert.ThrowsAny<CryptographicException>(() => Cipher.Decrypt(file, index, isLast, sealedChunk, new byte[FileCipher.ChunkSize]));
    }

    [Fact]
    public void One_altered_bit_is_detected()
    {
        var sealedChunk = Cipher.Encrypt(7, 0, isLast: true, Plain);
        sealedChunk[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => Cipher.Decrypt(7, 0, true, sealedChunk, new byte[FileCipher.ChunkSize]));
    }
}
