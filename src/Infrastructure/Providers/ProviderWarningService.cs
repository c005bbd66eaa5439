using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Editing;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Providers;

/// <summary>A raised ceiling warning with its provider and ceiling; the figures are those at the moment it was raised.</summary>
public sealed record ProviderWarningRow(
    long Id,
    int CeilingId,
    string ProviderAgb,
    string ProviderName,
    int Year,
    Law? Law,
    string? ProductCode,
    decimal Ceiling,
    WarningLevel Level,
    int ThresholdPercent,
    DateTimeOffset RaisedAt,
    decimal Spent,
    decimal Projection,
    DateOnly? ProjectedDate,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    string? AcknowledgementNote,
    int Version)
{
    /// <summary>Spent ÷ ceiling when raised (0.7 = 70 %).</summary>
    public decimal Used => Ceiling == 0 ? 0 : Spent / Ceiling;

    public bool IsOpen => AcknowledgedAt is null;
}

/// <summary>
/// The ceiling warnings the <see cref="ProviderWarningJob"/> raised: listed open and acknowledged, and acknowledged by a
/// contract manager with a note (required) and the version they read. An acknowledged warning stays (with who, when
/// and the note) and is never raised again for the same ceiling and level; the acknowledgement is audited in the same save.
/// </summary>
public sealed class ProviderWarningService(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    public const int MaxNoteLength = 1000;

    /// <summary>"Drempel 70 % bereikt", "Overschrijding verwacht".</summary>
    public static string LevelName(WarningLevel level, int thresholdPercent) => level switch
    {
        WarningLevel.ThresholdReached => $"Drempel {thresholdPercent} % bereikt",
        WarningLevel.ProjectedOverrun => "Overschrijding verwacht",
        _ => level.ToString(),
    };

    /// <summary>The warnings, open first and newest first; of one provider when <paramref name="agb"/> is given.</summary>
    public async Task<IReadOnlyList<ProviderWarningRow>> ListAsync(string? agb = null, bool includeAcknowledged = true, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var key = string.IsNullOrWhiteSpace(agb) ? null : agb.Trim();
        var query =
            from w in db.ProviderWarnings.AsNoTracking()
            join c in db.BudgetCeilings on w.BudgetCeilingId equals c.Id
            join p in db.Providers on c.ProviderAgb equals p.Agb
            where (key == null || p.Agb == key) && (includeAcknowledged || w.AcknowledgedAt == null)
            select new ProviderWarningRow(
                w.Id, c.Id, p.Agb, p.Name, c.Year, c.Law, c.ProductCode, c.Amount, w.Level, w.ThresholdPercent, w.RaisedAt, w.Spent, w.Projection,
                w.ProjectedDate, w.AcknowledgedAt, w.AcknowledgedBy, w.AcknowledgementNote, w.Version);
        var rows = await query.ToListAsync(ct);
        return rows.OrderBy(r => r.IsOpen ? 0 : 1).ThenByDescending(r => r.RaisedAt).ThenBy(r => r.ProviderName, StringComparer.CurrentCulture)
            .ThenBy(r => r.Level).ToList();
    }

    /// <summary>Marks a warning as handled by <paramref name="user"/> with a note, with the version they read.</summary>
    public async Task<ChangeResult> AcknowledgeAsync(long id, string? note, int expectedVersion, string user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var warning = await db.ProviderWarnings.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (warning is null)
        {
            return ChangeResult.NotFound($"Er is geen signalering met nummer {id}.");
        }

        if (warning.Version != expectedVersion)
        {
            return Stale(id);
        }

        if (warning.AcknowledgedAt is not null)
        {
            return ChangeResult.Invalid("note", $"Signalering {id} is al afgehandeld door {warning.AcknowledgedBy}.");
        }

        note = note?.Trim() ?? "";
        if (note.Length is 0 or > MaxNoteLength)
        {
            return ChangeResult.Invalid("note", note.Length == 0
                ? "Geef een notitie: wat is er met de signalering gedaan (bijvoorbeeld: brief verstuurd op …)?"
                : $"De notitie is hoogstens {MaxNoteLength} tekens.");
        }

        var about = await (from c in db.BudgetCeilings
                           join p in db.Providers on c.ProviderAgb equals p.Agb
                           where c.Id == warning.BudgetCeilingId
                           select new { p.Agb, p.Name, c.Year, c.Law, c.ProductCode }).SingleAsync(ct);
        warning.AcknowledgedAt = clock.GetUtcNow();
        warning.AcknowledgedBy = user;
        warning.AcknowledgementNote = note;
        warning.Version++;
        AuditLog.Add(db, warning.AcknowledgedAt.Value, user, AuditAction.ProviderWarningAcknowledged, ProviderEditService.Subject(about.Agb, about.Name),
            $"Signalering {id} ({LevelName(warning.Level, warning.ThresholdPercent)}, budgetplafond {about.Year}, " +
            $"{ProviderEditService.Scope(about.Law, about.ProductCode)}) afgehandeld: open → afgehandeld; notitie: {note}");
        return await Edits.TrySaveAsync(db, ct) ? ChangeResult.Done : Stale(id);
    }

    private static ChangeResult Stale(long id) =>
        ChangeResult.Conflict($"Signalering {id} is intussen door iemand anders afgehandeld. Uw notitie is niet opgeslagen; laad de signaleringen opnieuw.");
}
