using Npgsql;
using NpgsqlTypes;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Providers;

namespace SociaalDomein.Infrastructure.DemoData;

/// <summary>
/// Synthetic claims (declaraties) for the demo assignments, the same every time: one per assignment and calendar month
/// from January 2015 to September 2019, for what the assignment grants that month (<see cref="AssignmentAmount"/>)
/// times a delivery rate of its own — most providers deliver 84–97 %, a few well under 80 % (utilisation, uitputting) —
/// with a little noise per month. Submitted with a realistic lag: most within a month or two, a tail up to a year; what
/// would be submitted after the demo's "today" (<see cref="Today"/>) does not exist yet, and the last weeks' claims are
/// still being checked. About 1 % is rejected and sent again, a few approved ones are credited (a negative claim pointing
/// at the original) and claimed again for less. Claim numbers start with "DEMO-". Nothing in it is real.
/// </summary>
internal static class DemoClaims
{
    public const int Seed = 323;

    /// <summary>The demo world's "now": the last service month is September 2019 (a year in progress).</summary>
    public static readonly DateOnly Today = new(2019, 10, 31);

    private static readonly DateOnly FirstMonth = new(2015, 1, 1);
    private static readonly DateOnly LastMonth = new(2019, 9, 1);

    /// <summary>Claims of the last three weeks are not yet approved.</summary>
    private static readonly DateOnly ApprovedBy = Today.AddDays(-21);

    /// <summary>The claims for the assignments (each with its stored Id, when stored), Ids from 1 in order, credits after
    /// their original.</summary>
    public static IEnumerable<Claim> Generate(IEnumerable<(Assignment Assignment, long? Id)> assignments)
    {
        var random = new Random(Seed);
        long id = 0;
        Claim Next(Assignment a, long? assignmentId, DateOnly from, DateOnly to, decimal amount, DateOnly submitted, decimal? volume)
        {
            id++;
            var number = $"DEMO-{id:0000000}";
            return new Claim
            {
                Id = id,
                IdentityKey = "nr:" + number,
                ClaimNumber = number,
                ClientKey = a.ClientKey,
                ProviderAgb = a.ProviderAgb,
                Law = a.Law,
                ProductCategory = a.ProductCategory,
                ProductCode = a.ProductCode,
                AssignmentId = assignmentId,
                PeriodStart = from,
                PeriodEnd = to,
                Amount = amount,
                SubmittedOn = submitted,
                Status = submitted > ApprovedBy ? ClaimStatus.Submitted : ClaimStatus.Approved,
                Volume = volume,
                Unit = volume is null ? null : a.Unit,
                Tariff = volume is null ? null : a.Tariff,
            };
        }

        foreach (var (a, assignmentId) in assignments)
        {
            if (a.EndDate == a.StartDate || a.IdentityKey.StartsWith("nr:DUBBEL-", StringComparison.Ordinal))
            {
                continue; // revoked: no care; a duplicate row: the provider claims once
            }

            var rate = random.NextDouble() < 0.06 ? 0.6 + random.NextDouble() * 0.18 : 0.84 + random.NextDouble() * 0.13;
            var hours = a.Unit == "uur" && a.Tariff is > 0;
            var month = new DateOnly(a.StartDate.Year, a.StartDate.Month, 1);
            for (month = month < FirstMonth ? FirstMonth : month; month <= LastMonth && (a.EndDate is not { } e || month <= e); month = month.AddMonths(1))
            {
                var from = a.StartDate > month ? a.StartDate : month;
                var monthEnd = month.AddMonths(1).AddDays(-1);
                var to = a.EndDate is { } end && end < monthEnd ? end : monthEnd;
                var yearEnd = new DateOnly(month.Year, 12, 31);
                var yearFrom = a.StartDate > new DateOnly(month.Year, 1, 1) ? a.StartDate : new DateOnly(month.Year, 1, 1);
                var yearTo = a.EndDate is { } last && last < yearEnd ? last : yearEnd;
                var granted = AssignmentAmount.InYear(a.StartDate, a.EndDate, a.Budget, a.Volume, a.Tariff, a.Frequency, month.Year)
                    * (to.DayNumber - from.DayNumber + 1) / (yearTo.DayNumber - yearFrom.DayNumber + 1);
                var delivered = (decimal)(rate * (0.93 + random.NextDouble() * 0.12));
                var lag = Lag(random);
                if (granted <= 0)
                {
                    continue;
                }

                decimal? volume = hours ? Math.Round(granted / a.Tariff!.Value * delivered, 2) : null;
                var amount = hours ? Math.Round(volume!.Value * a.Tariff!.Value, 2) : Math.Round(granted * delivered, 2);
                var submitted = monthEnd.AddDays(lag);
                if (amount <= 0 || submitted > Today)
                {
                    continue;
                }

                var claim = Next(a, assignmentId, from, to, amount, submitted, volume);
                var roll = random.NextDouble();
                if (claim.Status == ClaimStatus.Approved && roll < 0.012)
                {
                    // Rejected (e.g. a period outside the assignment) and sent again under a new number.
                    claim.Status = ClaimStatus.Rejected;
                    yield return claim;
                    var again = submitted.AddDays(random.Next(14, 61));
                    if (again <= Today)
                    {
                        yield return Next(a, assignmentId, from, to, amount, again, volume);
                    }
                }
                else if (claim.Status == ClaimStatus.Approved && roll < 0.018 && submitted.AddDays(30) < ApprovedBy)
                {
                    // Credited later (too many units claimed) and claimed again for what was delivered.
                    yield return claim;
                    var credited = submitted.AddDays(random.Next(30, 121));
                    credited = credited > ApprovedBy ? ApprovedBy : credited;
                    var credit = Next(a, assignmentId, from, to, -amount, credited, volume is { } v ? -v : null);
                    credit.CreditOfId = claim.Id;
                    yield return credit;
                    var share = 0.5m + (decimal)random.NextDouble() * 0.4m;
                    decimal? lower = volume is { } h ? Math.Round(h * share, 2) : null;
                    yield return Next(a, assignmentId, from, to, lower is { } l ? Math.Round(l * a.Tariff!.Value, 2) : Math.Round(amount * share, 2), credited, lower);
                }
                else
                {
                    yield return claim;
                }
            }
        }
    }

