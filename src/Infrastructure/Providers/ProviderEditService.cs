using System.Globalization;
using System.Text.RegularExpressions;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Editing;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Providers;

/// <summary>A provider's master data as the edit form reads it, with the version to name when changing it.</summary>
public sealed record ProviderMasterData(
    string Agb, string Name, ProviderType? Type, FundingModel? FundingModel, DateOnly? ContractStart, DateOnly? ContractEnd, int Version);

/// <summary>A budget ceiling as the edit form reads it.</summary>
public sealed record BudgetCeilingSummary(int Id, string ProviderAgb, int Year, Law? Law, string? ProductCode, decimal Amount, int Version);

/// <summary>A new or changed ceiling as typed: law by name (Wmo, Jeugdwet, Participatiewet; empty = every law), product
/// code (empty = every product), amount in euros.</summary>
public sealed record CeilingDraft(int? Year, string? Law, string? ProductCode, decimal? Amount);

/// <summary>
/// What a contract manager completes by hand (docs/domain.md §9): a provider's name, type, funding model and contract
/// period, and its budget ceilings per year, optionally per law or product code. Every change is checked first (Dutch
/// messages per field, nothing stored otherwise), names the version it read (a stale one is a conflict) and is saved with
/// its audit entry (before → after) in the same transaction. Ceilings are read live, so nothing stored needs a
/// recompute; but after a ceiling change commits, the warning job is queued to evaluate the new situation.
/// Who may do this (policy Contractbeheer) is checked by the endpoints and the components.
/// </summary>
public sealed partial class ProviderEditService(IDbContextFactory<AppDbContext> contexts, TimeProvider clock, IBackgroundJobClient jobs)
{
    public const decimal MaxCeiling = 9_999_999_999.99m;

    private static readonly CultureInfo Nl = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>The six reference groups by their Dutch names (<see cref="ProviderNames"/>), in order.</summary>
    public static readonly IReadOnlyDictionary<ProviderType, string> TypeNames = Enum.GetValues<ProviderType>().ToDictionary(t => t, t => t.DutchName());

    /// <summary>The three funding models by their Dutch names, in order.</summary>
    public static readonly IReadOnlyDictionary<FundingModel, string> FundingNames = Enum.GetValues<FundingModel>().ToDictionary(f => f, f => f.DutchName());

    /// <summary>The audit subject of a provider: every entry about it (master data, ceilings, warnings) starts with "Aanbieder {agb}".</summary>
    public static string Subject(string agb, string name) => $"Aanbieder {agb}: {name}";

    /// <summary>"Wmo, product 02A06", "alle wetten, alle producten".</summary>
    public static string Scope(Law? law, string? productCode) =>
        $"{law?.ToString() ?? "alle wetten"}, {(productCode is null ? "alle producten" : $"product {productCode}")}";

    public async Task<ProviderMasterData?> FindAsync(string agb, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var key = agb.Trim();
        return await db.Providers.AsNoTracking().Where(p => p.Agb == key)
            .Select(p => new ProviderMasterData(p.Agb, p.Name, p.Type, p.FundingModel, p.ContractStart, p.ContractEnd, p.Version))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>The ceilings of a provider, newest year first, with their versions.</summary>
    public async Task<IReadOnlyList<BudgetCeilingSummary>> CeilingsAsync(string agb, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var key = agb.Trim();
        var rows = await db.BudgetCeilings.AsNoTracking().Where(c => c.ProviderAgb == key)
            .Select(c => new BudgetCeilingSummary(c.Id, c.ProviderAgb, c.Year, c.Law, c.ProductCode, c.Amount, c.Version))
            .ToListAsync(ct);
        return rows.OrderByDescending(c => c.Year).ThenBy(c => c.Law).ThenBy(c => c.ProductCode, StringComparer.Ordinal).ToList();
    }

    /// <summary>Changes a provider's name, type, funding model and contract period; its AGB code stays. Type and funding
    /// model by Dutch name or code name; empty clears them (not known yet).</summary>
    public async Task<ChangeResult> UpdateProviderAsync(
        string agb, string? name, string? type, string? fundingModel, DateOnly? contractStart, DateOnly? contractEnd, int expectedVersion,
        string user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var provider = await db.Providers.FirstOrDefaultAsync(p => p.Agb == agb.Trim(), ct);
        if (provider is null)
        {
            return NotFound(agb);
        }

        if (provider.Version != expectedVersion)
        {
            return Stale(provider);
        }

        var errors = new Dictionary<string, string>();
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 200)
        {
            errors["name"] = name.Length == 0 ? "Vul de naam van de aanbieder in." : "De naam is hoogstens 200 tekens.";
        }

        var parsedType = Parse(type, TypeNames, out var typeOk);
        if (!typeOk)
        {
            errors["type"] = $"Kies het type: {string.Join(", ", TypeNames.Values)}, of geen.";
        }

        var parsedFunding = Parse(fundingModel, FundingNames, out var fundingOk);
        if (!fundingOk)
        {
            errors["fundingModel"] = $"Kies de financieringsvorm: {string.Join(", ", FundingNames.Values)}, of geen.";
        }

        if (contractStart is { } start && contractEnd is { } end && end < start)
        {
            errors["contractEnd"] = $"Het einde van de contractperiode ({Date(end)}) ligt vóór het begin ({Date(start)}).";
        }

        if (errors.Count > 0)
        {
            return ChangeResult.Invalid(errors);
        }

        var before = Describe(provider);
        var subject = Subject(provider.Agb, provider.Name);
        (provider.Name, provider.Type, provider.FundingModel, provider.ContractStart, provider.ContractEnd) =
            (name, parsedType, parsedFunding, contractStart, contractEnd);
        var after = Describe(provider);
        if (after == before)
        {
            return ChangeResult.Done;
        }

        provider.Version++;
        AuditLog.Add(db, clock.GetUtcNow(), user, AuditAction.ProviderChanged, subject, $"{before} → {after}");
        // The stored provider figures group by type (names are read live): a new type makes them stale.
        var typeChanged = db.Entry(provider).Property(p => p.Type).IsModified;
        if (typeChanged)
        {
            Analysis.InputChanges.Add(db, clock.GetUtcNow(), $"aanbiedertype {provider.Agb}", Analysis.StoredAnalysis.Providers);
        }

        if (!await Edits.TrySaveAsync(db, ct))
        {
            return Stale(provider);
        }

        if (typeChanged)
        {
            ProviderRecomputeJob.Enqueue(jobs);
        }

        return ChangeResult.Done;
    }

