using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Audit;

/// <summary>Which entries to list: <see cref="User"/> is part of the user name (case-insensitive); the period runs from
/// <see cref="From"/> (inclusive) to <see cref="Until"/> (exclusive); <see cref="SubjectPrefix"/> picks the entries about one
/// thing ("Maatregel W1:"); <see cref="Page"/> counts from 1.</summary>
public sealed record AuditQuery(
    string? User = null, AuditAction? Action = null, DateTimeOffset? From = null, DateTimeOffset? Until = null, int Page = 1, int PageSize = 50,
    string? SubjectPrefix = null);

public sealed record AuditEntrySummary(long Id, DateTimeOffset OccurredAt, string UserName, AuditAction Action, string Subject, string? Details);

public sealed record AuditPage(IReadOnlyList<AuditEntrySummary> Entries, int TotalCount, int Page, int PageSize);

/// <summary>
/// The audit log (docs/domain.md §10): every change and every export, with user and time. Append-only: there is no way
/// to change or remove an entry here, and the database refuses it too (a trigger, see the AuditLog migration).
/// A change made in the database records its entry with <see cref="Add"/> on its own context, so both commit in one
/// transaction or neither does; an export (or a change made elsewhere, such as a queued job) uses <see cref="RecordAsync"/>.
/// </summary>
public sealed class AuditLog(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    public const int MaxPageSize = 200;

    /// <summary>Records an entry on its own and commits it.</summary>
    public async Task RecordAsync(string? user, AuditAction action, string subject, string? details = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        Add(db, clock.GetUtcNow(), user, action, subject, details);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds an entry to <paramref name="db"/> without saving: the caller's SaveChanges (inside its transaction)
    /// writes it together with the change it records.</summary>
    public static AuditEntry Add(AppDbContext db, DateTimeOffset occurredAt, string? user, AuditAction action, string subject, string? details = null) =>
        db.AuditEntries.Add(AuditEntry.Create(occurredAt, user, action, subject, details)).Entity;

    /// <summary>The entries that match, newest first, one page of them.</summary>
    public async Task<AuditPage> ListAsync(AuditQuery query, CancellationToken ct = default)
    {
        var page = Math.Max(1, query.Page);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.User))
        {
            entries = entries.Where(e => EF.Functions.ILike(e.UserName, "%" + EscapeLike(query.User.Trim()) + "%", @"\"));
        }

        if (!string.IsNullOrEmpty(query.SubjectPrefix))
        {
            entries = entries.Where(e => EF.Functions.Like(e.Subject, EscapeLike(query.SubjectPrefix) + "%", @"\"));
        }

        if (query.Action is { } action)
        {
            entries = entries.Where(e => e.Action == action);
        }

        if (query.From is { } from)
        {
            var fromUtc = from.ToUniversalTime();
            entries = entries.Where(e => e.OccurredAt >= fromUtc);
        }

        if (query.Until is { } until)
        {
            var untilUtc = until.ToUniversalTime();
            entries = entries.Where(e => e.OccurredAt < untilUtc);
        }

        var total = await entries.CountAsync(ct);
        var rows = await entries
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(e => new AuditEntrySummary(e.Id, e.OccurredAt, e.UserName, e.Action, e.Subject, e.Details))
            .ToListAsync(ct);
        return new AuditPage(rows, total, page, pageSize);
    }

    private static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
