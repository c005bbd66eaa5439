using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SociaalDomein.Domain.Scenarios;

namespace SociaalDomein.Infrastructure.Scenarios;

internal sealed class ScenarioConfiguration : IEntityTypeConfiguration<Scenario>
{
    public void Configure(EntityTypeBuilder<Scenario> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.Description).HasMaxLength(2000);
        builder.HasIndex(s => s.Rank).IsUnique();
        builder.HasIndex(s => s.Name).IsUnique();
    }
}

internal sealed class MeasureConfiguration : IEntityTypeConfiguration<Measure>
{
    public void Configure(EntityTypeBuilder<Measure> builder)
    {
        builder.Property(m => m.Code).HasMaxLength(10);
        builder.Property(m => m.Title).HasMaxLength(300);
        builder.Property(m => m.Owner).HasMaxLength(200);
        builder.Property(m => m.YieldNote).HasMaxLength(1000);
        builder.Property(m => m.YieldIncludedIn).HasMaxLength(10);
        builder.HasIndex(m => m.Code).IsUnique();
        builder.HasOne(m => m.FirstScenario).WithMany().HasForeignKey(m => m.FirstScenarioId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(m => m.Years).WithOne().HasForeignKey(y => y.MeasureId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MeasureYearConfiguration : IEntityTypeConfiguration<MeasureYear>
{
    public void Configure(EntityTypeBuilder<MeasureYear> builder) =>
        builder.HasIndex(y => new { y.MeasureId, y.Year }).IsUnique();
}

internal sealed class PrudenceMarginConfiguration : IEntityTypeConfiguration<PrudenceMargin>
{
    public void Configure(EntityTypeBuilder<PrudenceMargin> builder) =>
        builder.HasIndex(p => p.Year).IsUnique();
}