    /// <summary>Adds a ceiling for a provider; the id of the new ceiling when done.</summary>
    public async Task<(ChangeResult Result, int? Id)> AddCeilingAsync(string agb, CeilingDraft draft, string user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var provider = await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Agb == agb.Trim(), ct);
        if (provider is null)
        {
            return (NotFound(agb), null);
        }

        var (fields, errors) = await ValidateAsync(db, provider, draft, null, ct);
        if (errors.Count > 0)
        {
            return (ChangeResult.Invalid(errors), null);
        }

        var ceiling = db.BudgetCeilings.Add(new BudgetCeiling
        {
            ProviderAgb = provider.Agb, Year = fields.Year, Law = fields.Law, ProductCode = fields.ProductCode, Amount = fields.Amount, Version = 1,
        }).Entity;
        AuditLog.Add(db, clock.GetUtcNow(), user, AuditAction.BudgetCeilingChanged, Subject(provider.Agb, provider.Name),
            $"Budgetplafond toegevoegd: {Describe(ceiling)}");
        if (!await Edits.TrySaveAsync(db, ct))
        {
            return (ChangeResult.Conflict($"Iemand anders legde tegelijk een budgetplafond vast voor {provider.Name} in {fields.Year} " +
                $"({Scope(fields.Law, fields.ProductCode)}). Er is niets opgeslagen."), null);
        }

