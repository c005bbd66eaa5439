using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SociaalDomein.Domain.Audit;

namespace SociaalDomein.Infrastructure.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(e => e.UserName).HasMaxLength(AuditEntry.UserNameMaxLength);
        // By name, so the table reads on its own (an auditor with psql needs no enum numbers).
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(50);
        builder.Property(e => e.Subject).HasMaxLength(AuditEntry.SubjectMaxLength);
        builder.Property(e => e.Details).HasMaxLength(AuditEntry.DetailsMaxLength);
        builder.HasIndex(e => e.OccurredAt);
    }
}
