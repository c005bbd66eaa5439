using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Imports;
using SociaalDomein.Infrastructure.Imports;
using SociaalDomein.Infrastructure.Imports.Tables;
using SociaalDomein.Infrastructure.Privacy;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Infrastructure.Tests.Imports;

/// <summary>Kept uploads: compressed where that helps and encrypted in the database, read back exactly (also across
/// chunks and with seeks, and as stored before compression), deleted after the retention period.</summary>
public sealed class ImportFilesTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private async Task<long> StoreAsync(byte[] content, DateTimeOffset uploadedAt)
    {
        var run = new ImportRun { FileName = "f.csv", Sha256 = "", UploadedBy = "test", UploadedAt = uploadedAt, Status = ImportStatus.Succeeded };
        await fixture.InsertAsync(run);
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await TestImportFiles.Create(fixture.ConnectionString).StoreAsync(connection, run.Id, new MemoryStream(content), CancellationToken.None);
        await transaction.CommitAsync();
        return run.Id;
    }

    /// <summary>A realisatie-like CSV of <paramref name="size"/> bytes: compresses well, yet no two chunks alike.</summary>
    private static byte[] CsvContent(int size, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("clientsleutel;beschikking;product;periode;bedrag\n");
        while (text.Length < size)
        {
            text.Append(random.Next(100_000_000, 999_999_999)).Append(";B-").Append(random.Next(1, 90_000)).Append(";45A0")
                .Append(random.Next(1, 9)).Append(";2026-").Append(random.Next(1, 13).ToString("00")).Append(';')
                .Append(random.Next(0, 500_000) / 100m).Append('\n');
        }

        return Encoding.ASCII.GetBytes(text.ToString(0, size));
    }

    private Task<List<ImportFileChunk>> ChunksAsync(long id) =>
        fixture.QueryAsync(db => db.ImportFileChunks.Where(c => c.ImportRunId == id).OrderBy(c => c.Index).ToListAsync());

    private static byte[] ReadAt(Stream stream, long position, int count)
    {
        stream.Position = position;
        var read = new byte[count];
        stream.ReadExactly(read);
        return read;
    }

    [Fact]
    public async Task A_compressible_file_is_kept_compressed_and_reads_back_byte_for_byte_and_seeks()
    {
        await fixture.ResetAsync();
        var content = CsvContent(FileCipher.ChunkSize * 3 + 4321, 11);
        var id = await StoreAsync(content, DateTimeOffset.UtcNow);

        var chunks = await ChunksAsync(id);
        Assert.Equal(4, chunks.Count);
        Assert.All(chunks, c => Assert.True(c.Compressed));
        Assert.True(chunks.Sum(c => (long)c.Data.Length) < content.Length * 3L / 4, "the chunks are stored compressed");
        Assert.All(chunks, c => Assert.Equal(-1, c.Data.AsSpan().IndexOf("clientsleutel"u8)));

        await using var stream = TestImportFiles.Create(fixture.ConnectionString).Open(id, content.Length);
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());

        Assert.Equal(content[..100], ReadAt(stream, 0, 100));
        // Into a middle chunk, across into the next one, and back into the first.
        var middle = FileCipher.ChunkSize + 777;
        Assert.Equal(content[middle..(middle + 1000)], ReadAt(stream, middle, 1000));
        var across = FileCipher.ChunkSize * 2 - 300;
        Assert.Equal(content[across..(across + 600)], ReadAt(stream, across, 600));
        Assert.Equal(content[5000..5100], ReadAt(stream, 5000, 100));
        Assert.Equal(content[^10..], ReadAt(stream, content.Length - 10, 10));
    }

    [Fact]
    public async Task A_file_of_more_chunks_than_are_sealed_at_once_is_kept_in_order_with_its_hash_and_lines()
    {
        await fixture.ResetAsync();
        var content = CsvContent(FileCipher.ChunkSize * 6 + 3, 5);
        var run = new ImportRun { FileName = "f.csv", Sha256 = "", UploadedBy = "test", UploadedAt = DateTimeOffset.UtcNow, Status = ImportStatus.Succeeded };
        await fixture.InsertAsync(run);
        ImportFiles.StoredFile stored;
        await using (var connection = new NpgsqlConnection(fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            // Read in small pieces, as a request body arrives.
            stored = await TestImportFiles.Create(fixture.ConnectionString).StoreAsync(connection, run.Id,
                new TrickleStream(content, 8192), CancellationToken.None);
            await transaction.CommitAsync();
        }

        Assert.Equal(Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant(), stored.Sha256);
        Assert.Equal(content.Length, stored.Size);
        Assert.Equal(TextScan.Of(new MemoryStream(content)), stored.Text); // as the job scans a file stored without them
        Assert.True(stored.Text.Lines > 150_000);
        Assert.Equal(Enumerable.Range(0, 7), (await ChunksAsync(run.Id)).Select(c => c.Index));
        await using var stream = TestImportFiles.Create(fixture.ConnectionString).Open(run.Id, content.Length);
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());
    }

    [Fact]
    public async Task An_upload_that_breaks_off_halfway_fails_and_leaves_no_chunk()
    {
        await fixture.ResetAsync();
        var run = new ImportRun { FileName = "f.csv", Sha256 = "", UploadedBy = "test", UploadedAt = DateTimeOffset.UtcNow, Status = ImportStatus.Failed };
        await fixture.InsertAsync(run);
        await using (var connection = new NpgsqlConnection(fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            var broken = new TrickleStream(CsvContent(FileCipher.ChunkSize * 4, 3), 65536, breakAfter: FileCipher.ChunkSize * 3 + 100);
            await Assert.ThrowsAsync<IOException>(() =>
                TestImportFiles.Create(fixture.ConnectionString).StoreAsync(connection, run.Id, broken, CancellationToken.None));
        }

        Assert.Empty(await ChunksAsync(run.Id));
    }

    /// <summary>Gives <paramref name="content"/> at most <paramref name="piece"/> bytes per read; throws an
    /// <see cref="IOException"/> once <paramref name="breakAfter"/> bytes are given, as a dropped connection does.</summary>
    private sealed class TrickleStream(byte[] content, int piece, int breakAfter = int.MaxValue) : Stream
    {
        private int _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= breakAfter)
            {
                throw new IOException("De verbinding is verbroken.");
            }

            var n = Math.Min(Math.Min(count, piece), content.Length - _position);
            content.AsSpan(_position, n).CopyTo(buffer.AsSpan(offset));
            _position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task An_incompressible_file_is_kept_uncompressed_and_reads_back_byte_for_byte()
    {
        await fixture.ResetAsync();
        var content = new byte[FileCipher.ChunkSize * 2 + 99];
        new Random(5).NextBytes(content);
        var id = await StoreAsync(content, DateTimeOffset.UtcNow);

        var chunks = await ChunksAsync(id);
        Assert.Equal(3, chunks.Count);
        Assert.All(chunks, c => Assert.False(c.Compressed));
        Assert.Equal(content.Length + 3 * FileCipher.Overhead, chunks.Sum(c => c.Data.Length));

        await using var stream = TestImportFiles.Create(fixture.ConnectionString).Open(id, content.Length);
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());
        Assert.Equal(content[(FileCipher.ChunkSize + 3)..(FileCipher.ChunkSize + 503)], ReadAt(stream, FileCipher.ChunkSize + 3, 500));
        Assert.Equal(content[..10], ReadAt(stream, 0, 10));
    }

    [Theory]
    [InlineData(true)]  // a compressed chunk marked raw
    [InlineData(false)] // a raw chunk marked compressed
    public async Task A_chunk_whose_compressed_flag_is_flipped_in_the_database_does_not_read(bool compressible)
    {
        await fixture.ResetAsync();
        byte[] content;
        if (compressible)
        {
            content = CsvContent(FileCipher.ChunkSize * 2 + 50, 12);
        }
        else
        {
            content = new byte[FileCipher.ChunkSize * 2 + 50];
            new Random(12).NextBytes(content);
        }

        var id = await StoreAsync(content, DateTimeOffset.UtcNow);
        Assert.Equal(compressible, Assert.Single(await ChunksAsync(id), c => c.Index == 1).Compressed);
        await fixture.QueryAsync(db => db.ImportFileChunks.Where(c => c.ImportRunId == id && c.Index == 1)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.Compressed, x => !x.Compressed)));

        await using var stream = TestImportFiles.Create(fixture.ConnectionString).Open(id, content.Length);
        Assert.Equal(content[..100], ReadAt(stream, 0, 100));
        Assert.ThrowsAny<CryptographicException>(() => ReadAt(stream, FileCipher.ChunkSize + 10, 100));
    }

    /// <summary>A run whose chunks are written with the cipher directly, as <paramref name="chunks"/> says.</summary>
    private async Task<long> StoreByHandAsync(params (byte[] Plain, bool Compressed)[] chunks)
    {
        var run = new ImportRun { FileName = "f.csv", Sha256 = "", UploadedBy = "test", UploadedAt = DateTimeOffset.UtcNow, Status = ImportStatus.Succeeded };
        await fixture.InsertAsync(run);
        var cipher = new FileCipher(TestImportFiles.Key);
        await fixture.InsertAsync(chunks.Select((c, index) => new ImportFileChunk
        {
            ImportRunId = run.Id,
            Index = index,
            Data = cipher.Encrypt(run.Id, index, index == chunks.Length - 1, c.Compressed, c.Plain),
            Compressed = c.Compressed,
        }).ToArray());
        return run.Id;
    }

    [Fact]
    public async Task A_file_kept_before_compression_still_reads()
    {
        await fixture.ResetAsync();
        var content = CsvContent(FileCipher.ChunkSize + 2000, 13);
        // As stored before: raw chunks, the v1 label, and the new column left to its default.
        var id = await StoreByHandAsync((content[..FileCipher.ChunkSize], false), (content[FileCipher.ChunkSize..], false));
        Assert.All(await ChunksAsync(id), c => Assert.False(c.Compressed));

        await using var stream = TestImportFiles.Create(fixture.ConnectionString).Open(id, content.Length);
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);

        Assert.Equal(content, copy.ToArray());
        Assert.Equal(content[(FileCipher.ChunkSize - 5)..(FileCipher.ChunkSize + 5)], ReadAt(stream, FileCipher.ChunkSize - 5, 10));
    }

    [Fact]
    public async Task An_authentic_compressed_chunk_that_does_not_inflate_to_a_whole_chunk_does_not_read()
    {
        await fixture.ResetAsync();
        var content = CsvContent(FileCipher.ChunkSize + 2000, 14);
        var shortChunk = new MemoryStream();
        using (var deflate = new System.IO.Compression.DeflateStream(shortChunk, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(content, 0, FileCipher.ChunkSize - 1); // one byte short of a chunk, and not the last
        }

        var id = await StoreByHandAsync((shortChunk.ToArray(), true), (content[FileCipher.ChunkSize..], false));

        await using var stream = TestImportFiles.Create(fixture.ConnectionString).Open(id, content.Length);
        Assert.ThrowsAny<CryptographicException>(() => ReadAt(stream, 0, 10));
        Assert.Equal(content[^10..], ReadAt(stream, content.Length - 10, 10));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData(FileCipher.ChunkSize)]
    [InlineData(FileCipher.ChunkSize * 2 + 17)]
    public async Task A_kept_file_reads_back_byte_for_byte_and_seeks(int size)
    {
        await fixture.ResetAsync();
        var content = new byte[size];
        new Random(size).NextBytes(content);
        var id = await StoreAsync(content, DateTimeOffset.UtcNow);

        await using var stream = TestImportFiles.Create(fixture.ConnectionString).Open(id, size);
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);

        Assert.Equal(content, copy.ToArray());
        Assert.Equal(Math.Max(1, (size + FileCipher.ChunkSize - 1) / FileCipher.ChunkSize),
            await fixture.QueryAsync(db => db.ImportFileChunks.CountAsync(c => c.ImportRunId == id)));
        if (size > 10)
        {
            stream.Position = size - 10;
            var tail = new byte[10];
            stream.ReadExactly(tail);
            Assert.Equal(content[^10..], tail);
        }
    }

    [Fact]
    public async Task After_the_retention_period_the_file_is_deleted_and_the_run_keeps_its_report()
    {
        await fixture.ResetAsync();
        var old = await StoreAsync("oud"u8.ToArray(), DateTimeOffset.UtcNow.AddDays(-31));
        var recent = await StoreAsync("nieuw"u8.ToArray(), DateTimeOffset.UtcNow.AddDays(-29));
        var legacy = Directory.CreateTempSubdirectory("sd-legacy-").FullName;
        await File.WriteAllTextAsync(Path.Combine(legacy, "3.upload"), "leesbaar bestand van een eerdere versie");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [ImportFileRetentionJob.LegacyDirectoryKey] = legacy }).Build();
        var job = new ImportFileRetentionJob(fixture.ContextFactory, Options.Create(new ImportSettings { RetentionDays = 30 }), configuration,
            TimeProvider.System, NullLogger<ImportFileRetentionJob>.Instance);

        await job.RunAsync(CancellationToken.None);

        var runs = await fixture.QueryAsync(db => db.ImportRuns.OrderBy(r => r.Id).Select(r => new { r.Id, r.FileDeletedAt, r.Sha256 }).ToListAsync());
        var chunks = await fixture.QueryAsync(db => db.ImportFileChunks.Select(c => c.ImportRunId).Distinct().ToListAsync());
        var audit = Assert.Single(await fixture.QueryAsync(db => db.AuditEntries.ToListAsync()));
        Assert.NotNull(runs.Single(r => r.Id == old).FileDeletedAt);
        Assert.Null(runs.Single(r => r.Id == recent).FileDeletedAt);
        Assert.Equal([recent], chunks);
        Assert.Equal(AuditAction.ImportFilesDeleted, audit.Action);
        Assert.Empty(Directory.EnumerateFiles(legacy));
    }

    [Fact]
    public async Task A_second_pass_over_a_kept_file_decrypts_the_chunks_fetched_the_first_time()
    {
        await fixture.ResetAsync();
        var content = new byte[FileCipher.ChunkSize * 2 + 17];
        new Random(3).NextBytes(content);
        var id = await StoreAsync(content, DateTimeOffset.UtcNow);
        await using var stream = TestImportFiles.Create(fixture.ConnectionString).Open(id, content.Length);
        await stream.CopyToAsync(Stream.Null);

        // The import reads a CSV twice (line count, then rows): the second pass needs no database.
        await fixture.QueryAsync(db => db.ImportFileChunks.Where(c => c.ImportRunId == id).ExecuteDeleteAsync());
        stream.Position = 0;
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);

        Assert.Equal(content, copy.ToArray());
        await using var gone = TestImportFiles.Create(fixture.ConnectionString).Open(id, content.Length);
        Assert.Throws<FileNotFoundException>(() => gone.ReadByte());
    }
}
