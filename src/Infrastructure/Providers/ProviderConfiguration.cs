using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Imports.Declaraties;

namespace SociaalDomein.Infrastructure.Providers;

internal sealed class ProviderConfiguration : IEntityTypeConfiguration<Provider>
{
    public void Configure(EntityTypeBuilder<Provider> builder)
    {
        builder.HasKey(p => p.Agb);
        builder.Property(p => p.Agb).HasMaxLength(8).IsFixedLength();
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.ToTable(t => t.HasCheckConstraint("CK_Providers_Agb", "\"Agb\" ~ '^[0-9]{8}$'"));
    }
}

internal sealed class BudgetCeilingConfiguration : IEntityTypeConfiguration<BudgetCeiling>
{
    public void Configure(EntityTypeBuilder<BudgetCeiling> builder)
    {
        builder.Property(c => c.ProviderAgb).HasMaxLength(8).IsFixedLength();
        builder.Property(c => c.ProductCode).HasMaxLength(10);
        builder.Property(c => c.Amount).HasPrecision(16, 2);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne<Provider>().WithMany().HasForeignKey(c => c.ProviderAgb).OnDelete(DeleteBehavior.Restrict);
        // One ceiling per provider, year, law and product, "every law" and "every product" included.
        builder.HasIndex(c => new { c.ProviderAgb, c.Year, c.Law, c.ProductCode }).IsUnique().AreNullsDistinct(false);
        builder.ToTable(t => t.HasCheckConstraint("CK_BudgetCeilings_Amount", "\"Amount\" > 0"));
    }
}

internal sealed class ProviderWarningConfiguration : IEntityTypeConfiguration<ProviderWarning>
{
    public void Configure(EntityTypeBuilder<ProviderWarning> builder)
    {
        builder.Property(w => w.Spent).HasPrecision(16, 2);
        builder.Property(w => w.Projection).HasPrecision(16, 2);
        builder.Property(w => w.AcknowledgedBy).HasMaxLength(256);
        builder.Property(w => w.AcknowledgementNote).HasMaxLength(1000);
        builder.Property(w => w.Version).IsConcurrencyToken();
        builder.HasOne<BudgetCeiling>().WithMany().HasForeignKey(w => w.BudgetCeilingId).OnDelete(DeleteBehavior.Cascade);
        // A warning is raised once per ceiling and level (also by two instances at once: the insert conflicts).
        builder.HasIndex(w => new { w.BudgetCeilingId, w.Level }).IsUnique();
    }
}

internal sealed class ClaimConfiguration : IEntityTypeConfiguration<Claim>
{
    public void Configure(EntityTypeBuilder<Claim> builder)
    {
        builder.ToTable("Claims");
        builder.Property(c => c.IdentityKey).HasMaxLength(200).UseCollation("C");
        // The identity is unique through a 64-bit hash of it that PostgreSQL computes (ADR 16): a unique index on
        // (hash, identity) compares the text only when two hashes are equal, so two identities with the same hash are
        // both stored, and it builds in half the time of an index on the text. ClaimIdentityHash computes the same value
        // in the app (the import keeps the stored hashes in memory).
        builder.Property<long>(ClaimIdentityHash.Column).HasComputedColumnSql(ClaimIdentityHash.Sql, stored: true);
        builder.HasIndex(ClaimIdentityHash.Column, nameof(Claim.IdentityKey)).IsUnique();
        builder.Property(c => c.ClientKey).HasMaxLength(32);
        builder.Property(c => c.ProviderAgb).HasMaxLength(8).IsFixedLength();
        builder.Property(c => c.ProductCategory).HasMaxLength(2);
        builder.Property(c => c.ProductCode).HasMaxLength(10);
        builder.Property(c => c.AssignmentNumber).HasMaxLength(50);
        builder.Property(c => c.ClaimNumber).HasMaxLength(50);
        builder.Property(c => c.Unit).HasMaxLength(20);
        builder.Property(c => c.Volume).HasPrecision(14, 4);
        builder.Property(c => c.Tariff).HasPrecision(14, 4);
        // The provider aggregates and a provider's ceiling read its claims of a period. The forecasts scan all claims once
        // (grouped per line and month in PostgreSQL), so they need no index of their own (docs/benchmarks.md, forecasts).
        builder.HasIndex(c => new { c.ProviderAgb, c.PeriodStart });
    }
}

internal sealed class TariffConfiguration : IEntityTypeConfiguration<Tariff>
{
    public void Configure(EntityTypeBuilder<Tariff> builder)
    {
        builder.Property(t => t.ProductCode).HasMaxLength(10);
        builder.Property(t => t.ProviderAgb).HasMaxLength(8).IsFixedLength();
        builder.Property(t => t.Amount).HasPrecision(14, 4);
        builder.Property(t => t.Unit).HasMaxLength(20);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasIndex(t => new { t.ProductCode, t.ProviderAgb, t.ValidFrom }).IsUnique().AreNullsDistinct(false);
        builder.ToTable(t => t.HasCheckConstraint("CK_Tariffs_Period", "\"ValidTo\" IS NULL OR \"ValidTo\" >= \"ValidFrom\""));
    }
}
