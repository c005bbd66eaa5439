using System.Globalization;
using System.Text.RegularExpressions;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Domain.Scenarios;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Editing;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Scenarios;

/// <summary>A measure as a person enters it. Domain and status by their Dutch (or code) name; no domain = the whole
/// sociaal domein. <see cref="Years"/> holds every year the measure has a yield or cost in; a year left out has none.</summary>
public sealed record MeasureDraft(
    string? Code,
    string? Title,
    string? Domain,
    string? FirstScenario,
    string? Owner,
    string? Status,
    string? Note,
    IReadOnlyList<MeasureYearDraft>? Years);

/// <summary>Yield null = PM (not quantified).</summary>
public sealed record MeasureYearDraft(int Year, decimal? Yield, decimal ImplementationCost);

public sealed record RealisationDraft(int Year, int Quarter, decimal Amount, string? Explanation);

/// <summary>The years the prognosis covers: those with deficit components (docs/domain.md §7).</summary>
public sealed record PrognosisPeriod(int FirstYear, int LastYear)
{
    public bool Contains(int year) => year >= FirstYear && year <= LastYear;

    public IEnumerable<int> Years => Enumerable.Range(FirstYear, LastYear - FirstYear + 1);

    public override string ToString() => $"{FirstYear}–{LastYear}";
}

/// <summary>
/// Adds, edits, withdraws and restores measures and records their realised yields (docs/domain.md §8). Controllers
/// only (the callers check the role). Every change is checked first (Dutch message per field, nothing stored when
/// one is wrong), written with its audit entry (before → after) and an input change in one transaction, and queues the
/// scenario recompute. An edit names the version it read: when someone saved in between, nothing is overwritten.
/// Measures are never deleted.
/// </summary>
public sealed partial class MeasureService(IDbContextFactory<AppDbContext> contexts, TimeProvider clock, IBackgroundJobClient jobs)
{
    public const int MaxAmount = 999_999_999;

