using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Infrastructure.Tests.Providers;

/// <summary>Generated providers, assignments and claims for the provider figures, and the same as the calculator's plain
/// inputs. Client keys are hashes of a counter (no personal data).</summary>
internal sealed class ProviderTestData
{
    public List<Provider> Providers { get; } = [];
    public List<Assignment> Assignments { get; } = [];
    public List<Claim> Claims { get; } = [];

    public static byte[] Key(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));

    private static long _identity;

    public static Assignment NewAssignment(byte[] client, string provider, Law law, string product, DateOnly start, DateOnly? end,
        int? birthYear = null, Sex? sex = null) => new()
        {
            IdentityKey = "nr:pt-" + Interlocked.Increment(ref _identity).ToString(CultureInfo.InvariantCulture),
            ClientKey = client,
            CaseNumber = "D-" + Convert.ToHexString(client)[..6],
            AddressKey = Key("adres " + Convert.ToHexString(client)),
            Postcode4 = "8011",
            BirthYear = birthYear,
            Sex = sex,
            Law = law,
            ProductCode = product,
            ProductDescription = "Product " + product,
            ProviderAgb = provider,
            DeliveryForm = DeliveryForm.InKind,
            StartDate = start,
            EndDate = end,
            Budget = 1_000m,
            ImportRunId = 0,
        };

    public static Claim NewClaim(byte[] client, string provider, Law law, string product, DateOnly start, DateOnly end, decimal amount,
        ClaimStatus status = ClaimStatus.Approved, long? creditOf = null) => new()
        {
            IdentityKey = "nr:pc-" + Interlocked.Increment(ref _identity).ToString(CultureInfo.InvariantCulture),
            ClientKey = client,
            ProviderAgb = provider,
            Law = law,
            ProductCode = product,
            PeriodStart = start,
            PeriodEnd = end,
            Amount = amount,
            SubmittedOn = end.AddDays(20),
            Status = status,
            CreditOfId = creditOf,
            ImportRunId = 0,
        };

    /// <summary>A few hundred clients at eight providers (six typed, one untyped, one not in the register) over 2015–2020:
    /// chains of assignments with gaps around 31 and 183 days, overlaps, open ends, revoked rows, three laws, four
    /// products; monthly claims, claims spanning months and the turn of a year, credits, submitted and rejected claims,
    /// and claims without an assignment.</summary>
    public static ProviderTestData Generate(int seed, int clients = 300)
    {
        var random = new Random(seed);
        var data = new ProviderTestData();
        ProviderType?[] types = [ProviderType.MentalHealthCare, ProviderType.MentalHealthCare, ProviderType.DisabilityCare, ProviderType.Autism,
            ProviderType.ElderlyCare, ProviderType.HomeCareAndSocialServices, null];
        var agbs = Enumerable.Range(1, 8).Select(p => $"7{p}00{p}00{p}").ToArray();
        for (var p = 0; p < types.Length; p++)
        {
            data.Providers.Add(new Provider { Agb = agbs[p], Name = $"Zorgaanbieder {p + 1}", Type = types[p], CreatedAt = DateTimeOffset.UnixEpoch });
        }

        string[] products = ["02A06", "02A07", "02A09", "45A48"];
        int[] gaps = [-20, 0, 1, 15, 30, 31, 32, 33, 60, 150, 182, 183, 184, 400];
        for (var c = 0; c < clients; c++)
        {
            var client = Key("cliënt " + c);
            var birthYear = random.NextDouble() < 0.1 ? (int?)null : 1930 + random.Next(85);
            var sex = random.NextDouble() switch { < 0.45 => (Sex?)Sex.Male, < 0.9 => Sex.Female, < 0.95 => Sex.Other, _ => null };
            var law = random.NextDouble() switch { < 0.5 => Law.Wmo, < 0.9 => Law.Jeugdwet, _ => Law.Participatiewet };
            var start = new DateOnly(2015, 1, 1).AddDays(random.Next(5 * 365));
            var chain = 1 + random.Next(4);
            for (var i = 0; i < chain; i++)
            {
                var provider = agbs[random.Next(random.NextDouble() < 0.7 ? 3 : agbs.Length)];
                var product = products[random.Next(products.Length)];
                var kind = random.NextDouble();
                DateOnly? end = kind < 0.06 ? start : kind < 0.22 ? null : start.AddDays(random.Next(10, 500));
                if (random.NextDouble() < 0.05 && end is { } e && e > start)
                {
                    law = law == Law.Wmo ? Law.Jeugdwet : Law.Wmo; // now and then another law
                }

                var assignment = NewAssignment(client, provider, law, product, start, end, birthYear, sex);
                data.Assignments.Add(assignment);
                if (end is { } last && last > start)
                {
                    data.AddClaims(random, client, provider, law, product, start, last);
                }
                else if (end is null)
                {
                    data.AddClaims(random, client, provider, law, product, start, start.AddDays(random.Next(30, 400)));
                }

                if (end is not { } closed || random.NextDouble() < 0.15)
                {
                    // after an open or a revoked one: a new chain somewhere later, sometimes at another provider at once
                    start = start.AddDays(random.Next(1, 700));
                }
                else
                {
                    start = closed.AddDays(1 + gaps[random.Next(gaps.Length)]);
                }
            }
        }

        // claims nobody was assigned: unlinked, for a provider the register does not know
        for (var k = 0; k < 20; k++)
        {
            var start = new DateOnly(2016, 1, 1).AddDays(random.Next(4 * 365));
            data.Claims.Add(NewClaim(Key("los " + k), agbs[7], Law.Wmo, "02A06", start, start.AddDays(random.Next(0, 60)), random.Next(1, 90_000) / 100m));
        }

        return data;
    }

    private void AddClaims(Random random, byte[] client, string provider, Law law, string product, DateOnly from, DateOnly to)
    {
        var month = new DateOnly(from.Year, from.Month, 1);
        while (month <= to)
        {
            var start = month < from ? from : month;
            var span = random.NextDouble() < 0.12 ? 2 + random.Next(3) : 1; // sometimes a claim over several months
            var end = month.AddMonths(span).AddDays(-1);
            end = end > to ? to : end;
            var amount = random.Next(-500, 300_000) / 100m;
            var status = random.NextDouble() switch { < 0.85 => ClaimStatus.Approved, < 0.95 => ClaimStatus.Submitted, _ => ClaimStatus.Rejected };
            var claim = NewClaim(client, provider, law, product, start, end, Math.Abs(amount), status);
            Claims.Add(claim);
            if (status == ClaimStatus.Approved && random.NextDouble() < 0.08)
            {
                Claims.Add(NewClaim(client, provider, law, product, start, end, -claim.Amount)); // a credit cancelling it
            }

            month = month.AddMonths(span);
        }
    }

    public IReadOnlyDictionary<string, ProviderInfo> Register =>
        Providers.ToDictionary(p => p.Agb, p => new ProviderInfo(p.Name, p.Type));

    public IEnumerable<ProviderAssignment> AssignmentInputs =>
        Assignments.Select(a => new ProviderAssignment(Convert.ToHexString(a.ClientKey), a.ProviderAgb, a.Law, a.ProductCode, a.StartDate, a.EndDate));

    public IEnumerable<ProviderClaimInput> ClaimInputs =>
        Claims.Select(c => new ProviderClaimInput(
            Convert.ToHexString(c.ClientKey), c.ProviderAgb, c.Law, c.ProductCode, c.PeriodStart, c.PeriodEnd, c.Amount, c.Status));

    public async Task InsertAsync(DatabaseFixture fixture)
    {
        await fixture.InsertAsync(Providers.ToArray());
        await fixture.InsertAsync(Assignments.ToArray());
        await fixture.InsertAsync(Claims.ToArray());
    }

    /// <summary>A set as lines of text, amounts to the cent and fractions to six decimals, so two sets compare line by line.</summary>
    public static List<string> Lines(ProviderYearSet set)
    {
        static string M(decimal? v) => v is { } d ? Math.Round(d, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture) : "-";
        static string F(decimal? v) => v is { } d ? Math.Round(d, 6, MidpointRounding.AwayFromZero).ToString("0.000000", CultureInfo.InvariantCulture) : "-";
        var lines = set.Providers.Select(p => string.Join('|', set.Year, p.Agb, p.Name, p.Type, p.Clients, F(p.ClientsGrowth), M(p.Expenditure),
            F(p.ExpenditureGrowth), M(p.AverageCostPerClientMonth), p.Inflow, p.Outflow, F(p.OutflowRate), F(p.MedianTrajectoryDays),
            F(p.MeanTrajectoryDays), p.Reentries)).ToList();
        lines.AddRange(set.Types.Append(set.Total).Select(g => string.Join('|', set.Year, g.Type?.ToString() ?? "totaal", g.Providers, g.Clients,
            F(g.ClientsGrowth), M(g.Expenditure), F(g.ExpenditureGrowth), M(g.AverageCostPerClientMonth), g.Inflow, g.Outflow, F(g.OutflowRate))));
        lines.Add(string.Join('|', set.Year, "top5", string.Join(',', set.Top5.Agbs), set.Top5.Growth, set.Top5.TotalGrowth, F(set.Top5.ShareOfGrowth)));
        return lines;
    }
}
