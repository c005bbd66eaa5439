using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Forecasts;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Analysis;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Forecasts;

/// <summary>What <see cref="ForecastFigureStore.RefreshAllAsync"/> stored: the forecasts' year and month ends, and the number
/// of lines whose accuracy it stored.</summary>
public sealed record ForecastRefresh(int? Year, IReadOnlyList<DateOnly> AsOf, int AccuracyLines);

/// <summary>
/// The forecasts per (year, as-of month end) and the accuracy per budget line, stored (<see cref="ForecastFigureSet"/>,
/// <see cref="ForecastAccuracySet"/>) with the input version they were computed from (<see cref="InputChanges"/>,
/// <see cref="StoredAnalysis.Forecasts"/>: every import of actuals, claims or assignments, every tariff, budget, claim group
/// and method-choice change writes one), so the forecast page, the API and the quarterly report read them instead of
/// computing them (docs/domain.md §7, docs/architecture.md "adding an analysis"). The figures are exactly what
/// <see cref="ForecastService"/> computes, stored whole as JSON.
/// <para>A result is current while the version is unchanged; the accuracy, which uses everything known "today", also only
/// while it was computed this calendar year and no claim submitted since the day it was computed has come in. A missing or
/// stale result is computed on request and stored, so a page never shows figures older than their input; the
/// <see cref="ForecastRecomputeJob"/> computes what a user most likely opens ahead of them. The version is read before the
/// data: a change that commits while a result is being computed leaves that result stale, never a stale result current.
/// Several instances may compute the same key at once: the write is one upsert that keeps whichever result was computed
/// from the newest input.</para>
/// </summary>
public sealed class ForecastFigureStore(IDbContextFactory<AppDbContext> contexts, ForecastService forecasts)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(), new YearEndForecastConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OnlyStoredProperties } },
    };

    /// <summary>The forecast of <paramref name="year"/> as of <paramref name="asOf"/>: the stored one while current,
    /// otherwise computed (<see cref="ForecastService.ForecastAsync"/>, with its Dutch refusals) and stored.
    /// <see cref="ForecastReport.ComputedAt"/> is when the figures were computed.</summary>
    public async Task<ForecastAnswer<ForecastReport>> ForecastAsync(int year, DateOnly asOf, CancellationToken ct = default)
    {
        // A stored forecast is a valid one: an as-of date that is a month end in the year and not in the future stays so, and
        // a budget or data added since would have changed the version.
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var row = await db.ForecastFigureSets.AsNoTracking().Where(s => s.Year == year && s.AsOf == asOf)
                .Select(s => new { s.InputVersion, s.ComputedAt, s.FiguresJson }).FirstOrDefaultAsync(ct);
            if (row is not null && row.InputVersion >= await VersionAsync(db, ct))
            {
                return ForecastAnswer<ForecastReport>.Of(
                    JsonSerializer.Deserialize<ForecastReport>(row.FiguresJson, Json)! with { ComputedAt = row.ComputedAt });
            }
        }

        return await RefreshAsync(year, asOf, ct);
    }

    /// <summary>Computes the forecast of <paramref name="year"/> as of <paramref name="asOf"/> and stores it (unless it is
    /// refused, which is returned and not stored).</summary>
    public async Task<ForecastAnswer<ForecastReport>> RefreshAsync(int year, DateOnly asOf, CancellationToken ct = default)
    {
        var version = await VersionAsync(ct);
        var answer = await forecasts.ForecastAsync(year, asOf, ct);
        if (answer.Value is not { } computed)
        {
            return answer;
        }

        var report = computed with { ComputedAt = Microseconds(computed.ComputedAt) }; // as the column keeps it
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "ForecastFigureSets" ("Year", "AsOf", "ComputedAt", "InputVersion", "FiguresJson")
            VALUES ({year}, {asOf}, {report.ComputedAt}, {version}, {JsonSerializer.Serialize(report, Json)}::json)
            ON CONFLICT ("Year", "AsOf") DO UPDATE
            SET "ComputedAt" = excluded."ComputedAt", "InputVersion" = excluded."InputVersion", "FiguresJson" = excluded."FiguresJson"
            WHERE "ForecastFigureSets"."InputVersion" <= excluded."InputVersion"
            """, ct);
        return ForecastAnswer<ForecastReport>.Of(report);
    }

    /// <summary>The accuracy of line <paramref name="lineCode"/>: the stored one while current, otherwise computed
    /// (<see cref="ForecastService.AccuracyAsync(string?, CancellationToken)"/>, with its Dutch refusals) and stored.</summary>
    public async Task<ForecastAnswer<LineAccuracy>> AccuracyAsync(string? lineCode, CancellationToken ct = default)
    {
        var today = forecasts.Today();
        int? lineId = null;
        if (!string.IsNullOrWhiteSpace(lineCode))
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var code = lineCode.Trim().ToLower();
            lineId = await db.BudgetLines.Where(l => l.Code.ToLower() == code).Select(l => (int?)l.Id).FirstOrDefaultAsync(ct);
            var row = lineId is null
                ? null
                : await db.ForecastAccuracySets.AsNoTracking().Where(s => s.BudgetLineId == lineId)
                    .Select(s => new { s.InputVersion, s.KnownBy, s.ComputedAt, s.FiguresJson }).FirstOrDefaultAsync(ct);
            if (row is not null && row.InputVersion >= await VersionAsync(db, ct) && await StillKnownAsync(db, row.KnownBy, today, ct))
            {
                return ForecastAnswer<LineAccuracy>.Of(
                    JsonSerializer.Deserialize<LineAccuracy>(row.FiguresJson, Json)! with { ComputedAt = row.ComputedAt });
            }
        }

        var version = await VersionAsync(ct);
        var answer = await forecasts.AccuracyAsync(lineCode, today, ct);
        if (answer.Value is not { } computed || lineId is not { } id)
        {
            return answer;
        }

        var accuracy = computed with { ComputedAt = Microseconds(computed.ComputedAt) };
        await StoreAccuracyAsync(id, accuracy, today, version, ct);
        return ForecastAnswer<LineAccuracy>.Of(accuracy);
    }

    /// <summary>
    /// What a user most likely opens, computed and stored (the <see cref="ForecastRecomputeJob"/>): the accuracy of every
    /// budget line (one reading of the data) and, for the latest year with a budget and monthly actuals, the forecast as of
    /// every month end up to the last month with actuals (the month ends a page offers for it).
    /// </summary>
    public async Task<ForecastRefresh> RefreshAllAsync(CancellationToken ct = default)
    {
        var today = forecasts.Today();
        var version = await VersionAsync(ct);
        var accuracies = await forecasts.AccuracyOfEveryLineAsync(today, ct);
        foreach (var (lineId, accuracy) in accuracies)
        {
            await StoreAccuracyAsync(lineId, accuracy with { ComputedAt = Microseconds(accuracy.ComputedAt) }, today, version, ct);
        }

        var stored = new List<DateOnly>();
        var latest = await forecasts.DefaultAsOfAsync(ct);
        if (latest is { } last)
        {
            for (var month = 1; month <= last.Month; month++)
            {
                var asOf = ForecastCalendar.MonthEnd(last.Year, month);
                if (asOf <= today && (await RefreshAsync(last.Year, asOf, ct)).Value is not null)
                {
                    stored.Add(asOf);
                }
            }
        }

        return new ForecastRefresh(latest?.Year, stored, accuracies.Count);
    }

    /// <summary>Stores a line's accuracy unless one computed from newer input (or, from the same input, on a later day) is
    /// stored already.</summary>
    private async Task StoreAccuracyAsync(int lineId, LineAccuracy accuracy, DateOnly knownBy, long version, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "ForecastAccuracySets" ("BudgetLineId", "KnownBy", "ComputedAt", "InputVersion", "FiguresJson")
            VALUES ({lineId}, {knownBy}, {accuracy.ComputedAt}, {version}, {JsonSerializer.Serialize(accuracy, Json)}::json)
            ON CONFLICT ("BudgetLineId") DO UPDATE
            SET "KnownBy" = excluded."KnownBy", "ComputedAt" = excluded."ComputedAt", "InputVersion" = excluded."InputVersion",
                "FiguresJson" = excluded."FiguresJson"
            WHERE "ForecastAccuracySets"."InputVersion" < excluded."InputVersion"
               OR ("ForecastAccuracySets"."InputVersion" = excluded."InputVersion" AND "ForecastAccuracySets"."KnownBy" <= excluded."KnownBy")
            """, ct);
    }

    /// <summary>Whether an accuracy computed with what was known on <paramref name="knownBy"/> is what <paramref name="today"/>
    /// would give on the same input: the same year (the backtest takes the years before it, the inputs the years up to it)
    /// and no approved claim submitted after that day and by today (the only input dated within a year).</summary>
    private static async Task<bool> StillKnownAsync(AppDbContext db, DateOnly knownBy, DateOnly today, CancellationToken ct) =>
        knownBy == today
        || (knownBy < today && knownBy.Year == today.Year
            && !await db.Claims.AnyAsync(c => c.Status == ClaimStatus.Approved && c.SubmittedOn > knownBy && c.SubmittedOn <= today, ct));

    private async Task<long> VersionAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await VersionAsync(db, ct);
    }

    private static Task<long> VersionAsync(AppDbContext db, CancellationToken ct) => InputChanges.VersionAsync(db, StoredAnalysis.Forecasts, ct);

    /// <summary>A moment as a PostgreSQL timestamp keeps it (microseconds), so the stored figures and the column agree.</summary>
    private static DateTimeOffset Microseconds(DateTimeOffset at) => at.AddTicks(-(at.Ticks % 10));

    /// <summary>Stores only what the constructors take: computed properties (a balance, a point's error) are computed again
    /// after reading.</summary>
    private static void OnlyStoredProperties(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var parameters = info.Type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .SelectMany(c => c.GetParameters()).Select(p => p.Name).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            if (info.Properties[i].Set is null && info.Properties[i].AttributeProvider is PropertyInfo property && !parameters.Contains(property.Name))
            {
                info.Properties.RemoveAt(i);
            }
        }
    }

    /// <summary>A <see cref="YearEndForecast"/> (made only by its factories) as {method, amount, reason}.</summary>
    private sealed class YearEndForecastConverter : JsonConverter<YearEndForecast>
    {
        private sealed record Shape(ForecastMethod Method, decimal? Amount, string? Reason);

        public override YearEndForecast Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var shape = JsonSerializer.Deserialize<Shape>(ref reader, options) ?? throw new JsonException("Een prognose ontbreekt.");
            return shape.Amount is { } amount
                ? YearEndForecast.Of(shape.Method, amount)
                : YearEndForecast.NotComputable(shape.Method, shape.Reason ?? "");
        }

        public override void Write(Utf8JsonWriter writer, YearEndForecast value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, new Shape(value.Method, value.Amount, value.Reason), options);
    }
}
