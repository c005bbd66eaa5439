using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Providers;
using SociaalDomein.Infrastructure.Tests.Fixtures;
using static SociaalDomein.Infrastructure.Tests.Providers.CeilingData;

namespace SociaalDomein.Infrastructure.Tests.Providers;

/// <summary>Ceiling use in SQL (docs/domain.md §9): approved claims matching the ceiling's law and product, prorated by
/// the days of their period inside the year and up to the as-of date, credits subtracting; the as-of date over all
/// providers, capped at 31 December and today.</summary>
public class CeilingServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    /// <summary>Provider A's claims of 2019; the latest period end is 31 July (claim "May–July").</summary>
    private async Task SeedClaimsAsync()
    {
        await ProvidersAsync(fixture);
        await fixture.InsertAsync(
            Claim(A, "2019-01-01", "2019-01-31", 31_000m),
            Claim(A, "2018-12-15", "2019-01-14", 3_100m),                          // 31 days, 14 of them in 2019
            Claim(A, "2019-01-01", "2019-01-31", -1_000m),                         // a credit
            Claim(A, "2019-02-01", "2019-02-28", 50_000m, status: ClaimStatus.Rejected),
            Claim(A, "2019-02-01", "2019-02-28", 70_000m, status: ClaimStatus.Submitted),
            Claim(A, "2019-03-01", "2019-03-31", 6_200m, Law.Jeugdwet, "45A48"),
            Claim(A, "2019-05-01", "2019-07-31", 9_200m, product: "02A07"),        // 92 days, "May–July"
            Claim(B, "2019-02-01", "2019-02-28", 99_000m),                         // another provider: only moves nothing here
            Claim(A, "2020-01-01", "2020-01-31", 12_000m));                        // another year
    }

    [Fact]
    public async Task Spent_counts_matching_approved_claims_prorated_to_the_year_and_the_as_of_date_capped_at_today()
    {
        await SeedClaimsAsync();
        var all = Ceiling(A, 2019, 100_000m);
        var wmo = Ceiling(A, 2019, 50_000m, Law.Wmo);
        var product = Ceiling(A, 2019, 10_000m, product: "02A07");
        var youth = Ceiling(A, 2019, 10_000m, Law.Jeugdwet, "45A48");
        await fixture.InsertAsync(all, wmo, product, youth);
        var service = new CeilingService(fixture.ContextFactory, On("2019-06-15"));

        var statuses = await service.StatusesAsync(2019, CancellationToken.None);

        var asOf = new DateOnly(2019, 6, 15); // the claims run to 31 July, but today is 15 June
        var mayToJuly = 9_200m * 46 / 92;     // 1 May – 15 June of 92 days
        var january = 31_000m + 3_100m * 14 / 31 - 1_000m;
        var expected = new[]
        {
            CeilingProjection.Status(all.Id, A, 2019, null, null, 100_000m, january + 6_200m + mayToJuly, asOf),
            CeilingProjection.Status(product.Id, A, 2019, null, "02A07", 10_000m, mayToJuly, asOf),
            CeilingProjection.Status(wmo.Id, A, 2019, Law.Wmo, null, 50_000m, january + mayToJuly, asOf),
            CeilingProjection.Status(youth.Id, A, 2019, Law.Jeugdwet, "45A48", 10_000m, 6_200m, asOf),
        };
        Assert.Equal(expected.OrderBy(s => s.Law).ThenBy(s => s.ProductCode, StringComparer.Ordinal), statuses);
    }

    [Fact]
    public async Task The_as_of_date_is_the_latest_claim_of_the_year_over_all_providers_and_a_year_without_claims_has_nothing_elapsed()
    {
        await SeedClaimsAsync();
        var c2019 = Ceiling(C, 2019, 40_000m);
        var c2021 = Ceiling(C, 2021, 40_000m);
        var a2019 = Ceiling(A, 2019, 20_000m, product: "02A07");
        await fixture.InsertAsync(c2019, c2021, a2019);
        var service = new CeilingService(fixture.ContextFactory, On("2026-03-01"));

        var ofC = await service.ForProviderAsync(C, CancellationToken.None);
        var ofA = Assert.Single(await service.ForProviderAsync(A, CancellationToken.None));

        Assert.Equal([2021, 2019], ofC.Select(s => s.Year));
        Assert.Equal(CeilingProjection.Status(c2021.Id, C, 2021, null, null, 40_000m, 0m, new DateOnly(2020, 12, 31)), ofC[0]);
        // C has no claims, but A's claim to 31 July sets the as-of date of 2019 for everyone.
        Assert.Equal(CeilingProjection.Status(c2019.Id, C, 2019, null, null, 40_000m, 0m, new DateOnly(2019, 7, 31)), ofC[1]);
        Assert.Equal(CeilingProjection.Status(a2019.Id, A, 2019, null, "02A07", 20_000m, 9_200m, new DateOnly(2019, 7, 31)), ofA);
    }

    [Fact]
    public async Task Statuses_of_a_year_hold_only_that_year_ordered_by_provider()
    {
        await SeedClaimsAsync();
        await fixture.InsertAsync(Ceiling(C, 2019, 1_000m), Ceiling(A, 2020, 1_000m), Ceiling(B, 2019, 1_000m), Ceiling(A, 2019, 1_000m));
        var service = new CeilingService(fixture.ContextFactory, On("2026-03-01"));

        var statuses = await service.StatusesAsync(2019, CancellationToken.None);

        Assert.Equal([A, B, C], statuses.Select(s => s.ProviderAgb));
        Assert.All(statuses, s => Assert.Equal(2019, s.Year));
        Assert.Equal(99_000m, statuses[1].Spent);
        Assert.Equal(12_000m, Assert.Single(await service.StatusesAsync(2020, CancellationToken.None)).Spent);
    }
}
