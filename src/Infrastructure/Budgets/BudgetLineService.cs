using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Editing;
using SociaalDomein.Infrastructure.Persistence;
using SociaalDomein.Infrastructure.Scenarios;

namespace SociaalDomein.Infrastructure.Budgets;

/// <summary>The original budget of a line in one year, with the version to name when changing it.</summary>
public sealed record LineYearSummary(int Year, decimal OriginalBudget, bool IsEstimate, int Version);

/// <summary>A budget line as the structure page lists it.</summary>
public sealed record BudgetLineSummary(
    string Code, string Name, BudgetDomain Domain, string? Taakveld, Law? Law, int Version, IReadOnlyList<LineYearSummary> Years);

/// <summary>
/// The budget's structure (docs/domain.md §6): budget lines (code, name, optional Iv3 taakveld and law) within a domain,
/// and per line per year the original (adopted) budget. A controller adds and changes them; the code never changes
/// (the ledger and the actuals import know the line by it). A closed year's original budget stays as it is. Every
/// change is checked first (Dutch messages per field, nothing stored otherwise), names the version it read (a stale
/// one is a conflict) and is written with its audit entry (before → after) in the same save.
/// </summary>
public sealed partial class BudgetLineService(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    public async Task<IReadOnlyList<BudgetLineSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var lines = await db.BudgetLines.AsNoTracking().Include(l => l.Years).ToListAsync(ct);
        return lines.OrderBy(l => l.Domain).ThenBy(l => l.SortOrder).ThenBy(l => l.Code)
            .Select(l => new BudgetLineSummary(l.Code, l.Name, l.Domain, l.Taakveld, l.Law, l.Version,
                l.Years.OrderBy(y => y.Year).Select(y => new LineYearSummary(y.Year, y.Budget, y.IsEstimate, y.Version)).ToList()))
            .ToList();
    }

    /// <summary>The audit subject of a line: every entry about it starts with this.</summary>
    public static string Subject(string code, string name) => $"Begrotingspost {code}: {name}";

    /// <summary>Adds a line to a domain (by its Dutch name, e.g. "Wmo"), after the domain's other lines.</summary>
    public async Task<ChangeResult> AddLineAsync(
        string? code, string? name, string? domain, string? taakveld, string? law, string user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var errors = new Dictionary<string, string>();
        code = code?.Trim() ?? "";
        if (code.Length == 0)
        {
            errors["code"] = "Vul de code van de post in, zoals WMO-04.";
        }
        else if (code.Length > 30 || !CodePattern().IsMatch(code))
        {
            errors["code"] = "De code is hoogstens 30 tekens: letters, cijfers, punt, liggend streepje of laag streepje.";
        }
        else if (await db.BudgetLines.AnyAsync(l => l.Code.ToLower() == code.ToLower(), ct))
        {
            errors["code"] = $"Er is al een begrotingspost met code '{code}'.";
        }

        var parsedDomain = ParseDomain(domain);
        if (parsedDomain is null)
        {
            errors["domain"] = $"Kies het domein: {string.Join(", ", Enum.GetValues<BudgetDomain>().Select(d => d.DutchName()))}.";
        }

        var fields = await ValidateFieldsAsync(db, name, parsedDomain, taakveld, law, null, errors, ct);
        if (errors.Count > 0)
        {
            return ChangeResult.Invalid(errors);
        }

        var sortOrder = await db.BudgetLines.Where(l => l.Domain == parsedDomain!.Value).Select(l => (int?)l.SortOrder).MaxAsync(ct) ?? 0;
        var line = new BudgetLine
        {
            Code = code, Name = fields.Name, Domain = parsedDomain!.Value, SortOrder = sortOrder + 1, Taakveld = fields.Taakveld,
            Law = fields.Law, Version = 1,
        };
        db.BudgetLines.Add(line);
        AuditLog.Add(db, clock.GetUtcNow(), user, AuditAction.BudgetLineChanged, Subject(line.Code, line.Name), $"Toegevoegd: {Describe(line)}");
        ForecastInputChanged(db, line.Code);
        return await Edits.TrySaveAsync(db, ct)
            ? ChangeResult.Done
            : ChangeResult.Conflict($"Iemand anders voegde tegelijk een post met code '{code}' of naam '{fields.Name}' toe. Er is niets opgeslagen.");
    }

    /// <summary>Changes a line's name, taakveld and law; its code and domain stay.</summary>
    public async Task<ChangeResult> UpdateLineAsync(
        string code, string? name, string? taakveld, string? law, int expectedVersion, string user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var line = await FindAsync(db, code, ct);
        if (line is null)
        {
            return NotFound(code);
        }

        if (line.Version != expectedVersion)
        {
            return Stale(line);
        }

        var errors = new Dictionary<string, string>();
        var fields = await ValidateFieldsAsync(db, name, line.Domain, taakveld, law, line.Id, errors, ct);
        if (errors.Count > 0)
        {
            return ChangeResult.Invalid(errors);
        }

        var before = Describe(line);
        var subject = Subject(line.Code, line.Name);
        line.Name = fields.Name;
        line.Taakveld = fields.Taakveld;
        line.Law = fields.Law;
        var after = Describe(line);
        if (after == before)
        {
            return ChangeResult.Done;
        }

        line.Version++;
        AuditLog.Add(db, clock.GetUtcNow(), user, AuditAction.BudgetLineChanged, subject, $"{before} → {after}");
        ForecastInputChanged(db, line.Code);
        return await Edits.TrySaveAsync(db, ct) ? ChangeResult.Done : Stale(line);
    }

    /// <summary>Sets the original (adopted) budget of a line for a year, creating the line-year when it has none. A
    /// change names the version it read (<paramref name="expectedVersion"/>); a new one names none. Never for a closed
    /// year.</summary>
    public async Task<ChangeResult> SetOriginalBudgetAsync(
        string code, int year, decimal amount, string? reason, int? expectedVersion, string user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var line = await FindAsync(db, code, ct);
        if (line is null)
        {
            return NotFound(code);
        }

        var errors = new Dictionary<string, string>();
        if (year is < 2000 or > 2100)
        {
            errors["year"] = "Het jaar ligt tussen 2000 en 2100.";
        }
        else if (await db.BudgetYears.AnyAsync(y => y.Year == year && y.ClosedAt != null, ct))
        {
            errors["year"] = $"Het begrotingsjaar {year} is afgesloten; de oorspronkelijke begroting verandert niet meer.";
        }

        if (Math.Abs(amount) > MeasureService.MaxAmount || decimal.Round(amount, 2) != amount)
        {
            errors["originalBudget"] = "Het bedrag is een bedrag in euro's met hoogstens twee decimalen, kleiner dan een miljard.";
        }

        reason = reason?.Trim() ?? "";
        if (reason.Length is 0 or > 1000)
        {
            errors["reason"] = reason.Length == 0 ? "Geef een reden voor de wijziging." : "De reden is hoogstens 1000 tekens.";
        }

        if (errors.Count > 0)
        {
            return ChangeResult.Invalid(errors);
        }

        var row = await db.BudgetLineYears.FirstOrDefaultAsync(y => y.BudgetLineId == line.Id && y.Year == year, ct);
        if (row is null != expectedVersion is null || (row is not null && row.Version != expectedVersion))
        {
            return StaleYear(line, year);
        }

        string before;
        if (row is null)
        {
            before = "geen";
            row = db.BudgetLineYears.Add(new BudgetLineYear
            {
                BudgetLineId = line.Id, Year = year, Budget = amount, Version = 1,
                IsEstimate = await db.BudgetLineYears.AnyAsync(y => y.Year == year && y.IsEstimate, ct),
            }).Entity;
        }
        else
        {
            before = MeasureService.Money(row.Budget);
            if (row.Budget == amount)
            {
                return ChangeResult.Done;
            }

            row.Budget = amount;
            row.Version++;
        }

        AuditLog.Add(db, clock.GetUtcNow(), user, AuditAction.BudgetLineChanged, Subject(line.Code, line.Name),
            $"Oorspronkelijke begroting {year}: {before} → {MeasureService.Money(amount)}; reden: {reason}");
        ForecastInputChanged(db, line.Code);
        return await Edits.TrySaveAsync(db, ct) ? ChangeResult.Done : StaleYear(line, year);
    }

    private sealed record Fields(string Name, string? Taakveld, Law? Law);

    /// <summary>The forecasts show every line's name and budget: stored ones are stale from this change's commit on.</summary>
    private void ForecastInputChanged(AppDbContext db, string code) =>
        Analysis.InputChanges.Add(db, clock.GetUtcNow(), $"begrotingspost {code}", Analysis.StoredAnalysis.Forecasts);

    private static async Task<Fields> ValidateFieldsAsync(
        AppDbContext db, string? name, BudgetDomain? domain, string? taakveld, string? law, int? lineId, Dictionary<string, string> errors, CancellationToken ct)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 200)
        {
            errors["name"] = name.Length == 0 ? "Vul de naam van de post in." : "De naam is hoogstens 200 tekens.";
        }
        else if (domain is { } d && await db.BudgetLines.AnyAsync(l => l.Domain == d && l.Id != lineId && l.Name.ToLower() == name.ToLower(), ct))
        {
            errors["name"] = $"Het domein {d.DutchName()} heeft al een post '{name}'.";
        }

        taakveld = string.IsNullOrWhiteSpace(taakveld) ? null : taakveld.Trim();
        if (taakveld is not null && !TaakveldPattern().IsMatch(taakveld))
        {
            errors["taakveld"] = "Een Iv3-taakveld is een nummer als 6.71 of 0.10 (hoogstens 10 tekens), of leeg.";
        }

        Law? parsedLaw = null;
        if (!string.IsNullOrWhiteSpace(law))
        {
            parsedLaw = Enum.GetValues<Law>().Select(l => (Law?)l).FirstOrDefault(l => string.Equals(l.ToString(), law.Trim(), StringComparison.OrdinalIgnoreCase));
            if (parsedLaw is null)
            {
                errors["law"] = $"Kies de wet: {string.Join(", ", Enum.GetValues<Law>())}, of geen.";
            }
        }

        return new Fields(name, taakveld, parsedLaw);
    }

    /// <summary>A domain by its Dutch name ("Beschermd wonen") or code name ("BeschermdWonen"), case-insensitive.</summary>
    public static BudgetDomain? ParseDomain(string? domain) =>
        string.IsNullOrWhiteSpace(domain)
            ? null
            : Enum.GetValues<BudgetDomain>().Select(d => (BudgetDomain?)d).FirstOrDefault(d =>
                string.Equals(d!.Value.DutchName(), domain.Trim(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(d.Value.ToString(), domain.Trim(), StringComparison.OrdinalIgnoreCase));

    private static Task<BudgetLine?> FindAsync(AppDbContext db, string code, CancellationToken ct)
    {
        var trimmed = code.Trim().ToLower();
        return db.BudgetLines.FirstOrDefaultAsync(l => l.Code.ToLower() == trimmed, ct);
    }

    private static string Describe(BudgetLine line) =>
        $"{line.Code}, {line.Name}, {line.Domain.DutchName()}, taakveld {line.Taakveld ?? "geen"}, wet {line.Law?.ToString() ?? "geen"}";

    private static ChangeResult NotFound(string code) => ChangeResult.NotFound($"Er is geen begrotingspost met code '{code}'.");

    private static ChangeResult Stale(BudgetLine line) =>
        ChangeResult.Conflict($"Post {line.Code} is intussen door iemand anders gewijzigd. Uw wijziging is niet opgeslagen; laad de post opnieuw.");

    private static ChangeResult StaleYear(BudgetLine line, int year) =>
        ChangeResult.Conflict($"De oorspronkelijke begroting {year} van {line.Code} is intussen door iemand anders gewijzigd. " +
            "Uw wijziging is niet opgeslagen; laad haar opnieuw.");

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^\d{1,2}(\.\d{1,3})?$")]
    private static partial Regex TaakveldPattern();
}
