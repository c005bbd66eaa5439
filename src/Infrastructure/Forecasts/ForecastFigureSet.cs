using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SociaalDomein.Domain.Budgets;

namespace SociaalDomein.Infrastructure.Forecasts;

/// <summary>The stored forecast (<see cref="ForecastReport"/> as JSON) of one year as of one month end, so the forecast page,
/// the API and the quarterly report read it instead of computing it (docs/domain.md §7, <see cref="ForecastFigureStore"/>).</summary>
public class ForecastFigureSet
{
    public long Id { get; set; }
    public int Year { get; set; }

    /// <summary>The as-of month end.</summary>
    public DateOnly AsOf { get; set; }

    public DateTimeOffset ComputedAt { get; set; }

    /// <summary>The input version (<see cref="Analysis.InputChanges"/>, <see cref="Analysis.StoredAnalysis.Forecasts"/>) the
    /// figures were computed from.</summary>
    public long InputVersion { get; set; }

    public required string FiguresJson { get; set; }
}

/// <summary>The stored accuracy (<see cref="LineAccuracy"/> as JSON) of one budget line: each method's backtest on the line's
/// past years with everything known on <see cref="KnownBy"/> (the day it was computed).</summary>
public class ForecastAccuracySet
{
    public long Id { get; set; }
    public int BudgetLineId { get; set; }

    /// <summary>"Today" of the computation: the backtest takes the years before this date's year and the claims submitted by it.</summary>
    public DateOnly KnownBy { get; set; }

    public DateTimeOffset ComputedAt { get; set; }

    /// <summary>The input version (<see cref="Analysis.StoredAnalysis.Forecasts"/>) the figures were computed from.</summary>
    public long InputVersion { get; set; }

    public required string FiguresJson { get; set; }
}

internal sealed class ForecastFigureSetConfiguration : IEntityTypeConfiguration<ForecastFigureSet>
{
    public void Configure(EntityTypeBuilder<ForecastFigureSet> builder)
    {
        builder.Property(s => s.FiguresJson).HasColumnType("json"); // read and written whole (ADR 12)
        builder.HasIndex(s => new { s.Year, s.AsOf }).IsUnique();
    }
}

internal sealed class ForecastAccuracySetConfiguration : IEntityTypeConfiguration<ForecastAccuracySet>
{
    public void Configure(EntityTypeBuilder<ForecastAccuracySet> builder)
    {
        builder.Property(s => s.FiguresJson).HasColumnType("json");
        builder.HasOne<BudgetLine>().WithMany().HasForeignKey(s => s.BudgetLineId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.BudgetLineId).IsUnique();
    }
}
