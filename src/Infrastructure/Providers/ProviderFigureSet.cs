using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SociaalDomein.Infrastructure.Providers;

/// <summary>The stored provider figures (<see cref="Domain.Providers.ProviderYearSet"/> as JSON) for one year and filter, so
/// the Aanbieders page opens from stored aggregates; recomputed by a job after every import of assignments or claims.</summary>
public class ProviderFigureSet
{
    public long Id { get; set; }
    public int Year { get; set; }

    /// <summary>"" for everything, "wet:Wmo" for one law, "product:02A06" for one product code.</summary>
    public string Filter { get; set; } = "";

    public DateTimeOffset ComputedAt { get; set; }

    /// <summary>The input version (<see cref="Analysis.InputChanges"/>, <see cref="Analysis.StoredAnalysis.Providers"/>)
    /// the figures were computed from.</summary>
    public long InputVersion { get; set; }

    public required string FiguresJson { get; set; }
}

internal sealed class ProviderFigureSetConfiguration : IEntityTypeConfiguration<ProviderFigureSet>
{
    public void Configure(EntityTypeBuilder<ProviderFigureSet> builder)
    {
        builder.Property(s => s.Filter).HasMaxLength(40);
        builder.Property(s => s.FiguresJson).HasColumnType("json"); // read and written whole (ADR 12)
        builder.HasIndex(s => new { s.Year, s.Filter }).IsUnique();
    }
}
