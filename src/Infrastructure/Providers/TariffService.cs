using System.Globalization;
using System.Text.RegularExpressions;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Analysis;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Editing;
using SociaalDomein.Infrastructure.Imports;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Providers;

/// <summary>A price-list entry as the page and the API show it. <see cref="IsCurrent"/>: valid today or later.</summary>
public sealed record TariffRow(
    int Id, string ProductCode, string? ProviderAgb, DateOnly ValidFrom, DateOnly? ValidTo, decimal Amount, string? Unit, int Version, bool IsCurrent);

/// <summary>What an edit of an entry says: product code and provider only when adding.</summary>
public sealed record TariffInput(string? ProductCode, string? ProviderAgb, DateOnly? ValidFrom, DateOnly? ValidTo, decimal? Amount, string? Unit);

/// <summary>The outcome of a price-list import: done (how many entries added, ended and already present), or why not:
/// a problem with the whole file, or the errors per row and column. All or nothing.</summary>
public sealed record TariffImportResult(bool Succeeded, int Added, int Ended, int Unchanged, string? Problem, IReadOnlyList<RowError> Errors);

/// <summary>
/// The price list (tarieven, docs/domain.md §4): the price per unit of a product code for a period, for one provider or
/// for all, kept by contract managers. Entries are never deleted: a price ends by its end date, so the history stays.
/// Rules:
/// <list type="bullet">
/// <item>Entries of one (product code, provider or "all") never overlap. A new entry that starts after an existing
/// entry without end date ends that entry the day before (that is how a new price takes over); any other overlap is
/// refused, naming the entry it overlaps.</item>
/// <item>Every change is written with its audit entry (subject "Tarief &lt;id&gt;: …", the history of the entry) and two
/// input changes (stacking and provider figures) in one transaction; the stacking recompute is queued after commit.
/// Writers take a transaction-scoped advisory lock, so two instances cannot both pass the overlap check.</item>
/// <item>An import (CSV or Excel, at most a few thousand rows, synchronous) is all or nothing; a row equal to an
/// existing entry (product, provider, dates, price, unit) is left as it is and counted.</item>
/// </list>
/// </summary>
public sealed partial class TariffService(IDbContextFactory<AppDbContext> contexts, TimeProvider clock, IBackgroundJobClient jobs)
{
    /// <summary>Key of the advisory lock all price-list writers take.</summary>
    private const long LockKey = 0x5441524946; // "TARIF"

    public const int MaxImportRows = 20_000;

    /// <summary>Every entry, current and past, by product code, provider ("all" first) and start.</summary>
    public async Task<IReadOnlyList<TariffRow>> ListAsync(CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var entries = await db.Tariffs.AsNoTracking().ToListAsync(ct);
        return entries
            .OrderBy(t => t.ProductCode, StringComparer.Ordinal).ThenBy(t => t.ProviderAgb ?? "", StringComparer.Ordinal).ThenBy(t => t.ValidFrom)
            .Select(t => ToRow(t, today))
            .ToList();
    }

    public async Task<TariffRow?> FindAsync(int id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var entry = await db.Tariffs.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        return entry is null ? null : ToRow(entry, DateOnly.FromDateTime(clock.GetLocalNow().Date));
    }

    /// <summary>The audit subject of an entry: its history is every entry starting with <c>Tarief {id}:</c>.</summary>
    public static string Subject(int id) => $"Tarief {id}:";