    /// <summary>Days after the end of the month: most within a month or two, a tail up to a year.</summary>
    private static int Lag(Random random)
    {
        var roll = random.NextDouble();
        return roll < 0.55 ? random.Next(3, 32) : roll < 0.85 ? random.Next(32, 62) : roll < 0.95 ? random.Next(62, 121) : random.Next(121, 366);
    }

    /// <summary>Writes the claims with binary COPY (hundreds of thousands of rows: EF would take minutes) with their
    /// Ids, then moves the identity on past them. Returns the number of rows.</summary>
    public static async Task<int> CopyAsync(NpgsqlConnection connection, IEnumerable<Claim> claims, CancellationToken ct)
    {
        int rows;
        await using (var writer = await connection.BeginBinaryImportAsync(
            """
            COPY "Claims" ("Id", "IdentityKey", "ClientKey", "ProviderAgb", "Law", "ProductCategory", "ProductCode", "AssignmentNumber",
                "AssignmentId", "PeriodStart", "PeriodEnd", "Amount", "SubmittedOn", "Status", "ClaimNumber", "CreditOfId", "Volume",
                "Unit", "Tariff", "ImportRunId") FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            rows = WriteRows(writer, claims);
            await writer.CompleteAsync(ct);
        }

        await using var sequence = new NpgsqlCommand(
            """SELECT setval(pg_get_serial_sequence('"Claims"', 'Id'), (SELECT max("Id") FROM "Claims"))""", connection);
        await sequence.ExecuteNonQueryAsync(ct);
        return rows;
    }

    /// <summary>Synchronous on purpose: the values go to the importer's buffer, which blocks only when it is flushed; an
    /// await per value would cost more than the COPY.</summary>
    private static int WriteRows(NpgsqlBinaryImporter writer, IEnumerable<Claim> claims)
    {
        var rows = 0;
        foreach (var c in claims)
        {
            writer.StartRow();
            writer.Write(c.Id, NpgsqlDbType.Bigint);
            writer.Write(c.IdentityKey, NpgsqlDbType.Varchar);
            writer.Write(c.ClientKey, NpgsqlDbType.Bytea);
            writer.Write(c.ProviderAgb, NpgsqlDbType.Char);
            writer.Write((int)c.Law, NpgsqlDbType.Integer);
            Nullable(writer, c.ProductCategory, NpgsqlDbType.Varchar);
            writer.Write(c.ProductCode, NpgsqlDbType.Varchar);
            Nullable(writer, c.AssignmentNumber, NpgsqlDbType.Varchar);
            Nullable(writer, c.AssignmentId, NpgsqlDbType.Bigint);
            writer.Write(c.PeriodStart, NpgsqlDbType.Date);
            writer.Write(c.PeriodEnd, NpgsqlDbType.Date);
            writer.Write(c.Amount, NpgsqlDbType.Numeric);
            writer.Write(c.SubmittedOn, NpgsqlDbType.Date);
            writer.Write((int)c.Status, NpgsqlDbType.Integer);
            Nullable(writer, c.ClaimNumber, NpgsqlDbType.Varchar);
            Nullable(writer, c.CreditOfId, NpgsqlDbType.Bigint);
            Nullable(writer, c.Volume, NpgsqlDbType.Numeric);
            Nullable(writer, c.Unit, NpgsqlDbType.Varchar);
            Nullable(writer, c.Tariff, NpgsqlDbType.Numeric);
            writer.Write(c.ImportRunId, NpgsqlDbType.Bigint);
            rows++;
        }

        return rows;
    }

    private static void Nullable<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type) where T : class
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.Write(value, type);
        }
    }

    private static void Nullable<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type) where T : struct
    {
        if (value is { } v)
        {
            writer.Write(v, type);
        }
        else
        {
            writer.WriteNull();
        }
    }
}
