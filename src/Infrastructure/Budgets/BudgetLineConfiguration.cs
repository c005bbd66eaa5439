using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SociaalDomein.Domain.Budgets;

namespace SociaalDomein.Infrastructure.Budgets;

internal sealed class BudgetLineConfiguration : IEntityTypeConfiguration<BudgetLine>
{
    public void Configure(EntityTypeBuilder<BudgetLine> builder)
    {
        builder.Property(l => l.Name).HasMaxLength(200);
        builder.Property(l => l.Taakveld).HasMaxLength(10);
        builder.HasIndex(l => new { l.Domain, l.Name }).IsUnique();
        builder.HasMany(l => l.Years).WithOne().HasForeignKey(y => y.BudgetLineId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BudgetLineYearConfiguration : IEntityTypeConfiguration<BudgetLineYear>
{
    public void Configure(EntityTypeBuilder<BudgetLineYear> builder)
    {
        builder.HasIndex(y => new { y.BudgetLineId, y.Year }).IsUnique();
        builder.HasIndex(y => y.Year);
    }
}