    /// <summary>Adds an entry; returns its id when done.</summary>
    public async Task<(ChangeResult Result, int? Id)> AddAsync(TariffInput input, string user, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string>();
        var product = input.ProductCode?.Trim() ?? "";
        if (CheckProductCode(product) is { } productError)
        {
            errors["productCode"] = productError;
        }

        var agb = string.IsNullOrWhiteSpace(input.ProviderAgb) ? null : input.ProviderAgb.Trim();
        if (agb is not null && CheckAgb(agb) is { } agbError)
        {
            errors["providerAgb"] = agbError;
        }

        var fields = CheckFields(input, errors);
        if (errors.Count > 0)
        {
            return (ChangeResult.Invalid(errors), null);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await BeginAsync(db, ct);
        var entry = new Tariff
        {
            ProductCode = product, ProviderAgb = agb, ValidFrom = fields.From, ValidTo = fields.To, Amount = fields.Amount, Unit = fields.Unit, Version = 1,
        };
        var existing = await SameKeyAsync(db, product, agb, ct);
        var (ended, overlap) = Place(entry, existing);
        if (overlap is not null)
        {
            return (ChangeResult.Invalid("validFrom", Overlaps(overlap)), null);
        }

        db.Tariffs.Add(entry);
        await db.SaveChangesAsync(ct);
        var now = clock.GetUtcNow();
        AuditLog.Add(db, now, user, AuditAction.TariffChanged, $"{Subject(entry.Id)} {Name(entry)}", $"Toegevoegd: {Describe(entry)}");
        foreach (var (previous, before) in ended)
        {
            AuditLog.Add(db, now, user, AuditAction.TariffChanged, $"{Subject(previous.Id)} {Name(previous)}",
                $"{before} → {Describe(previous)} (beëindigd door tarief {entry.Id})");
        }

        await CommitAsync(db, transaction, "prijslijst: tarief toegevoegd", ct);
        return (ChangeResult.Done, entry.Id);
    }

    /// <summary>Changes the period, price and unit of an entry (its product code and provider stay), naming the version
    /// the user read.</summary>
    public async Task<ChangeResult> UpdateAsync(int id, TariffInput input, int expectedVersion, string user, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string>();
        var fields = CheckFields(input, errors);
        if (errors.Count > 0)
        {
            return ChangeResult.Invalid(errors);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await BeginAsync(db, ct);
        var entry = await db.Tariffs.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (entry is null)
        {
            return NotFound(id);
        }

        if (entry.Version != expectedVersion)
        {
            return Stale(id);
        }

        var before = Describe(entry);
        var overlap = (await SameKeyAsync(db, entry.ProductCode, entry.ProviderAgb, ct))
            .FirstOrDefault(t => t.Id != id && Overlap(fields.From, fields.To, t.ValidFrom, t.ValidTo));
        if (overlap is not null)
        {
            return ChangeResult.Invalid(fields.From != entry.ValidFrom ? "validFrom" : "validTo", Overlaps(overlap));
        }

        (entry.ValidFrom, entry.ValidTo, entry.Amount, entry.Unit) = (fields.From, fields.To, fields.Amount, fields.Unit);
        var after = Describe(entry);
        if (after == before)
        {
            return ChangeResult.Done;
        }

        entry.Version++;
        AuditLog.Add(db, clock.GetUtcNow(), user, AuditAction.TariffChanged, $"{Subject(entry.Id)} {Name(entry)}", $"{before} → {after}");
        return await CommitAsync(db, transaction, $"prijslijst: tarief {id} gewijzigd", ct) ? ChangeResult.Done : Stale(id);
    }

    /// <summary>Ends an entry on <paramref name="validTo"/> (its last day); an entry is never deleted.</summary>
    public async Task<ChangeResult> EndAsync(int id, DateOnly? validTo, int expectedVersion, string user, CancellationToken ct = default)
    {
        if (validTo is null)
        {
            return ChangeResult.Invalid("validTo", "Vul de laatste dag in waarop het tarief geldt.");
        }

        var current = await FindAsync(id, ct);
        if (current is null)
        {
            return NotFound(id);
        }

        if (validTo < current.ValidFrom)
        {
            return ChangeResult.Invalid("validTo", $"De einddatum ligt vóór de ingangsdatum {current.ValidFrom:dd-MM-yyyy}.");
        }

        return await UpdateAsync(id, new TariffInput(null, null, current.ValidFrom, validTo, current.Amount, current.Unit), expectedVersion, user, ct);
    }

    /// <summary>Imports a price list (docs/import-formats.md, "Prijslijst"): all rows valid and no overlap, or nothing.</summary>
    public async Task<TariffImportResult> ImportAsync(Stream file, string fileName, string user, CancellationToken ct = default)
    {
        fileName = Path.GetFileName(fileName);
        List<TariffRecord> records;
        List<RowError> errors;
        try
        {
            (records, errors) = TariffFile.Read(file, fileName);
        }
        catch (ImportFileException ex)
        {
            return Refused(ex.Message, []);
        }

        if (records.Count + errors.Select(e => e.Row).Distinct().Count() > MaxImportRows)
        {
            return Refused($"'{fileName}' heeft meer dan {MaxImportRows} rijen; een prijslijst is hoogstens een paar duizend rijen.", []);
        }

        if (errors.Count > 0)
        {
            return Refused($"{errors.Select(e => e.Row).Distinct().Count()} rij(en) van '{fileName}' zijn afgekeurd; de prijslijst is niet gewijzigd.", errors);
        }

        if (records.Count == 0)
        {
            return Refused($"Het bestand '{fileName}' is leeg: er staan geen tarieven in.", []);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await BeginAsync(db, ct);
        var all = await db.Tariffs.ToListAsync(ct);
        var byKey = all.GroupBy(t => (t.ProductCode, Agb: t.ProviderAgb?.Trim()))
            .ToDictionary(g => g.Key, g => g.ToList());
        var added = new List<(Tariff Entry, int Row)>();
        var ended = new List<(Tariff Entry, string Before, int Row)>();
        var unchanged = 0;
        foreach (var record in records.OrderBy(r => r.ValidFrom).ThenBy(r => r.Row))
        {
            var key = (record.ProductCode, Agb: record.ProviderAgb);
            var existing = byKey.TryGetValue(key, out var list) ? list : byKey[key] = [];
            var entry = new Tariff
            {
                ProductCode = record.ProductCode, ProviderAgb = record.ProviderAgb, ValidFrom = record.ValidFrom, ValidTo = record.ValidTo,
                Amount = record.Amount, Unit = record.Unit, Version = 1,
            };
            if (existing.Any(t => t.ValidFrom == entry.ValidFrom && t.ValidTo == entry.ValidTo && t.Amount == entry.Amount && t.Unit == entry.Unit))
            {
                unchanged++;
                continue;
            }

            var (endedHere, overlap) = Place(entry, existing);
            if (overlap is not null)
            {
                var inFile = added.FirstOrDefault(a => ReferenceEquals(a.Entry, overlap));
                errors.Add(new RowError(record.Row, "ingangsdatum", inFile.Entry is not null
                    ? $"de periode overlapt rij {inFile.Row} voor dezelfde productcode en aanbieder"
                    : Overlaps(overlap)));
                continue;
            }

            existing.Add(entry);
            added.Add((entry, record.Row));
            ended.AddRange(endedHere.Select(e => (e.Entry, e.Before, record.Row)));
        }

        if (errors.Count > 0)
        {
            return Refused($"{errors.Select(e => e.Row).Distinct().Count()} rij(en) van '{fileName}' overlappen een ander tarief; de prijslijst is niet gewijzigd.", errors);
        }

        db.Tariffs.AddRange(added.Select(a => a.Entry));
        await db.SaveChangesAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var (entry, row) in added)
        {
            AuditLog.Add(db, now, user, AuditAction.TariffChanged, $"{Subject(entry.Id)} {Name(entry)}", $"Toegevoegd uit {fileName} (rij {row}): {Describe(entry)}");
        }

        foreach (var (entry, before, row) in ended.Where(e => e.Entry.Id != 0 && added.All(a => !ReferenceEquals(a.Entry, e.Entry))))
        {
            AuditLog.Add(db, now, user, AuditAction.TariffChanged, $"{Subject(entry.Id)} {Name(entry)}",
                $"{before} → {Describe(entry)} (beëindigd door {fileName}, rij {row})");
        }

        AuditLog.Add(db, now, user, AuditAction.TariffChanged, $"Prijslijst uit {fileName}",
            $"{added.Count} tarieven toegevoegd, {ended.Count} beëindigd, {unchanged} ongewijzigd");
        if (added.Count == 0)
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        else
        {
            await CommitAsync(db, transaction, $"prijslijst uit {fileName}", ct);
        }

        return new TariffImportResult(true, added.Count, ended.Count(e => added.All(a => !ReferenceEquals(a.Entry, e.Entry))), unchanged, null, []);
    }

    private static TariffImportResult Refused(string problem, IReadOnlyList<RowError> errors) => new(false, 0, 0, 0, problem, errors);

    private async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginAsync(AppDbContext db, CancellationToken ct)
    {
        var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock({LockKey})", ct);
        return transaction;
    }

    /// <summary>Saves the change with its input changes (stacking, provider figures), commits, and queues the stacking
    /// recompute; false when a concurrent change won.</summary>
    private async Task<bool> CommitAsync(AppDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, string what, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        InputChanges.Add(db, now, what, StoredAnalysis.Stacking);
        InputChanges.Add(db, now, what, StoredAnalysis.Providers);
        InputChanges.Add(db, now, what, StoredAnalysis.Forecasts); // the commitment method values assignments with the price list
        if (!await Edits.TrySaveAsync(db, ct))
        {
            return false;
        }

        await transaction.CommitAsync(ct);
        jobs.Enqueue<Stacking.StackingRecomputeJob>(job => job.RunAsync(null, CancellationToken.None));
        return true;
    }

    private static Task<List<Tariff>> SameKeyAsync(AppDbContext db, string product, string? agb, CancellationToken ct) =>
        db.Tariffs.Where(t => t.ProductCode == product && t.ProviderAgb == agb).ToListAsync(ct);

    /// <summary>Where a new entry goes among the entries of its key: the open-ended entry that started before it is ended
    /// the day before (returned with its description before); the first other overlapping entry refuses it.</summary>
    private static (List<(Tariff Entry, string Before)> Ended, Tariff? Overlap) Place(Tariff entry, IReadOnlyList<Tariff> existing)
    {
        var ended = new List<(Tariff, string)>();
        foreach (var other in existing.Where(t => !ReferenceEquals(t, entry)).OrderBy(t => t.ValidFrom))
        {
            if (!Overlap(entry.ValidFrom, entry.ValidTo, other.ValidFrom, other.ValidTo))
            {
                continue;
            }

            if (other.ValidTo is null && other.ValidFrom < entry.ValidFrom)
            {
                var before = Describe(other);
                other.ValidTo = entry.ValidFrom.AddDays(-1);
                other.Version++;
                ended.Add((other, before));
                continue;
            }

            foreach (var (undo, _) in ended)
            {
                undo.ValidTo = null;
                undo.Version--;
            }

            return ([], other);
        }

        return (ended, null);
    }

    private static bool Overlap(DateOnly from, DateOnly? to, DateOnly otherFrom, DateOnly? otherTo) =>
        from <= (otherTo ?? DateOnly.MaxValue) && otherFrom <= (to ?? DateOnly.MaxValue);

    private sealed record Fields(DateOnly From, DateOnly? To, decimal Amount, string? Unit);

    private static Fields CheckFields(TariffInput input, Dictionary<string, string> errors)
    {
        if (input.ValidFrom is null)
        {
            errors["validFrom"] = "Vul de ingangsdatum in.";
        }
        else if (input.ValidTo is { } to && to < input.ValidFrom)
        {
            errors["validTo"] = "De einddatum ligt vóór de ingangsdatum.";
        }

        if (input.Amount is null)
        {
            errors["amount"] = "Vul het tarief per eenheid in.";
        }
        else if (CheckAmount(input.Amount.Value) is { } amountError)
        {
            errors["amount"] = $"Het tarief {amountError}.";
        }

        var unit = string.IsNullOrWhiteSpace(input.Unit) ? null : input.Unit.Trim();
        if (unit is { Length: > 20 })
        {
            errors["unit"] = "De eenheid is hoogstens 20 tekens, zoals uur, dagdeel of etmaal.";
        }

        return new Fields(input.ValidFrom ?? default, input.ValidTo, input.Amount ?? 0, unit);
    }

    /// <summary>Null when the product code is usable, otherwise why not (Dutch).</summary>
    internal static string? CheckProductCode(string product) =>
        product.Length == 0 ? "de productcode is niet ingevuld"
        : product.Length > 10 || !ProductPattern().IsMatch(product) ? $"'{product}' is geen productcode (hoogstens 10 letters en cijfers, zoals 02A07)"
        : null;

    internal static string? CheckAgb(string agb) =>
        AgbPattern().IsMatch(agb) ? null : $"'{(agb.Length > 20 ? agb[..20] + "…" : agb)}' is geen AGB-code van 8 cijfers";

    internal static string? CheckAmount(decimal amount) =>
        amount <= 0 ? "is niet groter dan nul"
        : decimal.Round(amount, 4) != amount ? "heeft meer dan vier decimalen"
        : amount > TariffFile.MaxAmount ? "is te groot"
        : null;

    private static TariffRow ToRow(Tariff t, DateOnly today) =>
        new(t.Id, t.ProductCode, t.ProviderAgb?.Trim(), t.ValidFrom, t.ValidTo, t.Amount, t.Unit, t.Version, t.ValidTo is null || t.ValidTo >= today);

    private static string Name(Tariff t) => $"{t.ProductCode}, {(t.ProviderAgb is null ? "alle aanbieders" : "aanbieder " + t.ProviderAgb.Trim())}";

    private static string Describe(Tariff t) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{t.ValidFrom:dd-MM-yyyy} t/m {(t.ValidTo is { } to ? to.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture) : "nader bericht")}: " +
            $"€ {t.Amount.ToString("#,##0.00##", CultureInfo.GetCultureInfo("nl-NL"))}{(t.Unit is null ? "" : " per " + t.Unit)}");

    private static string Overlaps(Tariff other) =>
        $"De periode overlapt tarief {other.Id} ({Describe(other)}) voor dezelfde productcode en aanbieder. Beëindig dat eerst of kies een andere periode.";

    private static ChangeResult NotFound(int id) => ChangeResult.NotFound($"Er is geen tarief {id}.");

    private static ChangeResult Stale(int id) =>
        ChangeResult.Conflict($"Tarief {id} is intussen door iemand anders gewijzigd. Uw wijziging is niet opgeslagen; laad de prijslijst opnieuw.");

    [GeneratedRegex(@"^[A-Za-z0-9]{1,10}$")]
    private static partial Regex ProductPattern();

    [GeneratedRegex(@"^\d{8}$")]
    private static partial Regex AgbPattern();
}