        ProviderWarningJob.Enqueue(jobs);
        return (ChangeResult.Done, ceiling.Id);
    }

    /// <summary>Changes a ceiling's year, law, product code or amount, with the version the user read.</summary>
    public async Task<ChangeResult> UpdateCeilingAsync(
        string agb, int id, CeilingDraft draft, int expectedVersion, string user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (provider, ceiling) = await FindCeilingAsync(db, agb, id, ct);
        if (provider is null || ceiling is null)
        {
            return provider is null ? NotFound(agb) : CeilingNotFound(agb, id);
        }

        if (ceiling.Version != expectedVersion)
        {
            return StaleCeiling(provider);
        }

        var (fields, errors) = await ValidateAsync(db, provider, draft, id, ct);
        if (errors.Count > 0)
        {
            return ChangeResult.Invalid(errors);
        }

        var before = Describe(ceiling);
        (ceiling.Year, ceiling.Law, ceiling.ProductCode, ceiling.Amount) = (fields.Year, fields.Law, fields.ProductCode, fields.Amount);
        var after = Describe(ceiling);
        if (after == before)
        {
            return ChangeResult.Done;
        }

        ceiling.Version++;
        AuditLog.Add(db, clock.GetUtcNow(), user, AuditAction.BudgetCeilingChanged, Subject(provider.Agb, provider.Name),
            $"Budgetplafond {id}: {before} → {after}");
        if (!await Edits.TrySaveAsync(db, ct))
        {
            return StaleCeiling(provider);
        }

        ProviderWarningJob.Enqueue(jobs);
        return ChangeResult.Done;
    }

    /// <summary>Removes a ceiling, with the version the user read. Its warnings go with it; the audit log keeps the history.</summary>
    public async Task<ChangeResult> DeleteCeilingAsync(string agb, int id, int expectedVersion, string user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (provider, ceiling) = await FindCeilingAsync(db, agb, id, ct);
        if (provider is null || ceiling is null)
        {
            return provider is null ? NotFound(agb) : CeilingNotFound(agb, id);
        }

        if (ceiling.Version != expectedVersion)
        {
            return StaleCeiling(provider);
        }

        db.BudgetCeilings.Remove(ceiling);
        AuditLog.Add(db, clock.GetUtcNow(), user, AuditAction.BudgetCeilingChanged, Subject(provider.Agb, provider.Name),
            $"Budgetplafond {id} verwijderd: {Describe(ceiling)}");
        if (!await Edits.TrySaveAsync(db, ct))
        {
            return StaleCeiling(provider);
        }

        ProviderWarningJob.Enqueue(jobs);
        return ChangeResult.Done;
    }

    private sealed record CeilingFields(int Year, Law? Law, string? ProductCode, decimal Amount);

    private static async Task<(CeilingFields Fields, Dictionary<string, string> Errors)> ValidateAsync(
        AppDbContext db, Provider provider, CeilingDraft draft, int? id, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (draft.Year is not { } year)
        {
            errors["year"] = "Vul het jaar in.";
            year = 0;
        }
        else if (year is < 2000 or > 2100)
        {
            errors["year"] = "Het jaar ligt tussen 2000 en 2100.";
        }

        Law? law = null;
        if (!string.IsNullOrWhiteSpace(draft.Law))
        {
            law = Enum.GetValues<Law>().Select(l => (Law?)l).FirstOrDefault(l => string.Equals(l.ToString(), draft.Law.Trim(), StringComparison.OrdinalIgnoreCase));
            if (law is null)
            {
                errors["law"] = $"Kies de wet: {string.Join(", ", Enum.GetValues<Law>())}, of leeg voor alle wetten.";
            }
        }

        var productCode = string.IsNullOrWhiteSpace(draft.ProductCode) ? null : draft.ProductCode.Trim().ToUpperInvariant();
        if (productCode is not null && !ProductCodePattern().IsMatch(productCode))
        {
            errors["productCode"] = "Een productcode is hoogstens 10 letters en cijfers, zoals 02A06, of leeg voor alle producten.";
        }

        if (draft.Amount is not { } amount)
        {
            errors["amount"] = "Vul het bedrag van het plafond in.";
            amount = 0;
        }
        else if (amount <= 0 || amount > MaxCeiling || decimal.Round(amount, 2) != amount)
        {
            errors["amount"] = "Het plafond is een bedrag in euro's groter dan nul, met hoogstens twee decimalen.";
        }

        if (errors.Count == 0 && await db.BudgetCeilings.AnyAsync(c =>
                c.ProviderAgb == provider.Agb && c.Year == year && c.Law == law && c.ProductCode == productCode && c.Id != id, ct))
        {
            errors["year"] = $"{provider.Name} heeft voor {year} al een budgetplafond voor {Scope(law, productCode)}. Wijzig dat plafond in plaats van een tweede toe te voegen.";
        }

        return (new CeilingFields(year, law, productCode, amount), errors);
    }

    private static async Task<(Provider? Provider, BudgetCeiling? Ceiling)> FindCeilingAsync(AppDbContext db, string agb, int id, CancellationToken ct)
    {
        var provider = await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Agb == agb.Trim(), ct);
        var ceiling = provider is null ? null : await db.BudgetCeilings.FirstOrDefaultAsync(c => c.Id == id && c.ProviderAgb == provider.Agb, ct);
        return (provider, ceiling);
    }

    private static T? Parse<T>(string? text, IReadOnlyDictionary<T, string> names, out bool ok) where T : struct, Enum
    {
        ok = true;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        foreach (var (value, name) in names)
        {
            if (string.Equals(name, trimmed, StringComparison.OrdinalIgnoreCase) || string.Equals(value.ToString(), trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        ok = false;
        return null;
    }

    private static string Date(DateOnly date) => date.ToString("dd-MM-yyyy", Nl);

    private static string Describe(Provider p) =>
        $"{p.Name}, type {(p.Type is { } t ? TypeNames[t] : "onbekend")}, financiering {(p.FundingModel is { } f ? FundingNames[f] : "onbekend")}, " +
        $"contract {(p.ContractStart is { } s ? Date(s) : "?")} t/m {(p.ContractEnd is { } e ? Date(e) : "?")}";

    private static string Describe(BudgetCeiling c) => $"{c.Year}, {Scope(c.Law, c.ProductCode)}, {c.Amount.ToString("C2", Nl)}";

    private static ChangeResult NotFound(string agb) => ChangeResult.NotFound($"Er is geen aanbieder met AGB-code '{agb}'.");

    private static ChangeResult CeilingNotFound(string agb, int id) =>
        ChangeResult.NotFound($"Aanbieder {agb} heeft geen budgetplafond met nummer {id}.");

    private static ChangeResult Stale(Provider provider) =>
        ChangeResult.Conflict($"Aanbieder {provider.Agb} is intussen door iemand anders gewijzigd. Uw wijziging is niet opgeslagen; laad de aanbieder opnieuw.");

    private static ChangeResult StaleCeiling(Provider provider) =>
        ChangeResult.Conflict($"Dit budgetplafond van {provider.Name} is intussen door iemand anders gewijzigd of verwijderd. " +
            "Uw wijziging is niet opgeslagen; laad de plafonds opnieuw.");

    [GeneratedRegex("^[A-Z0-9]{1,10}$")]
    private static partial Regex ProductCodePattern();
}
