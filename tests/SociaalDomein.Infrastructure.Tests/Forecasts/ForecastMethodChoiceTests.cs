using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Forecasts;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.Editing;
using SociaalDomein.Infrastructure.Forecasts;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Infrastructure.Tests.Forecasts;

/// <summary>A controller's choice of forecasting method per line (docs/domain.md §7) on the demo: checked, audited, a stale
/// version refused, and used by the forecast in place of the recommended method while the recommendation stays.</summary>
public class ForecastMethodChoiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateOnly AsOf = new(2017, 9, 30);
    private static readonly FixedClock Clock = new(new DateTimeOffset(2018, 1, 20, 9, 0, 0, TimeSpan.Zero));

    private ForecastService Forecasts => new(fixture.ContextFactory, new BudgetService(fixture.ContextFactory), Clock);

    private ForecastMethodChoiceService Choices => new(fixture.ContextFactory, Clock);

    private Task<int> AuditCountAsync() => fixture.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.ForecastMethodChosen));

    [Fact]
    public async Task A_chosen_method_is_audited_replaces_the_recommended_forecast_and_a_stale_version_is_a_conflict()
    {
        await fixture.ResetAndSeedDemoDataAsync();
        var before = (await Forecasts.ForecastAsync(2017, AsOf)).Value!;
        var lvb = before.Lines.Single(l => l.Code == "JGD-03");
        Assert.Null(lvb.Choice);
        // A computable method other than the one the line uses now, so the change shows.
        var chosen = ForecastMethods.All.First(m => m != lvb.Figures.Method && lvb.Figures[m].IsComputable);

        var done = await Choices.SetAsync("jgd-03", chosen, "  Late declaraties van één aanbieder verwacht.  ", null, "controller@demo.local");

        Assert.True(done.Succeeded, done.Message);
        var after = (await Forecasts.ForecastAsync(2017, AsOf)).Value!;
        var line = after.Lines.Single(l => l.Code == "JGD-03");
        Assert.Equal(chosen, line.Figures.Method);
        Assert.Equal(lvb.Figures[chosen], line.Figures.Recommended);
        Assert.Equal(line.Figures.Budget - lvb.Figures[chosen].Amount, line.Figures.Balance);
        Assert.Equal("Gekozen door controller: Late declaraties van één aanbieder verwacht.", line.Figures.MethodNote);
        Assert.Equal(lvb.Recommendation.Method, line.Recommendation.Method);
        Assert.Equal(new MethodChoiceSummary(chosen, "Late declaraties van één aanbieder verwacht.", "controller@demo.local", Clock.GetUtcNow(), 1), line.Choice);
        var domain = after.Domains.Single(d => d.Lines.Contains(line));
        Assert.Equal(ForecastSums.Sum(domain.Lines.Select(l => l.Figures).ToList()), domain.Figures);
        Assert.Equal(
            before.Lines.Where(l => l.Code != "JGD-03").Select(l => l.Figures),
            after.Lines.Where(l => l.Code != "JGD-03").Select(l => l.Figures));

        var entry = await fixture.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditAction.ForecastMethodChosen));
        Assert.Equal("controller@demo.local", entry.UserName);
        Assert.StartsWith("Begrotingspost JGD-03:", entry.Subject);
        Assert.Equal($"Prognosemethode: Aanbeveling volgen → {chosen.DutchName()}. Reden: Late declaraties van één aanbieder verwacht.", entry.Details);

        // Someone who read the line before the choice names no version: refused, nothing stored.
        var stale = await Choices.SetAsync("JGD-03", ForecastMethod.Linear, "Andere reden", null, "beheerder@demo.local");
        Assert.Equal(ChangeOutcome.Conflict, stale.Outcome);
        Assert.Contains("intussen door iemand anders gewijzigd", stale.Errors["version"]);
        Assert.Equal(1, await AuditCountAsync());
        Assert.Equal(chosen, (await Choices.GetAsync("JGD-03"))!.Method);

        // Withdrawn (with the version read): the recommendation decides again, and the row keeps counting.
        var back = await Choices.SetAsync("JGD-03", null, "Terug naar de aanbeveling.", 1, "controller@demo.local");
        Assert.True(back.Succeeded, back.Message);
        var again = (await Forecasts.ForecastAsync(2017, AsOf)).Value!.Lines.Single(l => l.Code == "JGD-03");
        Assert.Equal(lvb.Figures, again.Figures);
        Assert.Equal(2, again.Choice!.Version);
        Assert.Null(again.Choice.Method);
        Assert.Equal(2, await AuditCountAsync());
    }

    [Fact]
    public async Task A_choice_needs_a_reason_claims_for_the_claim_methods_and_an_existing_line()
    {
        await fixture.ResetAndSeedDemoDataAsync();
        var unlinked = (await Forecasts.ForecastAsync(2017, AsOf)).Value!.Lines.First(l => !l.Linked).Code;

        var noReason = await Choices.SetAsync("JGD-03", ForecastMethod.Linear, "   ", null, "controller@demo.local");
        var tooLong = await Choices.SetAsync("JGD-03", ForecastMethod.Linear, new string('x', ForecastMethodChoiceService.MaxReasonLength + 1), null, "c");
        var noClaims = await Choices.SetAsync(unlinked, ForecastMethod.LagAdjusted, "Omdat het kan", null, "controller@demo.local");
        var unknown = await Choices.SetAsync("XX-99", ForecastMethod.Linear, "Omdat het kan", null, "controller@demo.local");

        Assert.Equal(ChangeOutcome.Invalid, noReason.Outcome);
        Assert.StartsWith("Geef een reden op", noReason.Errors["reason"]);
        Assert.Contains($"ten hoogste {ForecastMethodChoiceService.MaxReasonLength}", tooLong.Errors["reason"]);
        Assert.Equal($"Post {unlinked} heeft geen gekoppelde declaraties; 'Gecorrigeerd voor late declaraties' is er niet te berekenen. Kies lineair of koppel eerst declaraties.",
            noClaims.Errors["method"]);
        Assert.Equal(ChangeOutcome.NotFound, unknown.Outcome);
        Assert.Equal(0, await AuditCountAsync());
        Assert.Equal(0, await fixture.QueryAsync(db => db.ForecastMethodChoices.CountAsync()));
    }

    [Fact]
    public async Task The_default_as_of_date_is_the_last_month_with_actuals_of_the_latest_year_that_has_a_budget_and_actuals()
    {
        await fixture.ResetAndSeedDemoDataAsync();
        var (year, month) = await fixture.QueryAsync(async db =>
        {
            var budgetYears = await db.BudgetLineYears.Select(y => y.Year).Distinct().ToListAsync();
            var actual = (await db.ActualMonths.Select(a => new { a.Year, a.Month }).Distinct().ToListAsync())
                .Where(a => budgetYears.Contains(a.Year)).OrderBy(a => a.Year).ThenBy(a => a.Month).Last();
            return (actual.Year, actual.Month);
        });

        Assert.Equal(ForecastCalendar.MonthEnd(year, month), await Forecasts.DefaultAsOfAsync());
        await fixture.ResetAsync();
        Assert.Null(await Forecasts.DefaultAsOfAsync());
    }
}
