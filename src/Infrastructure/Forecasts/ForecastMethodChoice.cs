using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Domain.Forecasts;

namespace SociaalDomein.Infrastructure.Forecasts;

/// <summary>
/// The forecasting method a controller chose for a budget line, over the recommendation (docs/domain.md §7, issue 11):
/// <see cref="Method"/> null means the line follows the recommendation again. One row per line; it stays when the choice
/// is withdrawn, so <see cref="Version"/> keeps counting (optimistic concurrency, as <see cref="ClaimGroup"/>).
/// </summary>
public class ForecastMethodChoice
{
    public int BudgetLineId { get; set; }

    /// <summary>The chosen method; null: follow the recommendation.</summary>
    public ForecastMethod? Method { get; set; }

    /// <summary>Why, in the controller's words; shown beside the forecast and kept in the audit log.</summary>
    public required string Reason { get; set; }

    public required string ChosenBy { get; set; }

    public DateTimeOffset ChosenAt { get; set; }

    /// <summary>Raised by every change; a change names the version it read.</summary>
    public int Version { get; set; }
}

internal sealed class ForecastMethodChoiceConfiguration : IEntityTypeConfiguration<ForecastMethodChoice>
{
    public void Configure(EntityTypeBuilder<ForecastMethodChoice> builder)
    {
        builder.HasKey(c => c.BudgetLineId);
        builder.Property(c => c.BudgetLineId).ValueGeneratedNever();
        builder.HasOne<BudgetLine>().WithOne().HasForeignKey<ForecastMethodChoice>(c => c.BudgetLineId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.Reason).HasMaxLength(ForecastMethodChoiceService.MaxReasonLength);
        builder.Property(c => c.ChosenBy).HasMaxLength(Domain.Audit.AuditEntry.UserNameMaxLength);
        builder.Property(c => c.Version).IsConcurrencyToken();
    }
}
