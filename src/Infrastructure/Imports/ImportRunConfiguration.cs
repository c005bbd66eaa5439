using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SociaalDomein.Domain.Imports;

namespace SociaalDomein.Infrastructure.Imports;

internal sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> builder)
    {
        builder.Property(r => r.FileName).HasMaxLength(260);
        builder.Property(r => r.Sha256).HasMaxLength(64);
        builder.Property(r => r.UploadedBy).HasMaxLength(256);
        builder.Property(r => r.Message).HasMaxLength(4000);
        builder.HasIndex(r => r.UploadedAt);
        builder.HasIndex(r => r.Sha256);
        builder.HasMany(r => r.Errors).WithOne().HasForeignKey(e => e.ImportRunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImportRowErrorConfiguration : IEntityTypeConfiguration<ImportRowError>
{
    public void Configure(EntityTypeBuilder<ImportRowError> builder)
    {
        builder.Property(e => e.Column).HasMaxLength(100);
        builder.Property(e => e.Message).HasMaxLength(1000);
        builder.HasIndex(e => new { e.ImportRunId, e.Row });
    }
}

/// <summary>One encrypted chunk of a kept upload (<see cref="ImportFiles"/>); deleted with its run.</summary>
public class ImportFileChunk
{
    public long ImportRunId { get; set; }
    public int Index { get; set; }
    public required byte[] Data { get; set; }

    /// <summary>Whether <see cref="Data"/> encrypts the chunk raw-Deflate-compressed (authenticated by the cipher's
    /// associated data); false for a chunk that did not get smaller and for every chunk stored before compression.</summary>
    public bool Compressed { get; set; }
}

internal sealed class ImportFileChunkConfiguration : IEntityTypeConfiguration<ImportFileChunk>
{
    public void Configure(EntityTypeBuilder<ImportFileChunk> builder)
    {
        builder.HasKey(c => new { c.ImportRunId, c.Index });
        builder.Property(c => c.Compressed).HasDefaultValue(false);
        builder.HasOne<ImportRun>().WithMany().HasForeignKey(c => c.ImportRunId).OnDelete(DeleteBehavior.Cascade);
    }
}
