using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SociaalDomein.Domain.Stacking;

namespace SociaalDomein.Infrastructure.Stacking;

internal sealed class StackingSnapshotConfiguration : IEntityTypeConfiguration<StackingSnapshot>
{
    public void Configure(EntityTypeBuilder<StackingSnapshot> builder)
    {
        builder.Property(s => s.Law).HasMaxLength(20);
        builder.Property(s => s.District).HasMaxLength(100);
        builder.Property(s => s.ResultJson).HasColumnType("jsonb");
        builder.HasIndex(s => new { s.ReferenceDate, s.Law, s.District }).IsUnique();
    }
}
