using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Imports;
using SociaalDomein.Infrastructure.Imports;
using SociaalDomein.Infrastructure.Privacy;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Infrastructure.Tests.Imports;

/// <summary>Kept uploads: encrypted in the database, read back exactly (also across chunks and with seeks), deleted
/// after the retention period.</summary>
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
