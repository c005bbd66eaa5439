using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Npgsql;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Analysis;

/// <summary>Which stored result an input change makes stale. Stored by number; never renumber.</summary>
public enum StoredAnalysis
{
    /// <summary>The stacking analysis: assignments and the district mapping.</summary>
    Stacking = 1,

    /// <summary>The scenario figures: deficit components, measures, realisations, margins and target paths.</summary>
    Scenarios = 2,

    /// <summary>The budget figures: monthly actuals from the ledger (import kind <c>realisatie</c>).</summary>
    Budget = 3,

    /// <summary>The provider figures: assignments, claims and provider types (issue 10, docs/domain.md §9).</summary>
    Providers = 4,

    /// <summary>The stored forecasts and their accuracy (docs/domain.md §7): imports of actuals, claims and assignments,
    /// tariffs, the budget (structure, original budgets, approved mutations), the claim groups and the controller's
    /// method choices.</summary>
    Forecasts = 5,
}

/// <summary>One change to what a stored analysis is computed from: a succeeded import, a new district mapping, an edited
/// measure.</summary>
public class InputChange
{
    public long Id { get; set; }
    public DateTimeOffset ChangedAt { get; set; }

    public StoredAnalysis Affects { get; set; } = StoredAnalysis.Stacking;

    /// <summary>What changed, for people reading the table ("import 12", "wijkindeling").</summary>
    public required string What { get; set; }
}

/// <summary>
/// The version of an analysis' input: the number of <see cref="InputChange"/> rows that affect it. Every change writes one row in its
/// own transaction; an analysis reads the count in the same database snapshot as its data, and its stored result is
/// current while the count is unchanged. Counting rather than taking the largest id: ids are handed out before commit,
/// so a change that commits later can have a smaller id; each commit adds exactly one to the count. Insert-only, so
/// writers never wait for each other (an UPDATE of one counter row would make the district editor's serializable
/// transaction fail whenever an import committed meanwhile). See docs/architecture.md ("adding an analysis").
/// </summary>
public static class InputChanges
{
    /// <summary>Records a change inside the caller's EF transaction.</summary>
    public static void Add(AppDbContext db, DateTimeOffset at, string what, StoredAnalysis affects = StoredAnalysis.Stacking) =>
        db.InputChanges.Add(new InputChange { ChangedAt = at, What = what, Affects = affects });

    /// <summary>Records a change inside the caller's transaction on a plain connection.</summary>
    public static async Task AddAsync(NpgsqlConnection connection, string what, CancellationToken ct,
        StoredAnalysis affects = StoredAnalysis.Stacking)
    {
        await using var command = new NpgsqlCommand(
            """INSERT INTO "InputChanges" ("ChangedAt", "What", "Affects") VALUES (now(), @what, @affects)""", connection);
        command.Parameters.AddWithValue("what", what);
        command.Parameters.AddWithValue("affects", (int)affects);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The current version, as the caller's transaction sees it.</summary>
    public static async Task<long> VersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct,
        StoredAnalysis of = StoredAnalysis.Stacking)
    {
        await using var command = new NpgsqlCommand("""SELECT count(*) FROM "InputChanges" WHERE "Affects" = @affects""", connection, transaction);
        command.Parameters.AddWithValue("affects", (int)of);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The current version, as the context's transaction (if any) sees it.</summary>
    public static Task<long> VersionAsync(AppDbContext db, StoredAnalysis of, CancellationToken ct) =>
        db.InputChanges.LongCountAsync(c => c.Affects == of, ct);
}

internal sealed class InputChangeConfiguration : IEntityTypeConfiguration<InputChange>
{
    public void Configure(EntityTypeBuilder<InputChange> builder)
    {
        builder.Property(c => c.What).HasMaxLength(200);
        builder.HasIndex(c => c.Affects);
    }
}
