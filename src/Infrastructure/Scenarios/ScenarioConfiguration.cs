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
        builder.HasMany(m => m.Realisations).WithOne().HasForeignKey(r => r.MeasureId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(m => m.Version).IsConcurrencyToken();
    }
}

internal sealed class MeasureRealisationConfiguration : IEntityTypeConfiguration<MeasureRealisation>
{
    public void Configure(EntityTypeBuilder<MeasureRealisation> builder)
    {
        builder.Property(r => r.Explanation).HasMaxLength(1000);
        builder.Property(r => r.RecordedBy).HasMaxLength(256);
        builder.HasIndex(r => new { r.MeasureId, r.Year, r.Quarter }).IsUnique();
        builder.ToTable(t => t.HasCheckConstraint("CK_MeasureRealisations_Quarter", "\"Quarter\" BETWEEN 1 AND 4"));
    }
}

internal sealed class ScenarioPathYearConfiguration : IEntityTypeConfiguration<ScenarioPathYear>
{
    public void Configure(EntityTypeBuilder<ScenarioPathYear> builder)
    {
        builder.HasIndex(p => new { p.ScenarioId, p.Year }).IsUnique();
        builder.HasOne<Scenario>().WithMany().HasForeignKey(p => p.ScenarioId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CustomScenarioConfiguration : IEntityTypeConfiguration<CustomScenario>
{
    public void Configure(EntityTypeBuilder<CustomScenario> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.CreatedBy).HasMaxLength(256);
        builder.HasIndex(c => c.Name).IsUnique();
        builder.HasMany(c => c.Measures).WithOne().HasForeignKey(m => m.CustomScenarioId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CustomScenarioMeasureConfiguration : IEntityTypeConfiguration<CustomScenarioMeasure>
{
    public void Configure(EntityTypeBuilder<CustomScenarioMeasure> builder)
    {
        builder.ToTable("CustomScenarioMeasures");
        builder.Property(m => m.Code).HasMaxLength(10);
        builder.HasIndex(m => new { m.CustomScenarioId, m.Code }).IsUnique();
    }
}

internal sealed class ScenarioFigureSetConfiguration : IEntityTypeConfiguration<ScenarioFigureSet>
{
    public void Configure(EntityTypeBuilder<ScenarioFigureSet> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.FiguresJson).HasColumnType("json"); // read and written whole, never queried inside: no jsonb parsing (ADR 12)
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
