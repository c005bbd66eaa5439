using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SociaalDomein.Domain.Forecasts;

namespace SociaalDomein.Infrastructure.Forecasts;

internal sealed class DeficitComponentConfiguration : IEntityTypeConfiguration<DeficitComponent>
{
    public void Configure(EntityTypeBuilder<DeficitComponent> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Note).HasMaxLength(1000);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => new { c.Year, c.Name }).IsUnique();
    }
}
