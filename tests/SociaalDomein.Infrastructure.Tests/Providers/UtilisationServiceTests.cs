using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Providers;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Infrastructure.Tests.Providers;

/// <summary><see cref="ProviderService.UtilisationAsync"/> on a real PostgreSQL with hand-made rows.</summary>
public sealed class UtilisationServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string Agb = "74004004";
    private const string Other = "75005005";

    private ProviderService Service() =>
        new(fixture.ContextFactory, new ProviderFigureStore(fixture.ContextFactory, TimeProvider.System),
            (_, _) => Task.FromResult<IReadOnlyList<CeilingStatus>>([]));

    private static byte[] Client(int n) => ProviderTestData.Key("uitputting " + n);

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static Assignment Volume(int client, string product, decimal volume, Frequency frequency)
    {
        var assignment = ProviderTestData.NewAssignment(Client(client), Agb, Law.Wmo, product, D(2019, 1, 1), null);
        assignment.Budget = null;
        assignment.Volume = volume;
        assignment.Frequency = frequency;
        return assignment;
    }

    private static Assignment Budget(int client, string provider, string product, DateOnly start, DateOnly? end, decimal budget)
    {
        var assignment = ProviderTestData.NewAssignment(Client(client), provider, Law.Wmo, product, start, end);
        assignment.Budget = budget;
        return assignment;
    }

    [Fact]
    public async Task Utilisation_values_assignments_with_the_price_list_and_prorates_approved_claims_with_credits()
    {
        await fixture.ResetAsync();
        await fixture.InsertAsync(new Provider { Agb = Agb, Name = "Zorg Uit" }, new Provider { Agb = Other, Name = "Zorg Anders" });
        await fixture.InsertAsync(
            Budget(1, Agb, "02A06", D(2019, 1, 1), D(2019, 12, 31), 1_000m),
            Budget(2, Agb, "02A06", D(2019, 5, 1), D(2019, 5, 1), 5_000m),        // revoked
            Budget(3, Agb, "02A06", D(2017, 1, 1), D(2017, 12, 31), 2_000m),      // not in 2019
            Budget(4, Other, "02A06", D(2019, 1, 1), null, 9_999m),               // another provider
            Volume(5, "02A07", 2m, Frequency.PerWeek),                             // priced by the list: 2 × 50 × 52
            Volume(6, "45A48", 1m, Frequency.PerMonth));                           // no price at all
        await fixture.InsertAsync(
            new Tariff { ProductCode = "02A07", ProviderAgb = Agb, ValidFrom = D(2015, 1, 1), Amount = 50m },
            new Tariff { ProductCode = "02A07", ProviderAgb = Other, ValidFrom = D(2015, 1, 1), Amount = 10m });
        var original = ProviderTestData.NewClaim(Client(1), Agb, Law.Wmo, "02A06", D(2019, 1, 1), D(2019, 1, 31), 500m);
        await fixture.InsertAsync(original,
            ProviderTestData.NewClaim(Client(1), Agb, Law.Wmo, "02A06", D(2018, 12, 1), D(2019, 1, 31), 620m),    // 31 of 62 days: 310
            ProviderTestData.NewClaim(Client(1), Agb, Law.Wmo, "02A06", D(2019, 2, 1), D(2019, 2, 28), 300m, ClaimStatus.Submitted),
            ProviderTestData.NewClaim(Client(5), Agb, Law.Wmo, "02A07", D(2019, 1, 1), D(2019, 12, 31), 4_160m),
            ProviderTestData.NewClaim(Client(4), Other, Law.Wmo, "02A07", D(2019, 1, 1), D(2019, 1, 31), 1_000m));
        await fixture.InsertAsync(ProviderTestData.NewClaim(Client(1), Agb, Law.Wmo, "02A06", D(2019, 1, 1), D(2019, 1, 31), -100m, creditOf: original.Id));

        var rows = await Service().UtilisationAsync(Agb, 2019, default);

        Assert.Equal(
            [
                new UtilisationRow("02A06", "Product 02A06", 1_000m, 710m, 0.71m, true, 0),
                new UtilisationRow("02A07", "Product 02A07", 5_200m, 4_160m, 0.8m, false, 0),
                new UtilisationRow("45A48", "Product 45A48", 0m, 0m, null, false, 1),
            ],
            rows);
        Assert.Empty(await Service().UtilisationAsync(Agb, 2016, default));
    }
}
