using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Jobs;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Providers;

/// <summary>
/// How far budget ceilings are used (docs/domain.md §9, "Ceiling use"), read live from the claims: one SQL statement
/// computes per ceiling the spent amount and its year's as-of date; <see cref="CeilingProjection"/> adds the projection
/// and the projected date. Spent = Σ approved claims (signed, so credits subtract) of the ceiling's provider that match its
/// law and product, each prorated by the days of its service period inside the year and up to the as-of date; the
/// as-of date = the latest PeriodEnd of approved claims in that year over all providers, capped at 31 December and
/// at today (in Dutch time).
/// </summary>
public sealed class CeilingService(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    /// <summary>The status of every ceiling of a year (all providers), ordered by provider.</summary>
    public async Task<IReadOnlyList<CeilingStatus>> StatusesAsync(int year, CancellationToken ct) =>
        (await QueryAsync(year, null, ct))
            .OrderBy(s => s.ProviderAgb, StringComparer.Ordinal).ThenBy(s => s.Law).ThenBy(s => s.ProductCode, StringComparer.Ordinal).ToList();

    /// <summary>The statuses of one provider's ceilings, all years, newest year first.</summary>
    public async Task<IReadOnlyList<CeilingStatus>> ForProviderAsync(string agb, CancellationToken ct) =>
        (await QueryAsync(null, agb, ct))
            .OrderByDescending(s => s.Year).ThenBy(s => s.Law).ThenBy(s => s.ProductCode, StringComparer.Ordinal).ToList();

    /// <summary>Every ceiling of every year (what the warning job evaluates).</summary>
    public Task<IReadOnlyList<CeilingStatus>> AllAsync(CancellationToken ct) => QueryAsync(null, null, ct);

    /// <summary>Today in the municipality's time zone: the as-of date never lies beyond it.</summary>
    public DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), RecurringJobs.Amsterdam).DateTime);

    // Each step names the rule of CeilingProjection / docs/domain.md §9 it mirrors. Claim status 2 = Approved.
    private const string Query =
        """
        WITH ceilings AS (
            SELECT b."Id", b."ProviderAgb", b."Year", b."Law", b."ProductCode", b."Amount"
            FROM "BudgetCeilings" b
            WHERE (@year IS NULL OR b."Year" = @year) AND (@agb IS NULL OR b."ProviderAgb" = @agb)
        ),
        -- CeilingProjection.AsOf: the latest PeriodEnd of approved claims in the year over ALL providers ...
        latest AS (
            SELECT y."Year",
                   (SELECT max(c."PeriodEnd") FROM "Claims" c
                    WHERE c."Status" = 2 AND c."PeriodStart" <= make_date(y."Year", 12, 31) AND c."PeriodEnd" >= make_date(y."Year", 1, 1)) AS latest
            FROM (SELECT DISTINCT "Year" FROM ceilings) y
        ),
        -- ... capped at 31 December and today; without claims (or before the year) the day before 1 January.
        as_of AS (
            SELECT "Year",
                   CASE WHEN latest IS NULL THEN make_date("Year", 1, 1) - 1
                        ELSE GREATEST(make_date("Year", 1, 1) - 1, LEAST(latest, make_date("Year", 12, 31), @today)) END AS as_of
            FROM latest
        )
        SELECT b."Id", b."ProviderAgb", b."Year", b."Law", b."ProductCode", b."Amount", a.as_of,
               -- spent: matching approved claims, prorated by the days of their period in [1 January, as-of]
               coalesce((
                   SELECT round(sum(c."Amount"
                                * (LEAST(c."PeriodEnd", a.as_of) - GREATEST(c."PeriodStart", make_date(b."Year", 1, 1)) + 1)
                                / GREATEST(c."PeriodEnd" - c."PeriodStart" + 1, 1)), 2)
                   FROM "Claims" c
                   WHERE c."ProviderAgb" = b."ProviderAgb" AND c."Status" = 2
                     AND (b."Law" IS NULL OR c."Law" = b."Law")
                     AND (b."ProductCode" IS NULL OR c."ProductCode" = b."ProductCode")
                     AND c."PeriodStart" <= a.as_of AND c."PeriodEnd" >= make_date(b."Year", 1, 1)
                     AND c."PeriodEnd" >= c."PeriodStart"
               ), 0) AS spent
        FROM ceilings b JOIN as_of a ON a."Year" = b."Year"
        """;

    private async Task<IReadOnlyList<CeilingStatus>> QueryAsync(int? year, string? agb, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(Query, connection);
        command.Parameters.Add(new NpgsqlParameter("year", NpgsqlDbType.Integer) { Value = (object?)year ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("agb", NpgsqlDbType.Text) { Value = (object?)agb?.Trim() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("today", NpgsqlDbType.Date) { Value = Today() });
        var statuses = new List<CeilingStatus>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            statuses.Add(CeilingProjection.Status(
                reader.GetInt32(0),
                reader.GetString(1),
                reader.GetInt32(2),
                reader.IsDBNull(3) ? null : (Law)reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetDecimal(5),
                reader.GetDecimal(7),
                reader.GetFieldValue<DateOnly>(6)));
        }

        return statuses;
    }
}
