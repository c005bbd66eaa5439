using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SociaalDomein.Domain.Assignments;

namespace SociaalDomein.Infrastructure.Assignments;

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> builder)
    {
        builder.ToTable("Assignments");
        // Compared byte by byte whatever the database's collation: the merge looks up and sorts a million of them.
        builder.Property(a => a.IdentityKey).HasMaxLength(200).UseCollation("C");
        builder.HasIndex(a => a.IdentityKey).IsUnique();
        builder.Property(a => a.ClientKey).HasMaxLength(32);
        builder.Property(a => a.AddressKey).HasMaxLength(32);
        builder.Property(a => a.CaseNumber).HasMaxLength(50);
        builder.Property(a => a.Postcode4).HasMaxLength(4).IsFixedLength();
        builder.Property(a => a.ProductCategory).HasMaxLength(2);
        builder.Property(a => a.ProductCode).HasMaxLength(10);
        builder.Property(a => a.ProductDescription).HasMaxLength(200);
        builder.Property(a => a.ProviderAgb).HasMaxLength(8).IsFixedLength();
        builder.Property(a => a.ProviderName).HasMaxLength(200);
        builder.Property(a => a.AssignmentNumber).HasMaxLength(50);
        builder.Property(a => a.Unit).HasMaxLength(20);
        builder.Property(a => a.Volume).HasPrecision(14, 4);
        builder.Property(a => a.Tariff).HasPrecision(14, 4);

        // No other indexes: the analysis reads every row anyway, and each index on a random key (client, dates, import)
        // made inserting a million rows several seconds slower (docs/benchmarks.md).
    }
}
