using SociaalDomein.Infrastructure.DemoData;
using SociaalDomein.Infrastructure.Stacking;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Infrastructure.Tests.DemoData;

/// <summary>The synthetic demo assignments look like Zwolle's answer to motion M12-6 on 1 November 2018
/// (docs/sources.md: Stapeling M12-6).</summary>
public sealed class DemoAssignmentsTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task The_demo_households_are_shaped_like_Zwolles_2018_answer()
    {
        await fixture.ResetAndSeedDemoDataAsync();

        var result = await new StackingService(fixture.ContextFactory).ComputeAsync(DemoAssignments.ReferenceDate, null, null);

        var households = result.Households.ToDictionary(h => h.Clients, h => h.Addresses);
        Assert.InRange(households[1], 5_000, 5_800);   // Zwolle: 5,712
        Assert.InRange(households[2], 380, 500);       // 471
        Assert.InRange(households[3], 60, 100);        // 86
        Assert.InRange(households[4], 20, 40);         // 33
        Assert.InRange(result.Institutions.Addresses, 10, 30);
        Assert.InRange(result.Clients, 6_300, 7_600);  // ≈ 7,300
        Assert.True(result.Revoked > 0 && result.Duplicates > 0, "the demo has the dirt the council cleaned");
        var perInhabitant = result.Households.ToDictionary(h => h.Clients, h => h.AveragePerInhabitant);
        Assert.InRange(perInhabitant[1], 3_000m, 9_000m); // Zwolle: ≈ € 5.252
        Assert.True(perInhabitant[4] > perInhabitant[1], "care piles up: larger households cost more per inhabitant");
        var provisions = result.Provisions.ToDictionary(p => p.Provisions, p => p.Clients);
        Assert.True(provisions[1] > provisions[2] && provisions[2] > provisions[3] && provisions[3] > provisions[4]);
        Assert.True(provisions[5] > 0);
    }

    [Fact]
    public void The_demo_assignments_are_the_same_every_time()
    {
        var first = DemoAssignments.Generate().Select(a => a.IdentityKey + a.Budget + a.Tariff).ToList();
        var second = DemoAssignments.Generate().Select(a => a.IdentityKey + a.Budget + a.Tariff).ToList();

        Assert.Equal(first, second);
        Assert.InRange(first.Count, 8_000, 12_000);
    }
}
