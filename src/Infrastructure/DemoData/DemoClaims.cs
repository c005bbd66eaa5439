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
/// <para>The claims of one line, LVB (<see cref="LedgerLine"/>), are its ledger: scaled to Bijlage 1's actuals of 2015–2017
/// and with a lag of their own (<see cref="LedgerLag"/>), so that the line's monthly actuals are its claims by submission
/// month (docs/domain.md §7).</para>
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

    /// <summary>The budget line whose ledger is made of its claims (docs/domain.md §7, the demo's lag story): LVB.</summary>
    public const string LedgerLine = "JGD-03";

    /// <summary>The years of the ledger (Bijlage 1) the line's claims add up to.</summary>
    public const int FirstLedgerYear = 2015;

    public const int LastLedgerYear = 2017;

    private const int LedgerSeed = 2017;

    /// <summary>The (law, product categories) of <see cref="LedgerLine"/>'s claims.</summary>
    private static readonly (Law Law, string[] Categories) Ledger =
        DemoClaimGroups.Links.Where(l => l.Code == LedgerLine).Select(l => (l.Law, l.Categories)).Single();

    /// <summary>Whether a claim of this law and product category belongs to <see cref="LedgerLine"/>.</summary>
    public static bool IsLedgerLinked(Law law, string? category) => law == Ledger.Law && category is not null && Ledger.Categories.Contains(category);

    /// <summary>The claims for the assignments (each with its stored Id, when stored), credits after their original;
    /// those of <see cref="LedgerLine"/> made to add up to its ledger (<see cref="MatchLedger"/>) and therefore last.</summary>
    public static IEnumerable<Claim> Generate(IEnumerable<(Assignment Assignment, long? Id)> assignments) =>
        MatchLedger(Unscaled(assignments), DemoDataSeeder.ReadBudgetLines().Single(l => l.Code == LedgerLine).Years
            .Where(y => y.Actual is not null && y.Year is >= FirstLedgerYear and <= LastLedgerYear).ToDictionary(y => y.Year, y => y.Actual!.Value));

    /// <summary>
    /// The demo's assignments are on another scale than Bijlage 1 (a synthetic world of some thousands of clients against a
    /// city's ledger), so the claims of <see cref="LedgerLine"/> are scaled, claim by claim, to the ledger: in each ledger
    /// year the approved claims for care in that year add up, to the cent, to the line's actual of that year; later years
    /// get the last ledger year's factor (the level carries on). Amount and volume are multiplied by the year's factor and
    /// rounded (to the cent, and to the volume's four decimals), symmetrically, so a credit still cancels its original; the
    /// cents the rounding leaves go to the largest approved claim of the year that nothing credits. The other claims pass
    /// through untouched; the line's (some 70,000) wait until the factors are known.
    /// </summary>
    internal static IEnumerable<Claim> MatchLedger(IEnumerable<Claim> claims, IReadOnlyDictionary<int, decimal> ledger)
    {
        var linked = new List<Claim>();
        foreach (var claim in claims)
        {
            if (IsLedgerLinked(claim.Law, claim.ProductCategory))
            {
                linked.Add(claim);
            }
            else
            {
                yield return claim;
            }
        }

        var generated = linked.Where(c => c.Status == ClaimStatus.Approved).GroupBy(c => c.PeriodStart.Year).ToDictionary(g => g.Key, g => g.Sum(c => c.Amount));
        var factors = ledger.Where(l => generated.GetValueOrDefault(l.Key) > 0m).ToDictionary(l => l.Key, l => l.Value / generated[l.Key]);
        var last = factors.Count == 0 ? (int?)null : factors.Keys.Max();
        decimal? Factor(int year) => factors.TryGetValue(year, out var f) ? f : year > last ? factors[last!.Value] : null;
        foreach (var claim in linked)
        {
            if (Factor(claim.PeriodStart.Year) is { } factor)
            {
                claim.Amount = Math.Round(claim.Amount * factor, 2, MidpointRounding.AwayFromZero);
                claim.Volume = claim.Volume is { } v ? Math.Round(v * factor, 4, MidpointRounding.AwayFromZero) : null;
            }
        }

        var credited = linked.Where(c => c.CreditOfId is not null).Select(c => c.CreditOfId!.Value).ToHashSet();
        foreach (var (year, actual) in ledger.Where(l => factors.ContainsKey(l.Key)))
        {
            var approved = linked.Where(c => c.Status == ClaimStatus.Approved && c.PeriodStart.Year == year).ToList();
            var largest = approved.Where(c => !credited.Contains(c.Id)).MaxBy(c => c.Amount)!;
            largest.Amount += actual - approved.Sum(c => c.Amount);
        }

        foreach (var claim in linked)
        {
            yield return claim;
        }
    }

    private static IEnumerable<Claim> Unscaled(IEnumerable<(Assignment Assignment, long? Id)> assignments)
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

        var ledgerRandom = new Random(LedgerSeed); // its own stream: the other claims stay exactly as they were
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
                if (IsLedgerLinked(a.Law, a.ProductCategory) && month.Year <= LastLedgerYear)
                {
                    lag = LedgerLag(ledgerRandom, month.Year); // drawn after the general one, which keeps the main stream
                }

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

    /// <summary>Days after the end of the month for a claim of the ledger-linked line (<see cref="LedgerLine"/>) in the
    /// ledger's years: most in the next month, some in the second, a tail up to eight or nine months; in 2017 later than
    /// before (Zwolle's LVB, docs/domain.md §7).</summary>
    private static int LedgerLag(Random random, int year)
    {
        var (next, second, third, tail) = year >= 2017 ? (0.74, 0.16, 0.07, 0.03) : (0.82, 0.12, 0.04, 0.02);
        var roll = random.NextDouble();
        return roll < next ? random.Next(3, 32)
            : roll < next + second ? random.Next(32, 62)
            : roll < next + second + third ? random.Next(62, 121)
            : random.Next(121, year >= 2017 ? 271 : 241);
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
