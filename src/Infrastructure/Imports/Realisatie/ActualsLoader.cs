using System.Runtime.CompilerServices;
using System.Globalization;
using System.Runtime.InteropServices;
using Npgsql;
using SociaalDomein.Domain.Budgets;

namespace SociaalDomein.Infrastructure.Imports.Realisatie;

/// <summary>
/// Loads ledger actuals set-based (docs/import-formats.md, record kind 3): the valid bookings are added up per budget
/// line, year and month while the file streams past (at most lines × months of the file: 30,000 sums for a million
/// bookings of 500 lines over five years), the sums go by COPY into a temporary table, every "ActualMonths" row of the
/// (year, month) pairs the file has is deleted (all lines: the file replaces those months whole) and the sums are
/// inserted from the temporary table. Summing here rather than by a GROUP BY over a million staged rows halves the
/// import (docs/benchmarks.md, "Realisatie"). Months the file does not have stay as they are. Runs inside the import's transaction, after the lock that
/// serialises imports (<see cref="ImportLocks.Serial"/>), under which it also reads the budget lines and closed years
/// the rows are checked against (<see cref="Lookup"/>), so they stay exact until the commit.
/// </summary>
internal sealed class ActualsLoader : IRecordLoader<ActualRecord>
{
    private readonly long _importRunId;
    private readonly Dictionary<(int Line, int Year, int Month), decimal> _sums = [];
    private readonly char[] _line = new char[96];

    private ActualsLoader(long importRunId, BudgetLineLookup lookup)
    {
        _importRunId = importRunId;
        Lookup = lookup;
    }

    /// <summary>The budget lines and closed years, read in the import's transaction.</summary>
    public BudgetLineLookup Lookup { get; }

    public int Revoked => 0;

    public static async Task<ActualsLoader> BeginAsync(NpgsqlConnection connection, long importRunId, CancellationToken ct)
    {
        await using (var prepare = new NpgsqlCommand(
            $"""
            SELECT pg_advisory_xact_lock({ImportLocks.Serial});
            CREATE TEMP TABLE actual_sums ("BudgetLineId" integer NOT NULL, "Year" integer NOT NULL, "Month" integer NOT NULL,
                "Amount" numeric NOT NULL) ON COMMIT DROP;
            """, connection) { CommandTimeout = 0 })
        {
            await prepare.ExecuteNonQueryAsync(ct);
        }

        return new ActualsLoader(importRunId, await BudgetLineLookup.ReadAsync(connection, ct));
    }

    /// <summary>Adds the booking to its line and month.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(ActualRecord record) =>
        CollectionsMarshal.GetValueRefOrAddDefault(_sums, (record.BudgetLineId, record.Year, record.Month), out _) += record.Amount;

    /// <summary>Sends the sums by COPY and replaces the file's months. Inserted: monthly figures of a line
    /// and month that had none; updated: figures that replaced a stored one. The note says which months were replaced
    /// and how many stored figures of those months had no booking in the file (they are gone).</summary>
    public async Task<LoadResult> CompleteAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using (var copy = (NpgsqlCopyTextWriter)await connection.BeginTextImportAsync(
            """COPY actual_sums ("BudgetLineId", "Year", "Month", "Amount") FROM STDIN""", ct))
        {
            foreach (var ((line, year, month), amount) in _sums)
            {
                // One line of COPY text: line id, year, month, amount (invariant digits).
                var span = _line.AsSpan();
                var n = 0;
                Append(line, span, ref n);
                Append(year, span, ref n);
                Append(month, span, ref n);
                amount.TryFormat(span[n..], out var written, default, CultureInfo.InvariantCulture);
                n += written;
                span[n++] = '\n';
                await copy.WriteAsync(_line.AsMemory(0, n), ct);
            }
        }

        await using var command = new NpgsqlCommand(
            """
            CREATE TEMP TABLE actual_months ON COMMIT DROP AS SELECT DISTINCT "Year", "Month" FROM actual_sums;

            SELECT count(*) FROM actual_sums;
            SELECT count(*) FROM "ActualMonths" a JOIN actual_sums s USING ("BudgetLineId", "Year", "Month");
            SELECT count(*), min("Year" * 100 + "Month"), max("Year" * 100 + "Month") FROM actual_months;
            WITH deleted AS (
                DELETE FROM "ActualMonths" a USING actual_months m WHERE a."Year" = m."Year" AND a."Month" = m."Month"
                RETURNING 1
            )
            SELECT count(*) FROM deleted;
            INSERT INTO "ActualMonths" ("BudgetLineId", "Year", "Month", "Amount", "ImportRunId")
                SELECT "BudgetLineId", "Year", "Month", "Amount", @run FROM actual_sums ORDER BY "BudgetLineId", "Year", "Month";
            """, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("run", _importRunId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var figures = await ScalarAsync(reader, ct);
        await reader.NextResultAsync(ct);
        var replaced = await ScalarAsync(reader, ct);
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        var months = reader.GetInt64(0);
        var first = months > 0 ? reader.GetInt32(1) : 0;
        var last = months > 0 ? reader.GetInt32(2) : 0;
        await reader.NextResultAsync(ct);
        var deleted = await ScalarAsync(reader, ct);
        while (await reader.NextResultAsync(ct))
        {
        }

        return new LoadResult(0, (int)(figures - replaced), (int)replaced, Note(months, first, last, deleted - replaced));
    }

    /// <summary>Nothing to cancel: the sums are only sent by <see cref="CompleteAsync"/>; a rollback drops the
    /// temporary table.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string? Note(long months, int first, int last, long dropped)
    {
        if (months == 0)
        {
            return null;
        }

        static string Month(int yyyymm) => $"{yyyymm % 100:00}-{yyyymm / 100}";
        var note = months == 1
            ? $"De realisatie van maand {Month(first)} is vervangen."
            : $"De realisatie van {months} maanden is vervangen (van {Month(first)} tot en met {Month(last)}; maanden die niet in het bestand staan zijn ongewijzigd).";
        return dropped == 0 ? note
            : note + $" {dropped} eerder ingelezen {(dropped == 1 ? "maandbedrag" : "maandbedragen")} van die maanden zonder boeking in dit bestand {(dropped == 1 ? "is" : "zijn")} vervallen.";
    }

    private static async Task<long> ScalarAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        await reader.ReadAsync(ct);
        return reader.GetInt64(0);
    }

    private static void Append(int value, Span<char> span, ref int n)
    {
        value.TryFormat(span[n..], out var written, default, CultureInfo.InvariantCulture);
        n += written;
        span[n++] = '\t';
    }
}
