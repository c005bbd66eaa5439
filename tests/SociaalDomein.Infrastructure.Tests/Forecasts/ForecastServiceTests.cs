using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Domain.Forecasts;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.Editing;
using SociaalDomein.Infrastructure.Forecasts;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Infrastructure.Tests.Forecasts;

/// <summary>
/// The forecast per budget line from the stored data (docs/domain.md §7) against the pure calculators as oracle: the inputs
/// are built here independently, with LINQ over the rows the test inserted (or read from the demo), and the calculators
/// must give exactly what the service gives. Also the link of lines to claims, its audit and conflicts, and every bad input.
/// </summary>
public class ForecastServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string Agb = "71000001";
    private const string OtherAgb = "71000002";
    private static readonly DateOnly AsOf = new(2032, 9, 30);
    private static readonly FixedClock Clock = new(new DateTimeOffset(2032, 10, 15, 9, 0, 0, TimeSpan.Zero));

    private ForecastService Service(TimeProvider? clock = null) =>
        new(fixture.ContextFactory, new BudgetService(fixture.ContextFactory), clock ?? Clock);

    private ClaimGroupService Groups => new(fixture.ContextFactory, Clock);

    private sealed record World(List<Claim> Claims, List<Assignment> Assignments, List<Tariff> Tariffs, Dictionary<(string Line, int Year), decimal[]> Actuals);

    private static byte[] Key(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// Three lines in 2030–2032: JGD-L (Jeugd, linked to Jeugdwet 45), JGD-U (Jeugd, not linked) and WMO-U (Wmo, not linked);
    /// actuals for every month of 2030 and 2031 and January to September 2032. Claims of Jeugdwet 45 for every service
    /// month from January 2030 to September 2032, submitted 0 to 3 months late, with a credit, a rejected and a pending
    /// claim, claims after the as-of date, and claims of other laws or categories that must not count. Assignments of
    /// Jeugdwet 45 with a budget, a volume at their own tariff and one priced by the price list, a revoked one, and one of
    /// category 54.
    /// </summary>
    private async Task<World> SeedAsync()
    {
        await fixture.ResetAsync();
        var lines = new[]
        {
            new BudgetLine { Code = "JGD-L", Name = "Jeugdhulp LVB", Domain = BudgetDomain.Jeugd, SortOrder = 1 },
            new BudgetLine { Code = "JGD-U", Name = "Jeugd lokaal", Domain = BudgetDomain.Jeugd, SortOrder = 2 },
            new BudgetLine { Code = "WMO-U", Name = "Opvang", Domain = BudgetDomain.Wmo, SortOrder = 1 },
        };
        var actuals = new Dictionary<(string, int), decimal[]>();
        foreach (var (line, i) in lines.Select((l, i) => (l, i)))
        {
            for (var year = 2029; year <= 2032; year++)
            {
                line.Years.Add(new BudgetLineYear { Year = year, Budget = 1_200_000m * (i + 1) + 10_000m * (year - 2030) });
                if (year >= 2030)
                {
                    actuals[(line.Code, year)] = Enumerable.Range(1, 12)
                        .Select(m => year == 2032 && m > 9 ? 0m : 90_000m * (i + 1) + 1_000.25m * m + 7_000m * (year - 2030) + (m == 12 ? 30_000m : 0m)).ToArray();
                }
            }
        }

        await fixture.InsertAsync(lines);
        var ids = await fixture.QueryAsync(db => db.BudgetLines.ToDictionaryAsync(l => l.Code, l => l.Id));
        await fixture.InsertAsync(actuals.SelectMany(a => a.Value.Select((amount, m) => (a.Key, amount, m)))
            .Where(x => !(x.Key.Item2 == 2032 && x.m >= 9))
            .Select(x => new ActualMonth { BudgetLineId = ids[x.Key.Item1], Year = x.Key.Item2, Month = x.m + 1, Amount = x.amount }).ToArray());
        await fixture.InsertAsync(new ClaimGroup
        {
            BudgetLineId = ids["JGD-L"], Law = Law.Jeugdwet, Version = 1,
            Categories = [new ClaimGroupCategory { BudgetLineId = ids["JGD-L"], Law = Law.Jeugdwet, ProductCategory = "45" }],
        });

        var claims = new List<Claim>();
        var n = 0;
        Claim C(DateOnly month, int lagMonths, int day, decimal amount, ClaimStatus status = ClaimStatus.Approved, Law law = Law.Jeugdwet,
            string category = "45", string agb = Agb, int days = 0)
        {
            var submitted = month.AddMonths(lagMonths).AddDays(day);
            var claim = new Claim
            {
                IdentityKey = "nr:prognose-" + ++n, ClientKey = Key("cliënt " + n % 7), ProviderAgb = agb, Law = law, ProductCategory = category,
                ProductCode = category + "A01", PeriodStart = month.AddDays(days), PeriodEnd = month.AddMonths(1).AddDays(-1), Amount = amount,
                SubmittedOn = submitted, Status = status,
            };
            claims.Add(claim);
            return claim;
        }

        for (var month = new DateOnly(2030, 1, 1); month <= new DateOnly(2032, 9, 1); month = month.AddMonths(1))
        {
            var size = 40_000m + 500m * ((month.Year - 2030) * 12 + month.Month);
            C(month, 0, 20, size * 0.3m);
            C(month, 1, 3, size * 0.45m, days: 4);
            C(month, 1, 27, size * 0.1m, agb: OtherAgb);
            C(month, 2, 9, size * 0.1m);
            C(month, 3, 14, size * 0.05m + 0.01m);
            C(month, 1, 5, 999m, ClaimStatus.Rejected);
            C(month, 0, 25, 777m, law: Law.Wmo);        // another law with the same category
            C(month, 1, 2, 555m, category: "54");      // another category
        }

        C(new DateOnly(2031, 5, 1), 1, 1, 8_000m);
        C(new DateOnly(2031, 5, 1), 4, 10, -8_000m); // its credit, later
        C(new DateOnly(2032, 8, 1), 1, 20, 6_666m, ClaimStatus.Submitted); // still being checked
        C(new DateOnly(2032, 7, 1), 3, 3, 12_345m);  // submitted 4 October 2032: after the as-of date
        await fixture.InsertAsync(claims.ToArray());

        Assignment A(int i, DateOnly start, DateOnly? end, decimal? budget, decimal? volume, decimal? tariff, Frequency? frequency, string category = "45",
            string agb = Agb) => new()
        {
            IdentityKey = "nr:prognose-toewijzing-" + i, ClientKey = Key("cliënt " + i), CaseNumber = "D-" + i, AddressKey = Key("adres " + i), Postcode4 = "8011",
            Law = Law.Jeugdwet, ProductCategory = category, ProductCode = category + "A01", ProviderAgb = agb, DeliveryForm = DeliveryForm.InKind,
            StartDate = start, EndDate = end, Budget = budget, Volume = volume, Tariff = tariff, Frequency = frequency,
        };
        var assignments = new List<Assignment>
        {
            A(1, new DateOnly(2029, 11, 1), null, 480_000m, null, null, null),
            A(2, new DateOnly(2030, 3, 15), new DateOnly(2032, 12, 31), null, 4m, 68m, Frequency.PerWeek, agb: OtherAgb),
            A(3, new DateOnly(2031, 2, 1), new DateOnly(2033, 1, 31), null, 3m, null, Frequency.PerWeek), // priced by the price list
            A(4, new DateOnly(2032, 2, 10), new DateOnly(2032, 11, 20), 90_000m, null, null, null),
            A(5, new DateOnly(2031, 6, 1), new DateOnly(2031, 6, 1), 50_000m, null, null, null),           // revoked
            A(6, new DateOnly(2030, 1, 1), null, 300_000m, null, null, null, category: "54"),             // not linked
        };
        await fixture.InsertAsync(assignments.ToArray());
        var tariffs = new List<Tariff>
        {
            new() { ProductCode = "45A01", ValidFrom = new DateOnly(2030, 1, 1), ValidTo = new DateOnly(2031, 12, 31), Amount = 70m },
            new() { ProductCode = "45A01", ValidFrom = new DateOnly(2032, 1, 1), Amount = 72.5m },
        };
        await fixture.InsertAsync(tariffs.ToArray());
        return new World(claims, assignments, tariffs, actuals);
    }

    // ---- the oracle: the calculators on inputs built here ----

    /// <summary>Amounts that pass through utilisation (a sum of assignment amounts with 28 significant digits) are compared
    /// to 8 decimals: the service and the oracle add the same values in a different order, which may move the 28th digit.
    /// Linear and lag-adjusted amounts (sums of cents) are compared exactly.</summary>
    private static decimal? R(decimal? amount) => amount is { } a ? decimal.Round(a, 8) : null;

    private static bool InGroup(Claim c, DateOnly cutoff) =>
        c.Status == ClaimStatus.Approved && c.Law == Law.Jeugdwet && c.ProductCategory == "45" && c.SubmittedOn <= cutoff;

    private static List<LagClaim> LagClaims(World w, DateOnly cutoff) =>
        w.Claims.Where(c => InGroup(c, cutoff)).Select(c => new LagClaim(c.PeriodStart, c.SubmittedOn, c.Amount)).ToList();

    private static List<Assignment> GroupAssignments(World w) =>
        w.Assignments.Where(a => a.Law == Law.Jeugdwet && a.ProductCategory == "45").ToList();

    /// <summary>Utilisation as the provider page computes it, per provider, summed: the years 2030 up to the forecast year.</summary>
    private static List<UtilisationYear> History(World w, DateOnly cutoff, int beforeYear)
    {
        var priceList = PriceList.From(w.Tariffs);
        return Enumerable.Range(2030, beforeYear - 2030).Select(y =>
        {
            var rows = new[] { Agb, OtherAgb }.SelectMany(agb => Utilisation.Calculate(y, agb,
                GroupAssignments(w).Where(a => a.ProviderAgb == agb)
                    .Select(a => new UtilisationAssignment(a.ProductCode, null, a.StartDate, a.EndDate, a.Budget, a.Volume, a.Tariff, a.Frequency)),
                w.Claims.Where(c => c.ProviderAgb == agb && InGroup(c, cutoff))
                    .GroupBy(c => (c.ProductCode, c.PeriodStart, c.PeriodEnd))
                    .Select(g => new UtilisationClaim(g.Key.ProductCode, g.Key.PeriodStart, g.Key.PeriodEnd, g.Sum(c => c.Amount))),
                priceList)).ToList();
            return new UtilisationYear(y, rows.Sum(r => r.Claimed), rows.Sum(r => r.Assigned));
        }).ToList();
    }

    /// <summary>Each assignment's amount in the year spread over its days in each month.</summary>
    private static List<AssignedMonth> Assigned(World w, int year)
    {
        var priceList = PriceList.From(w.Tariffs);
        var months = new Dictionary<int, decimal>();
        foreach (var a in GroupAssignments(w).Where(a => ProviderCalculator.IsCare(a.StartDate, a.EndDate)))
        {
            if (AssignmentAmount.Priced(a.StartDate, a.EndDate, a.Budget, a.Volume, a.Tariff, a.Frequency, year, priceList.For(a.ProductCode, a.ProviderAgb)).Amount
                is not { } amount || a.StartDate.Year > year || a.EndDate?.Year < year)
            {
                continue;
            }

            var from = a.StartDate.Year < year ? new DateOnly(year, 1, 1) : a.StartDate;
            var to = a.EndDate is { } e && e.Year == year ? e : new DateOnly(year, 12, 31);
            var days = to.DayNumber - from.DayNumber + 1;
            for (var m = 1; m <= 12; m++)
            {
                var first = new DateOnly(year, m, 1) < from ? from : new DateOnly(year, m, 1);
                var last = ForecastCalendar.MonthEnd(year, m) > to ? to : ForecastCalendar.MonthEnd(year, m);
                if (last >= first)
                {
                    months[m] = months.GetValueOrDefault(m) + amount * (last.DayNumber - first.DayNumber + 1) / days;
                }
            }
        }

        return months.OrderBy(m => m.Key).Select(m => new AssignedMonth(m.Key, m.Value)).ToList();
    }

    [Fact]
    public async Task A_linked_line_gets_exactly_what_the_calculators_give_on_its_stored_claims_assignments_and_actuals()
    {
        var w = await SeedAsync();

        var report = (await Service().ForecastAsync(2032, AsOf)).Value!;

        var line = report.Lines.Single(l => l.Code == "JGD-L");
        var actualToDate = w.Actuals[("JGD-L", 2032)].Take(9).Sum();
        var claims = LagClaims(w, AsOf);
        var history = History(w, AsOf, 2032);
        var linear = LinearForecast.Calculate(actualToDate, 9);
        var lag = LagAdjustedForecast.Calculate(2032, 9, claims);
        var commitment = CommitmentForecast.Calculate(9, actualToDate, Assigned(w, 2032), CommitmentForecast.UtilisationRate(2032, history));
        var points = new[] { 2030, 2031 }.SelectMany(y => ForecastBacktest.Run(new BacktestInput(
            y, w.Actuals[("JGD-L", y)].Sum(), w.Actuals[("JGD-L", y)], claims, Assigned(w, y), CommitmentForecast.UtilisationRate(y, history)))).ToList();
        var recommendation = ForecastAccuracy.Recommend(points);
        var table = (await new BudgetService(fixture.ContextFactory).TableAsync(2032))!;

        Assert.True(line.Linked);
        Assert.Equal(table.Domains.SelectMany(d => d.Lines).Single(l => l.Code == "JGD-L").Figures.Budget, line.Figures.Budget);
        Assert.Equal(actualToDate, line.Figures.ActualToDate);
        Assert.Equal(linear.Amount, line.Figures.Linear.Amount);
        Assert.True(lag.Forecast.IsComputable, lag.Forecast.Reason);
        Assert.Equal(lag.Forecast.Amount, line.Figures.LagAdjusted.Amount);
        Assert.Equal(lag.Months, line.Lag!.Months);
        Assert.True(commitment.IsComputable, commitment.Reason);
        Assert.Equal(R(commitment.Amount), R(line.Figures.Commitment.Amount));
        Assert.Equal(recommendation.Method, line.Figures.Method);
        Assert.Equal(
            recommendation.Methods.Select(m => (m.Method, m.Computable, m.Compared, R(m.MeanAbsoluteError), R(m.TypicalAbsoluteError))),
            line.Recommendation.Methods.Select(m => (m.Method, m.Computable, m.Compared, R(m.MeanAbsoluteError), R(m.TypicalAbsoluteError))));
        var byMethod = new Dictionary<ForecastMethod, YearEndForecast>
        {
            [ForecastMethod.Linear] = linear, [ForecastMethod.LagAdjusted] = lag.Forecast, [ForecastMethod.Commitment] = commitment,
        };
        Assert.Equal(R(byMethod[recommendation.Method!.Value].Amount), R(line.Figures.Recommended.Amount));
        Assert.Equal(line.Figures.Budget - line.Figures.Recommended.Amount, line.Figures.Balance);
        Assert.Equal((2032, AsOf, 9, Clock.Now), (report.Year, report.AsOf, report.MonthsElapsed, report.ComputedAt));
    }

    [Fact]
    public async Task A_line_without_claims_is_linear_and_says_so_and_a_domain_sum_lets_its_recommended_forecast_stand_in()
    {
        var w = await SeedAsync();

        var report = (await Service().ForecastAsync(2032, AsOf)).Value!;

        var unlinked = report.Lines.Single(l => l.Code == "JGD-U");
        Assert.False(unlinked.Linked);
        Assert.Equal((null, ForecastService.NotLinkedReason), (unlinked.Figures.LagAdjusted.Amount, unlinked.Figures.LagAdjusted.Reason));
        Assert.Equal((null, ForecastService.NotLinkedReason), (unlinked.Figures.Commitment.Amount, unlinked.Figures.Commitment.Reason));
        Assert.Equal(ForecastMethod.Linear, unlinked.Figures.Method);
        Assert.Equal(LinearForecast.Calculate(w.Actuals[("JGD-U", 2032)].Take(9).Sum(), 9).Amount, unlinked.Figures.Recommended.Amount);

        var jeugd = report.Domains.Single(d => d.Domain == BudgetDomain.Jeugd).Figures;
        var linked = report.Lines.Single(l => l.Code == "JGD-L").Figures;
        Assert.Equal(linked.LagAdjusted.Amount + unlinked.Figures.Recommended.Amount, jeugd.LagAdjusted.Amount);
        Assert.Contains("1 van de 2 posten", jeugd.LagAdjusted.Note);
        Assert.Equal(linked.Linear.Amount + unlinked.Figures.Linear.Amount, jeugd.Linear.Amount);
        Assert.Null(jeugd.Linear.Note);
        Assert.Equal(linked.Recommended.Amount + unlinked.Figures.Recommended.Amount, jeugd.Recommended.Amount);
        Assert.Equal(linked.Budget + unlinked.Figures.Budget - jeugd.Recommended.Amount, jeugd.Balance);
        var wmo = report.Domains.Single(d => d.Domain == BudgetDomain.Wmo).Figures;
        Assert.Null(wmo.LagAdjusted.Amount);
        Assert.Contains("geen van de 1 posten", wmo.LagAdjusted.Reason);
        Assert.Equal(report.Domains.Sum(d => d.Figures.Recommended.Amount), report.Total.Recommended.Amount);
        Assert.Equal(report.Lines.Sum(l => l.Figures.Budget), report.Total.Budget);
    }

    [Theory]
    [InlineData(2032, "2032-09-15", "asOf", "geen maandeinde")]
    [InlineData(2032, "2032-10-31", "asOf", "in de toekomst")]
    [InlineData(2040, "2032-09-30", "year", "Voor 2040 is geen begroting")]
    [InlineData(2032, "2031-09-30", "asOf", "ligt niet in 2032")]
    [InlineData(2029, "2029-06-30", "asOf", "nog geen gegevens")]
    public async Task A_bad_question_gets_a_Dutch_message_on_its_parameter(int year, string asOf, string parameter, string message)
    {
        await SeedAsync();

        var answer = await Service().ForecastAsync(year, DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Null(answer.Value);
        Assert.Equal(parameter, answer.Parameter);
        Assert.Contains(message, answer.Error);
    }

    [Fact]
    public async Task Accuracy_is_the_backtest_of_the_past_years_with_its_recommendation_and_an_unknown_line_is_named()
    {
        var w = await SeedAsync();

        var accuracy = (await Service().AccuracyAsync("jgd-l")).Value!;
        var unknown = await Service().AccuracyAsync("XX-9");

        var claims = LagClaims(w, new DateOnly(2032, 10, 15));
        var history = History(w, new DateOnly(2032, 10, 15), 2032);
        var points = new[] { 2030, 2031 }.SelectMany(y => ForecastBacktest.Run(new BacktestInput(
            y, w.Actuals[("JGD-L", y)].Sum(), w.Actuals[("JGD-L", y)], claims, Assigned(w, y), CommitmentForecast.UtilisationRate(y, history)))).ToList();
        Assert.Equal("JGD-L", accuracy.Code);
        Assert.Equal([2030, 2031], accuracy.Years);
        Assert.Equal(points.Select(p => (p.Year, p.AsOfMonth, p.Method, R(p.Forecast.Amount), p.Forecast.Reason, p.Outcome)),
            accuracy.Points.Select(p => (p.Year, p.AsOfMonth, p.Method, R(p.Forecast.Amount), p.Forecast.Reason, p.Outcome)));
        Assert.Contains(accuracy.Points, p => p.Method == ForecastMethod.LagAdjusted && p.Forecast.IsComputable);
        Assert.Contains(accuracy.Points, p => p.Method == ForecastMethod.Commitment && p.Forecast.IsComputable);
        Assert.Equal(ForecastAccuracy.Recommend(points).Method, accuracy.Recommendation.Method);
        Assert.Equal(("line", "Er is geen begrotingspost met code 'XX-9'."), (unknown.Parameter, unknown.Error));
    }

    [Fact]
    public async Task Linking_a_line_is_audited_refuses_a_stale_version_and_a_category_of_another_line_and_changes_its_forecast()
    {
        await SeedAsync();

        var before = (await Service().ForecastAsync(2032, AsOf)).Value!.Lines.Single(l => l.Code == "JGD-U");
        var taken = await Groups.SetAsync("JGD-U", "Jeugdwet", ["45"], null, "controller");
        var malformed = await Groups.SetAsync("JGD-U", "Jeugdwet", ["4A"], null, "controller");
        var noLaw = await Groups.SetAsync("JGD-U", "Zorgwet", ["54"], null, "controller");
        var done = await Groups.SetAsync("JGD-U", "jeugdwet", ["54"], null, "controller");
        var stale = await Groups.SetAsync("JGD-U", "Jeugdwet", ["54", "40"], null, "anna");
        var after = (await Service().ForecastAsync(2032, AsOf)).Value!.Lines.Single(l => l.Code == "JGD-U");

        Assert.False(before.Linked);
        Assert.Equal(ChangeOutcome.Invalid, taken.Outcome);
        Assert.Contains("45 (Jeugdwet) is al gekoppeld aan JGD-L", taken.Errors["productCategories"]);
        Assert.Contains("twee cijfers", malformed.Errors["productCategories"]);
        Assert.Contains("Kies de wet", noLaw.Errors["law"]);
        Assert.True(done.Succeeded, done.Message);
        Assert.Equal(ChangeOutcome.Conflict, stale.Outcome);
        var entry = await fixture.QueryAsync(db => db.AuditEntries.SingleAsync());
        Assert.Equal((AuditAction.ClaimGroupChanged, "controller", "Begrotingspost JGD-U: Jeugd lokaal", "Declaraties: geen → Jeugdwet 54"),
            (entry.Action, entry.UserName, entry.Subject, entry.Details));
        var listed = (await Groups.ListAsync()).Single(g => g.Code == "JGD-U");
        Assert.Equal((Law.Jeugdwet, "54", 1), (listed.Law!.Value, string.Join(",", listed.ProductCategories), listed.Version!.Value));
        Assert.True(after.Linked);
        Assert.NotEqual(ForecastService.NotLinkedReason, after.Figures.LagAdjusted.Reason);

        var unlinked = await Groups.SetAsync("JGD-U", null, [], 1, "controller");
        Assert.True(unlinked.Succeeded, unlinked.Message);
        Assert.Equal((null, 2), ((await Groups.ListAsync()).Single(g => g.Code == "JGD-U").Law, (await Groups.ListAsync()).Single(g => g.Code == "JGD-U").Version));
        Assert.False((await Service().ForecastAsync(2032, AsOf)).Value!.Lines.Single(l => l.Code == "JGD-U").Linked);
    }

    [Fact]
    public async Task On_the_demo_LVB_as_of_September_2017_is_what_the_calculators_make_of_its_claims_and_every_line_of_Bijlage_1_is_there()
    {
        await fixture.ResetAndSeedDemoDataAsync();
        var asOf = new DateOnly(2017, 9, 30);

        var report = (await Service(TimeProvider.System).ForecastAsync(2017, asOf)).Value!;

        var budgets = new BudgetService(fixture.ContextFactory);
        var table = (await budgets.TableAsync(2017))!;
        Assert.Equal(table.Domains.SelectMany(d => d.Lines).Select(l => (l.Code, l.Figures.Budget)), report.Lines.Select(l => (l.Code, l.Figures.Budget)));
        Assert.Equal(table.Total.Budget, report.Total.Budget);
        foreach (var line in report.Lines)
        {
            var toDate = (await budgets.MonthsAsync(line.Code, 2017)).Where(m => m.Month <= 9).Sum(m => m.Amount);
            Assert.Equal(LinearForecast.Calculate(toDate, 9).Amount, line.Figures.Linear.Amount);
        }

        var claims = await fixture.QueryAsync(db => db.Claims
            .Where(c => c.Status == ClaimStatus.Approved && c.Law == Law.Jeugdwet && c.ProductCategory == "45" && c.SubmittedOn <= asOf)
            .Select(c => new LagClaim(c.PeriodStart, c.SubmittedOn, c.Amount)).ToListAsync());
        var lvb = report.Lines.Single(l => l.Code == "JGD-03");
        Assert.Equal(LagAdjustedForecast.Calculate(2017, 9, claims).Forecast.Amount, lvb.Figures.LagAdjusted.Amount);
        Assert.NotNull(lvb.Figures.LagAdjusted.Amount);
        Assert.NotNull(lvb.Figures.Commitment.Amount);
        Assert.Equal(
            ["BW-01", "JGD-01", "JGD-02", "JGD-03", "WMO-01", "WMO-03", "WMO-04", "WMO-05"],
            report.Lines.Where(l => l.Linked).Select(l => l.Code).Order());
        Assert.All(report.Lines.Where(l => !l.Linked), l => Assert.Equal(ForecastMethod.Linear, l.Figures.Method));
    }

    [Fact]
    public async Task Seeding_the_demo_again_keeps_a_changed_link()
    {
        await fixture.ResetAndSeedDemoDataAsync();
        var jgd02 = (await Groups.ListAsync()).Single(g => g.Code == "JGD-02");

        var changed = await Groups.SetAsync("JGD-02", "Jeugdwet", ["43"], jgd02.Version, "controller");
        await using (var db = fixture.CreateContext())
        {
            await Infrastructure.DemoData.DemoDataSeeder.SeedAsync(db);
        }

        Assert.True(changed.Succeeded, changed.Message);
        Assert.Equal(["40", "43"], jgd02.ProductCategories);
        Assert.Equal(["43"], (await Groups.ListAsync()).Single(g => g.Code == "JGD-02").ProductCategories);
    }
}
