using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Npgsql;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Analysis;

/// <summary>One change to what the stored analyses are computed from: a succeeded import, a new district mapping.</summary>
public class InputChange
{
    public long Id { get; set; }
    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>What changed, for people reading the table ("import 12", "wijkindeling").</summary>
    public required string What { get; set; }
}

/// <summary>
/// The version of the analyses' input: the number of <see cref="InputChange"/> rows. Every change writes one row in its
/// own transaction; an analysis reads the count in the same database snapshot as its data, and its stored result is
/// current while the count is unchanged. Counting rather than taking the largest id: ids are handed out before commit,
/// so a change that commits later can have a smaller id; each commit adds exactly one to the count. Insert-only, so
/// writers never wait for each other (an UPDATE of one counter row would make the district editor's serializable
/// transaction fail whenever an import committed meanwhile). See docs/architecture.md ("adding an analysis").
/// </summary>
public static class InputChanges
{
    /// <summary>Records a change inside the caller's EF transaction.</summary>
    public static void Add(AppDbContext db, DateTimeOffset at, string what) =>
        db.InputChanges.Add(new InputChange { ChangedAt = at, What = what });

    /// <summary>Records a change inside the caller's transaction on a plain connection.</summary>
    public static async Task AddAsync(NpgsqlConnection connection, string what, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""INSERT INTO "InputChanges" ("ChangedAt", "What") VALUES (now(), @what)""", connection);
        command.Parameters.AddWithValue("what", what);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The current version, as the caller's transaction sees it.</summary>
    public static async Task<long> VersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""SELECT count(*) FROM "InputChanges" """, connection, transaction);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}

internal sealed class InputChangeConfiguration : IEntityTypeConfiguration<InputChange>
{
    public void Configure(EntityTypeBuilder<InputChange> builder) => builder.Property(c => c.What).HasMaxLength(200);
}