    /// <summary>Every measure as stored now (withdrawn ones included), with its version.</summary>
    public async Task<IReadOnlyList<MeasureFigures>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await ScenarioFigureStore.LoadMeasuresAsync(db, ct);
    }

    /// <summary>The audit entries about one measure, newest first.</summary>
    public static AuditQuery HistoryQuery(string code, int page = 1) => new(Page: page, SubjectPrefix: SubjectPrefix(code));

    public async Task<PrognosisPeriod?> PeriodAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await PeriodAsync(db, ct);
    }

    public async Task<ChangeResult> AddAsync(MeasureDraft draft, string user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (valid, errors) = await ValidateAsync(db, draft, ct);
        if (valid is null)
        {
            return ChangeResult.Invalid(errors);
        }

        if (await db.Measures.AnyAsync(m => m.Code == valid.Code, ct))
        {
            return ChangeResult.Invalid("code", $"Er is al een maatregel met code {valid.Code}. Kies een andere code.");
        }

        var measure = new Measure { Code = valid.Code, Title = valid.Title };
        Apply(valid, measure);
        db.Measures.Add(measure);
        Changed(db, user, AuditAction.MeasureAdded, measure, Describe(valid));
        return await SaveAsync(db, ct) ?? ChangeResult.Invalid("code", $"Er is al een maatregel met code {valid.Code}. Kies een andere code.");
    }

    /// <summary>Replaces the measure's fields and years with the draft's. The code cannot change (it names the measure in
    /// the plan, the audit log and saved scenarios); a different code in the draft is an error.</summary>
    public async Task<ChangeResult> UpdateAsync(string code, MeasureDraft draft, int expectedVersion, string user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var measure = await FindAsync(db, code, ct);
        if (measure is null)
        {
            return ChangeResult.NotFound($"Er is geen maatregel met code {code.Trim().ToUpperInvariant()}.");
        }

        var (valid, errors) = await ValidateAsync(db, draft with { Code = string.IsNullOrWhiteSpace(draft.Code) ? measure.Code : draft.Code }, ct);
        if (valid is null)
        {
            return ChangeResult.Invalid(errors);
        }

        if (valid.Code != measure.Code)
        {
            return ChangeResult.Invalid("code", $"De code van een maatregel verandert niet ({measure.Code}). Trek de maatregel in en voeg een nieuwe toe.");
        }

        if (measure.Version != expectedVersion)
        {
            return StaleConflict(measure);
        }

        var before = Valid.Of(measure, await ScenarioNameAsync(db, measure.FirstScenarioId, ct));
        var differences = Differences(before, valid);
        if (differences.Count == 0)
        {
            return ChangeResult.Done; // nothing changed: nothing to record
        }

        Apply(valid, measure);
        Changed(db, user, AuditAction.MeasureChanged, measure, string.Join("; ", differences));
        return await SaveAsync(db, ct) ?? StaleConflict(measure);
    }

    /// <summary>Withdraws a measure (it stops counting in every scenario) or puts it back; a reason is required.</summary>
    public async Task<ChangeResult> SetRetiredAsync(string code, bool retired, int expectedVersion, string? reason, string user, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return ChangeResult.Invalid("reason", retired ? "Geef een reden waarom de maatregel wordt ingetrokken." : "Geef een reden waarom de maatregel wordt teruggezet.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var measure = await FindAsync(db, code, ct);
        if (measure is null)
        {
            return ChangeResult.NotFound($"Er is geen maatregel met code {code.Trim().ToUpperInvariant()}.");
        }

        if (measure.Version != expectedVersion)
        {
            return StaleConflict(measure);
        }

        if ((measure.RetiredAt is not null) == retired)
        {
            return ChangeResult.Done;
        }

        measure.RetiredAt = retired ? clock.GetUtcNow() : null;
        Changed(db, user, retired ? AuditAction.MeasureRetired : AuditAction.MeasureRestored, measure, $"Reden: {reason.Trim()}");
        return await SaveAsync(db, ct) ?? StaleConflict(measure);
    }

    /// <summary>Records the realised yield of a quarter, or corrects the one recorded before (the audit log keeps both).</summary>
    public async Task<ChangeResult> RecordRealisationAsync(string code, RealisationDraft draft, string user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var measure = await FindAsync(db, code, ct);
        if (measure is null)
        {
            return ChangeResult.NotFound($"Er is geen maatregel met code {code.Trim().ToUpperInvariant()}.");
        }

        var errors = new Dictionary<string, string>();
        var period = await PeriodAsync(db, ct);
        if (period is not null && !period.Contains(draft.Year))
        {
            errors["year"] = $"{draft.Year} valt buiten de prognoseperiode {period}.";
        }

        if (draft.Quarter is < 1 or > 4)
        {
            errors["quarter"] = "Het kwartaal is 1, 2, 3 of 4.";
        }
        else if (QuarterStart(draft.Year, draft.Quarter) > DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Amsterdam).DateTime))
        {
            errors["quarter"] = $"Kwartaal {draft.Quarter} van {draft.Year} is nog niet begonnen: een realisatie kan pas worden vastgelegd als het kwartaal loopt.";
        }

        if (Math.Abs(draft.Amount) > MaxAmount || decimal.Round(draft.Amount, 2) != draft.Amount)
        {
            errors["amount"] = "Het bedrag is een bedrag in euro's met hoogstens twee decimalen, kleiner dan een miljard.";
        }

        var explanation = draft.Explanation?.Trim() ?? "";
        if (explanation.Length == 0)
        {
            errors["explanation"] = "Geef een korte toelichting bij de realisatie.";
        }
        else if (explanation.Length > 1000)
        {
            errors["explanation"] = "De toelichting is hoogstens 1000 tekens.";
        }

        if (measure.RetiredAt is not null)
        {
            errors["code"] = $"Maatregel {measure.Code} is ingetrokken; zet hem eerst terug.";
        }

        if (errors.Count > 0)
        {
            return ChangeResult.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        var existing = await db.MeasureRealisations.FirstOrDefaultAsync(r => r.MeasureId == measure.Id && r.Year == draft.Year && r.Quarter == draft.Quarter, ct);
        var label = $"Realisatie {draft.Year} K{draft.Quarter}";
        string details;
        if (existing is null)
        {
            db.MeasureRealisations.Add(new MeasureRealisation
            {
                MeasureId = measure.Id, Year = draft.Year, Quarter = draft.Quarter, Amount = draft.Amount,
                Explanation = explanation, RecordedAt = now, RecordedBy = user,
            });
            details = $"{label}: {Money(draft.Amount)} ({explanation})";
        }
        else
        {
            details = $"{label}: {Money(existing.Amount)} → {Money(draft.Amount)} ({existing.Explanation} → {explanation})";
            existing.Amount = draft.Amount;
            existing.Explanation = explanation;
            existing.RecordedAt = now;
            existing.RecordedBy = user;
        }

        Changed(db, user, AuditAction.RealisationRecorded, measure, details, newVersion: false); // the measure itself is unchanged
        return await SaveAsync(db, ct) ?? ChangeResult.Conflict($"De realisatie van {draft.Year} K{draft.Quarter} werd tegelijk door iemand anders vastgelegd. Bekijk haar opnieuw.");
    }

    internal static string SubjectPrefix(string code) => $"Maatregel {code.Trim().ToUpperInvariant()}:";

    internal static async Task<PrognosisPeriod?> PeriodAsync(AppDbContext db, CancellationToken ct)
    {
        var years = await db.DeficitComponents.GroupBy(_ => 1).Select(g => new { First = g.Min(c => c.Year), Last = g.Max(c => c.Year) }).SingleOrDefaultAsync(ct);
        return years is null ? null : new PrognosisPeriod(years.First, years.Last);
    }

    internal static string Money(decimal? amount) => amount switch
    {
        null => "p.m.",
        var a when a.Value == decimal.Truncate(a.Value) => a.Value.ToString("C0", Nl),
        var a => a.Value.ToString("C2", Nl),
    };

    private static readonly CultureInfo Nl = CultureInfo.GetCultureInfo("nl-NL");
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private static DateOnly QuarterStart(int year, int quarter) => new(year, 3 * (quarter - 1) + 1, 1);

    private static Task<Measure?> FindAsync(AppDbContext db, string code, CancellationToken ct)
    {
        var normalised = code.Trim().ToUpperInvariant();
        return db.Measures.Include(m => m.Years).FirstOrDefaultAsync(m => m.Code == normalised, ct);
    }

    private static Task<string> ScenarioNameAsync(AppDbContext db, int id, CancellationToken ct) =>
        db.Scenarios.Where(s => s.Id == id).Select(s => s.Name).FirstAsync(ct);

    private static ChangeResult StaleConflict(Measure measure) =>
        ChangeResult.Conflict($"Maatregel {measure.Code} is intussen door iemand anders gewijzigd. Uw wijziging is niet opgeslagen; " +
            "laad de maatregel opnieuw en voer haar nog eens in.");

    private void Changed(AppDbContext db, string user, AuditAction action, Measure measure, string details, bool newVersion = true)
    {
        if (newVersion)
        {
            measure.Version++;
        }

        var now = clock.GetUtcNow();
        AuditLog.Add(db, now, user, action, $"{SubjectPrefix(measure.Code)} {measure.Title}", details);
        Analysis.InputChanges.Add(db, now, $"maatregel {measure.Code}", Analysis.StoredAnalysis.Scenarios);
    }

    private Task<ChangeResult?> SaveAsync(AppDbContext db, CancellationToken ct) => ScenarioRecomputeJob.SaveAndQueueAsync(db, jobs, ct);

    /// <summary>A draft that passed every check, normalised.</summary>
    private sealed record Valid(
        string Code, string Title, BudgetDomain? Domain, int FirstScenarioId, string FirstScenario, string? Owner, MeasureStatus Status, string? Note,
        IReadOnlyList<MeasureYearDraft> Years)
    {
        public static Valid Of(Measure m, string firstScenario) => new(
            m.Code, m.Title, m.Domain, m.FirstScenarioId, firstScenario, m.Owner, m.Status, m.YieldNote,
            m.Years.OrderBy(y => y.Year).Select(y => new MeasureYearDraft(y.Year, y.Yield, y.ImplementationCost)).ToList());
    }

    private static void Apply(Valid valid, Measure measure)
    {
        measure.Title = valid.Title;
        measure.Domain = valid.Domain;
        measure.FirstScenarioId = valid.FirstScenarioId;
        measure.Owner = valid.Owner;
        measure.Status = valid.Status;
        measure.YieldNote = valid.Note;
        measure.Years.RemoveAll(y => valid.Years.All(v => v.Year != y.Year));
        foreach (var year in valid.Years)
        {
            var existing = measure.Years.FirstOrDefault(y => y.Year == year.Year);
            if (existing is null)
            {
                measure.Years.Add(new MeasureYear { Year = year.Year, Yield = year.Yield, ImplementationCost = year.ImplementationCost });
            }
            else
            {
                existing.Yield = year.Yield;
                existing.ImplementationCost = year.ImplementationCost;
            }
        }
    }

    private async Task<(Valid? Valid, Dictionary<string, string> Errors)> ValidateAsync(AppDbContext db, MeasureDraft draft, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var code = draft.Code?.Trim().ToUpperInvariant() ?? "";
        if (code.Length == 0)
        {
            errors["code"] = "Vul een code in, zoals W5 of J4.";
        }
        else if (!CodePattern().IsMatch(code))
        {
            errors["code"] = $"'{Cut(code)}' is geen geldige code: een letter, dan letters of cijfers, hoogstens 10 tekens (zoals W5).";
        }

        var title = draft.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            errors["title"] = "Vul de titel van de maatregel in.";
        }
        else if (title.Length > 300)
        {
            errors["title"] = "De titel is hoogstens 300 tekens.";
        }

        BudgetDomain? domain = null;
        if (!string.IsNullOrWhiteSpace(draft.Domain) && !IsDomainWide(draft.Domain))
        {
            domain = BudgetDomains.FromDutchName(draft.Domain)
                ?? (Enum.TryParse<BudgetDomain>(draft.Domain.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null);
            if (domain is null)
            {
                errors["domain"] = $"Onbekend domein '{Cut(draft.Domain)}'. Kies uit {string.Join(", ", Enum.GetValues<BudgetDomain>().Select(d => d.DutchName()))} " +
                    "of laat leeg voor het hele sociaal domein.";
            }
        }

        var scenarios = await db.Scenarios.AsNoTracking().OrderBy(s => s.Rank).ToListAsync(ct);
        var eligible = scenarios.Where(s => s.Rank > 1 && !s.IsIndicative).ToList();
        var first = eligible.FirstOrDefault(s => string.Equals(s.Name, draft.FirstScenario?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (first is null)
        {
            errors["firstScenario"] = string.IsNullOrWhiteSpace(draft.FirstScenario)
                ? $"Kies het eerste scenario waarin de maatregel meetelt: {string.Join(" of ", eligible.Select(s => s.Name))}."
                : $"'{Cut(draft.FirstScenario)}' kan niet: een maatregel hoort bij {string.Join(" of ", eligible.Select(s => s.Name))} " +
                  "(Doorgaan heeft geen maatregelen, een indicatief scenario wordt niet doorgerekend).";
        }

        var status = MeasureStatus.Proposed;
        if (!string.IsNullOrWhiteSpace(draft.Status))
        {
            if (MeasureStatuses.Parse(draft.Status) is { } parsedStatus)
            {
                status = parsedStatus;
            }
            else
            {
                errors["status"] = $"Onbekende status '{Cut(draft.Status)}'. Kies uit {string.Join(", ", Enum.GetValues<MeasureStatus>().Select(s => s.DutchName()))}.";
            }
        }

        var owner = string.IsNullOrWhiteSpace(draft.Owner) ? null : draft.Owner.Trim();
        if (owner is { Length: > 200 })
        {
            errors["owner"] = "De eigenaar is hoogstens 200 tekens.";
        }

        var note = string.IsNullOrWhiteSpace(draft.Note) ? null : draft.Note.Trim();
        if (note is { Length: > 1000 })
        {
            errors["note"] = "De toelichting is hoogstens 1000 tekens.";
        }

        var period = await PeriodAsync(db, ct);
        var years = draft.Years ?? [];
        for (var i = 0; i < years.Count; i++)
        {
            var year = years[i];
            if (period is null || !period.Contains(year.Year))
            {
                errors[$"years[{i}].year"] = period is null
                    ? "Er is nog geen prognose: voer eerst de tekortcomponenten in."
                    : $"{year.Year} valt buiten de prognoseperiode {period}.";
            }
            else if (years.Take(i).Any(y => y.Year == year.Year))
            {
                errors[$"years[{i}].year"] = $"{year.Year} staat twee keer in de jaren.";
            }

            if (year.Yield is { } yield && !IsAmount(yield))
            {
                errors[$"years[{i}].yield"] = $"De opbrengst in {year.Year} is geen geldig bedrag (euro's, hoogstens twee decimalen, kleiner dan een miljard).";
            }

            if (!IsAmount(year.ImplementationCost) || year.ImplementationCost < 0)
            {
                errors[$"years[{i}].implementationCost"] = $"De uitvoeringskosten in {year.Year} zijn een bedrag van 0 of meer, hoogstens twee decimalen.";
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new Valid(code, title, domain, first!.Id, first.Name, owner, status, note,
            years.OrderBy(y => y.Year).ToList()), errors);
    }

    private static bool IsAmount(decimal value) => Math.Abs(value) <= MaxAmount && decimal.Round(value, 2) == value;

    private static bool IsDomainWide(string domain) =>
        domain.Trim().ToLowerInvariant() is "sociaal domein" or "sociaal domein breed" or "domeinbreed" or "breed";

    private static string Cut(string text) => text.Length <= 40 ? text : text[..39] + "…";

    private static string Describe(Valid valid) =>
        $"{valid.Title}; domein {valid.Domain?.DutchName() ?? "sociaal domein breed"}; vanaf {valid.FirstScenario}; status {valid.Status.DutchName()}; " +
        string.Join(", ", valid.Years.Select(y => $"{y.Year}: {Money(y.Yield)}" + (y.ImplementationCost != 0 ? $" (kosten {Money(y.ImplementationCost)})" : "")));

    /// <summary>"Titel: 'a' → 'b'", "Opbrengst 2019: € 250.000 → € 300.000", … for the audit log.</summary>
    private static List<string> Differences(Valid before, Valid after)
    {
        var lines = new List<string>();
        void Compare(string label, string? a, string? b)
        {
            if (!string.Equals(a, b, StringComparison.Ordinal))
            {
                lines.Add($"{label}: {a ?? "(leeg)"} → {b ?? "(leeg)"}");
            }
        }

        Compare("Titel", before.Title, after.Title);
        Compare("Domein", before.Domain?.DutchName() ?? "sociaal domein breed", after.Domain?.DutchName() ?? "sociaal domein breed");
        Compare("Eerste scenario", before.FirstScenario, after.FirstScenario);
        Compare("Eigenaar", before.Owner, after.Owner);
        Compare("Status", before.Status.DutchName(), after.Status.DutchName());
        Compare("Toelichting", before.Note, after.Note);
        foreach (var year in before.Years.Select(y => y.Year).Union(after.Years.Select(y => y.Year)).Order())
        {
            var a = before.Years.FirstOrDefault(y => y.Year == year);
            var b = after.Years.FirstOrDefault(y => y.Year == year);
            if (a?.Yield != b?.Yield || (a is null) != (b is null))
            {
                lines.Add($"Opbrengst {year}: {(a is null ? "(geen)" : Money(a.Yield))} → {(b is null ? "(geen)" : Money(b.Yield))}");
            }

            if ((a?.ImplementationCost ?? 0) != (b?.ImplementationCost ?? 0))
            {
                lines.Add($"Uitvoeringskosten {year}: {Money(a?.ImplementationCost ?? 0)} → {Money(b?.ImplementationCost ?? 0)}");
            }
        }

        return lines;
    }

    [GeneratedRegex(@"^[A-Z][A-Z0-9\-]{0,9}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
