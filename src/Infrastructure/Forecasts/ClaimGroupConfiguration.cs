using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Domain.Forecasts;

namespace SociaalDomein.Infrastructure.Forecasts;

internal sealed class ClaimGroupConfiguration : IEntityTypeConfiguration<ClaimGroup>
{
    public void Configure(EntityTypeBuilder<ClaimGroup> builder)
    {
        builder.HasKey(g => g.BudgetLineId);
        builder.Property(g => g.BudgetLineId).ValueGeneratedNever();
        builder.HasOne<BudgetLine>().WithOne().HasForeignKey<ClaimGroup>(g => g.BudgetLineId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(g => g.Categories).WithOne().HasForeignKey(c => c.BudgetLineId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(g => g.Version).IsConcurrencyToken();
    }
}

internal sealed class ClaimGroupCategoryConfiguration : IEntityTypeConfiguration<ClaimGroupCategory>
{
    public void Configure(EntityTypeBuilder<ClaimGroupCategory> builder)
    {
        builder.Property(c => c.ProductCategory).HasMaxLength(2);
        // A category of a law belongs to one line at most: no claim is counted on two lines.
        builder.HasIndex(c => new { c.Law, c.ProductCategory }).IsUnique();
        builder.HasIndex(c => c.BudgetLineId);
    }
}
