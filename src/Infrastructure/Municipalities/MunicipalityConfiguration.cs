using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SociaalDomein.Domain.Municipalities;

namespace SociaalDomein.Infrastructure.Municipalities;

internal sealed class MunicipalityConfiguration : IEntityTypeConfiguration<Municipality>
{
    public void Configure(EntityTypeBuilder<Municipality> builder)
    {
        builder.Property(m => m.Name).HasMaxLength(200);
        builder.HasMany(m => m.Populations).WithOne().HasForeignKey(p => p.MunicipalityId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MunicipalityPopulationConfiguration : IEntityTypeConfiguration<MunicipalityPopulation>
{
    public void Configure(EntityTypeBuilder<MunicipalityPopulation> builder)
    {
        builder.HasIndex(p => new { p.MunicipalityId, p.Year }).IsUnique();
        builder.ToTable(t => t.HasCheckConstraint("ck_population_positive", "\"Inhabitants\" > 0"));
    }
}
