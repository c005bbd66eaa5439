using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SociaalDomein.Domain.Budgets;

namespace SociaalDomein.Infrastructure.Budgets;

internal sealed class BudgetLineConfiguration : IEntityTypeConfiguration<BudgetLine>
{
    public void Configure(EntityTypeBuilder<BudgetLine> builder)
    {
        builder.Property(l => l.Code).HasMaxLength(30);
        builder.HasIndex(l => l.Code).IsUnique();
        builder.Property(l => l.Name).HasMaxLength(200);
        builder.Property(l => l.Taakveld).HasMaxLength(10);
        builder.HasIndex(l => new { l.Domain, l.Name }).IsUnique();
        builder.Property(l => l.Version).IsConcurrencyToken();
        builder.HasMany(l => l.Years).WithOne().HasForeignKey(y => y.BudgetLineId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BudgetLineYearConfiguration : IEntityTypeConfiguration<BudgetLineYear>
{
    public void Configure(EntityTypeBuilder<BudgetLineYear> builder)
    {
        builder.HasIndex(y => new { y.BudgetLineId, y.Year }).IsUnique();
        builder.HasIndex(y => y.Year);
        builder.Property(y => y.Version).IsConcurrencyToken();
    }
}

internal sealed class ActualMonthConfiguration : IEntityTypeConfiguration<ActualMonth>
{
    public void Configure(EntityTypeBuilder<ActualMonth> builder)
    {
        builder.HasIndex(a => new { a.BudgetLineId, a.Year, a.Month }).IsUnique();
        builder.HasOne<BudgetLine>().WithMany().HasForeignKey(a => a.BudgetLineId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("CK_ActualMonths_Month", "\"Month\" BETWEEN 1 AND 12"));
    }
}

internal sealed class BudgetYearConfiguration : IEntityTypeConfiguration<BudgetYear>
{
    public void Configure(EntityTypeBuilder<BudgetYear> builder)
    {
        builder.HasKey(y => y.Year);
        builder.Property(y => y.Year).ValueGeneratedNever();
        builder.Property(y => y.ClosedBy).HasMaxLength(256);
    }
}

internal sealed class BudgetMutationConfiguration : IEntityTypeConfiguration<BudgetMutation>
{
    public void Configure(EntityTypeBuilder<BudgetMutation> builder)
    {
        builder.Property(m => m.Reason).HasMaxLength(1000);
        builder.Property(m => m.CreatedBy).HasMaxLength(256);
        builder.Property(m => m.DecidedBy).HasMaxLength(256);
        builder.Property(m => m.DecisionReason).HasMaxLength(1000);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.HasOne(m => m.BudgetLine).WithMany().HasForeignKey(m => m.BudgetLineId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.BudgetLineId, m.Year });
        builder.HasIndex(m => m.Status);
    }
}
