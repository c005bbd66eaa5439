using Bunit;
using SociaalDomein.Web.Components.Scenarios;

namespace SociaalDomein.Web.Tests.Components.Scenarios;

/// <summary>When the figures were computed, and the status while a recompute is pending (<see cref="Freshness"/>).</summary>
public sealed class FreshnessTests : MudBunitContext
{
    public FreshnessTests() => SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));

    private static readonly DateTimeOffset ComputedAt = new(2026, 11, 30, 13, 5, 0, TimeSpan.Zero); // 14:05 in Amsterdam

    [Fact]
    public void Fresh_figures_say_when_they_were_computed_in_Dutch_time_and_nothing_more()
    {
        var refreshed = 0;
        var freshness = Render<Freshness>(p => p
            .Add(c => c.ComputedAt, ComputedAt).Add(c => c.RecomputePending, false).Add(c => c.Refresh, () => refreshed++));

        Assert.Equal("Berekend op 30-11-2026 14:05", freshness.Find("[data-testid=berekend-op]").TextContent.Trim());
        Assert.Equal("", freshness.Find("[role=status]").TextContent.Trim());
        Assert.Equal(0, refreshed);
    }

    [Fact]
    public async Task While_a_recompute_is_pending_it_says_so_and_reads_the_figures_again_until_they_are_fresh()
    {
        var refreshed = 0;
        var twice = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var freshness = Render<Freshness>(p => p
            .Add(c => c.ComputedAt, ComputedAt).Add(c => c.RecomputePending, true)
            .Add(c => c.Interval, TimeSpan.FromMilliseconds(10))
            .Add(c => c.Refresh, () =>
            {
                if (++refreshed == 2)
                {
                    twice.SetResult();
                }
            }));

        Assert.Equal("Er is een wijziging verwerkt; de cijfers worden herberekend…", freshness.Find("[role=status]").TextContent.Trim());
        await twice.Task.WaitAsync(TimeSpan.FromSeconds(30)); // a guard against hanging, not a timing assertion

        freshness.Render(p => p.Add(c => c.ComputedAt, ComputedAt.AddMinutes(1)).Add(c => c.RecomputePending, false));

        Assert.Equal("", freshness.Find("[role=status]").TextContent.Trim());
        Assert.Equal("Berekend op 30-11-2026 14:06", freshness.Find("[data-testid=berekend-op]").TextContent.Trim());
    }
}
