using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using SociaalDomein.Infrastructure.Database;

namespace SociaalDomein.Infrastructure.Imports;

/// <summary>Keeps every uploaded file (Imports:StorageDirectory, default beside the local database folder), so an
/// import can run in the background, be inspected afterwards and be run again.</summary>
public sealed class ImportStorage(IConfiguration configuration)
{
    public const string DirectoryKey = "Imports:StorageDirectory";

    private string Root => configuration[DirectoryKey] is { Length: > 0 } dir ? dir
        : Path.Combine(LocalPostgresServer.AppDataDirectory(), "imports");

    public string PathFor(long importRunId) => Path.Combine(Root, $"{importRunId}.upload");

    /// <summary>Copies the upload to a temporary file and returns it with its SHA-256 (hex) and size.</summary>
    public async Task<(string TempPath, string Sha256, long Size)> ReceiveAsync(Stream upload, CancellationToken ct)
    {
        Directory.CreateDirectory(Root);
        var temp = Path.Combine(Root, $"ontvangst-{Guid.NewGuid():N}.tmp");
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        await using (var target = File.Create(temp))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await upload.ReadAsync(buffer, ct)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), ct);
                size += read;
            }
        }

        return (temp, Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant(), size);
    }

    public void Keep(string tempPath, long importRunId) => File.Move(tempPath, PathFor(importRunId), overwrite: true);

    public Stream Open(long importRunId) =>
        new FileStream(PathFor(importRunId), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
}
