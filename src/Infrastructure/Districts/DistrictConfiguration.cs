using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SociaalDomein.Domain.Districts;

namespace SociaalDomein.Infrastructure.Districts;

internal sealed class DistrictConfiguration : IEntityTypeConfiguration<District>
{
    public void Configure(EntityTypeBuilder<District> builder)
    {
        builder.Property(d => d.Name).HasMaxLength(100);
        builder.HasIndex(d => d.Name).IsUnique();
        builder.HasMany(d => d.Postcodes).WithOne().HasForeignKey(p => p.DistrictId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PostcodeDistrictConfiguration : IEntityTypeConfiguration<PostcodeDistrict>
{
    public void Configure(EntityTypeBuilder<PostcodeDistrict> builder)
    {
        builder.HasKey(p => p.Postcode4);
        builder.Property(p => p.Postcode4).HasMaxLength(4).IsFixedLength();
    }
}
