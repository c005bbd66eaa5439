using System.Data;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Scenarios;
using SociaalDomein.Infrastructure.Analysis;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Scenarios;

/// <summary>The stored scenario figures: one row, replaced whole by the recompute job.</summary>
public class ScenarioFigureSet
{
    public const int SingleId = 1;

    public int Id { get; set; } = SingleId;
    public DateTimeOffset ComputedAt { get; set; }

    /// <summary>The scenario input version (<see cref="InputChanges"/>, <see cref="StoredAnalysis.Scenarios"/>) the
    /// figures were computed from, read in the same database snapshot as the data.</summary>
    public long InputVersion { get; set; }

    /// <summary>The figures as JSON (the shape of <see cref="ScenarioFigures"/>).</summary>
    public required string FiguresJson { get; set; }
}

/// <summary>The figures the pages show, when they were computed, and whether a change has been made since
/// (a recompute is then queued or running).</summary>
public sealed record StoredScenarioFigures(ScenarioFigures Figures, DateTimeOffset? ComputedAt, bool RecomputePending);

/// <summary>
/// Computes the scenario figures from the database and stores them (docs/domain.md §8; ADR 12). The computation reads
/// all its input and the input version in one repeatable-read snapshot; the write keeps whichever set was computed
/// from the newest input, so two recomputes racing (two changes in quick succession, two instances) always end with
/// the figures of the latest change, and a reader never sees a half-written set.
/// </summary>
public sealed class ScenarioFigureStore(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>How long a change may wait for its queued recompute before a reader computes the figures itself (the
    /// job may have been lost with the process that queued it).</summary>
    public static readonly TimeSpan RecomputeGrace = TimeSpan.FromMinutes(1);

    /// <summary>The stored figures. When there are none yet (a fresh start), or a change has waited longer than
    /// <see cref="RecomputeGrace"/> for its recompute, they are computed and stored now: that takes milliseconds.</summary>
    public async Task<StoredScenarioFigures> ReadAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var stored = await db.ScenarioFigureSets.AsNoTracking().SingleOrDefaultAsync(s => s.Id == ScenarioFigureSet.SingleId, ct);
        var version = await InputChanges.VersionAsync(db, StoredAnalysis.Scenarios, ct);
        if (stored is null || (stored.InputVersion < version && await LastChangeAsync(db, ct) < clock.GetUtcNow() - RecomputeGrace))
        {
            await RefreshAsync(ct);
            stored = await db.ScenarioFigureSets.AsNoTracking().SingleAsync(s => s.Id == ScenarioFigureSet.SingleId, ct);
            version = await InputChanges.VersionAsync(db, StoredAnalysis.Scenarios, ct);
        }

        return new StoredScenarioFigures(
            JsonSerializer.Deserialize<ScenarioFigures>(stored.FiguresJson, Json)!, stored.ComputedAt, stored.InputVersion < version);
    }

    private static Task<DateTimeOffset?> LastChangeAsync(AppDbContext db, CancellationToken ct) =>
        db.InputChanges.Where(c => c.Affects == StoredAnalysis.Scenarios).MaxAsync(c => (DateTimeOffset?)c.ChangedAt, ct);

    /// <summary>Computes the figures and stores them, unless a set from newer input is stored already.</summary>
    public async Task RefreshAsync(CancellationToken ct = default)
    {
        var (figures, version) = await ComputeAsync(ct);
        await StoreAsync(figures, version, ct);
    }

    /// <summary>Stores a computed set unless one computed from newer input is stored already.</summary>
    internal async Task StoreAsync(ScenarioFigures figures, long version, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // One statement: insert the first set, or replace a set computed from older (or the same) input.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "ScenarioFigureSets" ("Id", "ComputedAt", "InputVersion", "FiguresJson")
            VALUES ({ScenarioFigureSet.SingleId}, {clock.GetUtcNow()}, {version}, {JsonSerializer.Serialize(figures, Json)}::json)
            ON CONFLICT ("Id") DO UPDATE
            SET "ComputedAt" = excluded."ComputedAt", "InputVersion" = excluded."InputVersion", "FiguresJson" = excluded."FiguresJson"
            WHERE "ScenarioFigureSets"."InputVersion" <= excluded."InputVersion"
            """, ct);
    }

    /// <summary>The figures as the database holds them now, with the input version they reflect.</summary>
    public async Task<(ScenarioFigures Figures, long InputVersion)> ComputeAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var version = await InputChanges.VersionAsync(db, StoredAnalysis.Scenarios, ct);
        var baseline = await db.DeficitComponents
            .GroupBy(c => c.Year)
            .Select(g => new { Year = g.Key, Amount = g.Sum(c => c.Amount) })
            .ToDictionaryAsync(x => x.Year, x => x.Amount, ct);
        var margins = await db.PrudenceMargins.ToDictionaryAsync(p => p.Year, p => p.Amount, ct);
        var scenarios = (await db.Scenarios.AsNoTracking().OrderBy(s => s.Rank).ToListAsync(ct))
            .Select(s => (new ScenarioInput(s.Id, s.Rank, s.Name, s.IsIndicative), s.Description))
            .ToList();
        var path = await db.ScenarioPathYears.ToDictionaryAsync(p => (p.ScenarioId, p.Year), p => p.Deficit, ct);
        var measures = await LoadMeasuresAsync(db, ct);
        await transaction.CommitAsync(ct);
        return (ScenarioFigures.Build(baseline, margins, scenarios, measures, path), version);
    }

    /// <summary>Every measure, withdrawn ones included, in the plan's order (<see cref="MeasureCodes.SortKey"/>).</summary>
    internal static async Task<List<MeasureFigures>> LoadMeasuresAsync(AppDbContext db, CancellationToken ct) =>
        (await db.Measures.AsNoTracking()
            .Include(m => m.Years).Include(m => m.Realisations).Include(m => m.FirstScenario)
            .AsSplitQuery()
            .ToListAsync(ct))
        .OrderBy(m => MeasureCodes.SortKey(m.Code))
        .Select(m => new MeasureFigures(
            m.Code, m.Title, m.Domain, m.FirstScenario!.Rank, m.FirstScenario.Name, m.Owner, m.Status, m.YieldNote,
            m.YieldIncludedIn, m.RetiredAt is not null, m.Version,
            m.Years.OrderBy(y => y.Year).Select(y => new MeasureYearFigure(y.Year, y.Yield, y.ImplementationCost)).ToList(),
            m.Realisations.OrderBy(r => r.Year).ThenBy(r => r.Quarter)
                .Select(r => new RealisationFigure(r.Year, r.Quarter, r.Amount, r.Explanation, r.RecordedAt, r.RecordedBy)).ToList()))
        .ToList();
}

/// <summary>Measure codes sort as the plan lists them: W, J, P, S by domain letter, then by number (W2 before W10).</summary>
public static class MeasureCodes
{
    public static (int Letter, string Prefix, int Number) SortKey(string code)
    {
        var digits = code.Length - code.Reverse().TakeWhile(char.IsAsciiDigit).Count();
        var prefix = code[..digits];
        var number = int.TryParse(code[digits..], out var n) ? n : 0;
        var letter = "WJPS".IndexOf(prefix.Length > 0 ? prefix[0] : ' ');
        return (letter < 0 ? 9 : letter, prefix, number);
    }
}
