using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Domain.Forecasts;
using SociaalDomein.Domain.Imports;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Analysis;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.Forecasts;
using SociaalDomein.Infrastructure.Imports;
using SociaalDomein.Infrastructure.Privacy;
using SociaalDomein.Infrastructure.Providers;
using SociaalDomein.Infrastructure.Tests.Fixtures;
using SociaalDomein.Infrastructure.Tests.Imports;

namespace SociaalDomein.Infrastructure.Tests.Forecasts;

/// <summary>
/// The stored forecasts and accuracy (docs/domain.md §7, <see cref="ForecastFigureStore"/>): what is stored and read back is
/// exactly what <see cref="ForecastService"/> computes (which <see cref="ForecastServiceTests"/> holds to the Domain
/// calculators), every kind of change to a forecast input makes it stale so the next read computes it again, the accuracy
/// follows "today", two instances computing one key at once leave one row, and the recompute job stores what a page opens.
/// </summary>
public sealed class ForecastFigureStoreTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IDisposable
{
    private static readonly DateOnly AsOf = new(2032, 9, 30);
    private readonly FixedClock _clock = new(new DateTimeOffset(2032, 10, 15, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingJobClient _jobs = new();
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);

    public void Dispose() => _dataSource.Dispose();

    private ForecastService Service => new(fixture.ContextFactory, new BudgetService(fixture.ContextFactory), _clock);

    private ForecastFigureStore Store => new(fixture.ContextFactory, Service);

    /// <summary>Everything public of a report or accuracy, the computed properties (balances, errors) included, with the
    /// moment of computation left out: what a page or the API can show.</summary>
    private static string Shown<T>(T value) => JsonSerializer.Serialize(value, new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private static string Shown(ForecastReport report) => Shown<ForecastReport>(report with { ComputedAt = default });

    private static string Shown(LineAccuracy accuracy) => Shown<LineAccuracy>(accuracy with { ComputedAt = default });

    private static byte[] Key(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));

    /// <summary>The clock as PostgreSQL keeps it (microseconds).</summary>
    private DateTimeOffset Now => _clock.Now.AddTicks(-(_clock.Now.Ticks % 10));

    /// <summary>
    /// Two lines in 2030–2032: JGD-L (Jeugd, linked to Jeugdwet 45) and WMO-U (Wmo, not linked), with budgets, actuals for
    /// every month of 2030 and 2031 and January to September 2032; claims of Jeugdwet 45 for every service month, submitted
    /// 0 to 2 months late; two assignments of Jeugdwet 45 (one priced by the price list) and its tariff.
    /// </summary>
    private async Task SeedAsync()
    {
        await fixture.ResetAsync();
        var lines = new[]
        {
            new BudgetLine { Code = "JGD-L", Name = "Jeugdhulp LVB", Domain = BudgetDomain.Jeugd, SortOrder = 1 },
            new BudgetLine { Code = "WMO-U", Name = "Opvang", Domain = BudgetDomain.Wmo, SortOrder = 1 },
        };
        foreach (var (line, i) in lines.Select((l, i) => (l, i)))
        {
            for (var year = 2030; year <= 2032; year++)
            {
                line.Years.Add(new BudgetLineYear { Year = year, Budget = 1_300_000m * (i + 1) + 20_000m * (year - 2030) });
            }
        }

        await fixture.InsertAsync(lines);
        await fixture.InsertAsync(lines.SelectMany((l, i) => Enumerable.Range(2030, 3).SelectMany(year => Enumerable.Range(1, year == 2032 ? 9 : 12)
            .Select(m => new ActualMonth { BudgetLineId = l.Id, Year = year, Month = m, Amount = 95_000m * (i + 1) + 1_250.5m * m + 6_000m * (year - 2030) })))
            .ToArray());
        var linked = lines[0].Id;
        await fixture.InsertAsync(new ClaimGroup
        {
            BudgetLineId = linked, Law = Law.Jeugdwet, Version = 1,
            Categories = [new ClaimGroupCategory { BudgetLineId = linked, Law = Law.Jeugdwet, ProductCategory = "45" }],
        });

        var claims = new List<Claim>();
        for (var month = new DateOnly(2030, 1, 1); month <= new DateOnly(2032, 9, 1); month = month.AddMonths(1))
        {
            var size = 90_000m + 400m * ((month.Year - 2030) * 12 + month.Month);
            foreach (var (lag, share) in new[] { (0, 0.5m), (1, 0.35m), (2, 0.15m) })
            {
                var n = claims.Count;
                claims.Add(new Claim
                {
                    IdentityKey = "nr:opslag-" + n, ClientKey = Key("cliënt " + n % 5), ProviderAgb = "71000001", Law = Law.Jeugdwet, ProductCategory = "45",
                    ProductCode = "45A01", PeriodStart = month, PeriodEnd = month.AddMonths(1).AddDays(-1), Amount = size * share,
                    SubmittedOn = month.AddMonths(lag).AddDays(17), Status = ClaimStatus.Approved,
                });
            }
        }

        await fixture.InsertAsync(claims.ToArray());
        await fixture.InsertAsync(
            new Assignment
            {
                IdentityKey = "nr:opslag-toewijzing-1", ClientKey = Key("cliënt 1"), CaseNumber = "D-1", AddressKey = Key("adres 1"), Postcode4 = "8011",
                Law = Law.Jeugdwet, ProductCategory = "45", ProductCode = "45A01", ProviderAgb = "71000001", DeliveryForm = DeliveryForm.InKind,
                StartDate = new DateOnly(2029, 12, 1), Budget = 1_000_000m,
            },
            new Assignment
            {
                IdentityKey = "nr:opslag-toewijzing-2", ClientKey = Key("cliënt 2"), CaseNumber = "D-2", AddressKey = Key("adres 2"), Postcode4 = "8011",
                Law = Law.Jeugdwet, ProductCategory = "45", ProductCode = "45A01", ProviderAgb = "71000001", DeliveryForm = DeliveryForm.InKind,
                StartDate = new DateOnly(2031, 3, 1), EndDate = new DateOnly(2033, 2, 28), Volume = 6m, Frequency = Frequency.PerWeek,
            });
        await fixture.InsertAsync(new Tariff { ProductCode = "45A01", ValidFrom = new DateOnly(2030, 1, 1), Amount = 75m, Unit = "uur" });
    }

    private async Task<(ForecastReport Forecast, LineAccuracy Accuracy)> ReadAsync()
    {
        var store = Store;
        return ((await store.ForecastAsync(2032, AsOf)).Value!, (await store.AccuracyAsync("JGD-L")).Value!);
    }

    private async Task<(ForecastReport Forecast, LineAccuracy Accuracy)> FreshAsync() =>
        ((await Service.ForecastAsync(2032, AsOf)).Value!, (await Service.AccuracyAsync("JGD-L")).Value!);

    [Fact]
    public async Task The_stored_forecast_of_every_month_end_and_the_accuracy_are_exactly_what_the_service_computes_and_are_read_back_stored()
    {
        await SeedAsync();
        var computedAt = Now;

        for (var month = 1; month <= 9; month++)
        {
            var asOf = ForecastCalendar.MonthEnd(2032, month);
            var stored = (await Store.ForecastAsync(2032, asOf)).Value!;
            var fresh = (await Service.ForecastAsync(2032, asOf)).Value!;
            Assert.Equal(Shown(fresh), Shown(stored));
            Assert.Equal(computedAt, stored.ComputedAt);
        }

        var accuracies = new[] { "JGD-L", "wmo-u" }.Select(code => (Stored: Store.AccuracyAsync(code).Result.Value!, Fresh: Service.AccuracyAsync(code).Result.Value!)).ToList();
        Assert.All(accuracies, a => Assert.Equal(Shown(a.Fresh), Shown(a.Stored)));
        Assert.Contains(accuracies[0].Stored.Points, p => p.Method == ForecastMethod.LagAdjusted && p.Forecast.IsComputable);
        Assert.Contains(accuracies[0].Stored.Points, p => p.Method == ForecastMethod.Commitment && p.Forecast.IsComputable);

        // Read again later: from the store, with the moment they were computed, not recomputed.
        _clock.Now = _clock.Now.AddHours(3);
        var (again, accuracy) = await ReadAsync();
        Assert.Equal(computedAt, again.ComputedAt);
        Assert.Equal(computedAt, accuracy.ComputedAt);
        Assert.Equal(Shown(accuracies[0].Fresh), Shown(accuracy));
        var jgd = again.Lines.Single(l => l.Code == "JGD-L").Figures;
        var actualToDate = Enumerable.Range(1, 9).Sum(m => 95_000m + 1_250.5m * m + 12_000m);
        Assert.Equal((actualToDate, LinearForecast.Calculate(actualToDate, 9).Amount), (jgd.ActualToDate, jgd.Linear.Amount)); // the calculator itself
        Assert.True(jgd.LagAdjusted.IsComputable && jgd.Commitment.IsComputable, jgd.LagAdjusted.Reason ?? jgd.Commitment.Reason);
        Assert.Equal(jgd.Budget - jgd.Recommended.Amount, jgd.Balance);
        Assert.Equal((9, 1), (await fixture.QueryAsync(db => db.ForecastFigureSets.CountAsync()),
            await fixture.QueryAsync(db => db.ForecastAccuracySets.CountAsync(s => s.BudgetLineId == db.BudgetLines.Single(l => l.Code == "JGD-L").Id))));
    }

    [Fact]
    public async Task A_refused_question_gets_the_services_Dutch_message_and_nothing_is_stored()
    {
        await SeedAsync();

        var future = await Store.ForecastAsync(2032, new DateOnly(2032, 11, 30));
        var noBudget = await Store.ForecastAsync(2040, new DateOnly(2032, 9, 30));
        var notMonthEnd = await Store.ForecastAsync(2032, new DateOnly(2032, 9, 15));
        var unknown = await Store.AccuracyAsync("XX-9");
        var none = await Store.AccuracyAsync(" ");

        Assert.Equal(("asOf", true), (future.Parameter, future.Error!.Contains("in de toekomst")));
        Assert.Equal(("year", true), (noBudget.Parameter, noBudget.Error!.Contains("Voor 2040 is geen begroting")));
        Assert.Equal(("asOf", true), (notMonthEnd.Parameter, notMonthEnd.Error!.Contains("geen maandeinde")));
        Assert.Equal(("line", "Er is geen begrotingspost met code 'XX-9'."), (unknown.Parameter, unknown.Error));
        Assert.Equal("line", none.Parameter);
        Assert.Equal(0, await fixture.QueryAsync(db => db.ForecastFigureSets.CountAsync()));
        Assert.Equal(0, await fixture.QueryAsync(db => db.ForecastAccuracySets.CountAsync()));
    }

    [Theory]
    [InlineData("realisatie-import")]
    [InlineData("declaraties-import")]
    [InlineData("toewijzingen-import")]
    [InlineData("tarief")]
    [InlineData("post toegevoegd")]
    [InlineData("post gewijzigd")]
    [InlineData("oorspronkelijke begroting")]
    [InlineData("mutatie goedgekeurd")]
    [InlineData("declaratiekoppeling")]
    [InlineData("prognosemethode")]
    public async Task Every_kind_of_change_to_a_forecast_input_makes_the_stored_figures_stale_and_the_next_read_computes_them_again(string change)
    {
        await SeedAsync();
        var (before, _) = await ReadAsync();
        _clock.Now = _clock.Now.AddHours(1);

        await ChangeAsync(change);
        var (after, accuracy) = await ReadAsync();

        Assert.NotEqual(before.ComputedAt, after.ComputedAt);
        Assert.Equal((Now, Now), (after.ComputedAt, accuracy.ComputedAt));
        var (fresh, freshAccuracy) = await FreshAsync();
        Assert.Equal(Shown(fresh), Shown(after));
        Assert.Equal(Shown(freshAccuracy), Shown(accuracy));
        if (change.EndsWith("-import", StringComparison.Ordinal))
        {
            Assert.Contains(_jobs.Enqueued, j => j.Type == typeof(ForecastRecomputeJob));
        }
    }

    [Fact]
    public async Task A_change_to_another_analysis_or_a_mutation_not_yet_approved_leaves_the_stored_figures_current()
    {
        await SeedAsync();
        var (before, accuracyBefore) = await ReadAsync();
        _clock.Now = _clock.Now.AddHours(1);

        await using (var db = fixture.CreateContext())
        {
            InputChanges.Add(db, _clock.Now, "wijkindeling", StoredAnalysis.Stacking);
            InputChanges.Add(db, _clock.Now, "maatregel", StoredAnalysis.Scenarios);
            await db.SaveChangesAsync();
        }

        var mutations = new MutationService(fixture.ContextFactory, _clock, _jobs);
        var (created, id) = await mutations.CreateAsync(new MutationDraft("JGD-L", 2032, 250_000m, "berap1", false, "Meer jeugdhulp"), "controller");
        var submitted = await mutations.SubmitAsync(id!.Value, null, "controller");
        var (after, accuracyAfter) = await ReadAsync();

        Assert.True(created.Succeeded && submitted.Succeeded, created.Message ?? submitted.Message);
        Assert.Equal((before.ComputedAt, accuracyBefore.ComputedAt), (after.ComputedAt, accuracyAfter.ComputedAt));
    }

    private async Task ChangeAsync(string change)
    {
        var user = "controller@test";
        switch (change)
        {
            case "realisatie-import":
                Assert.Equal(ImportStatus.Succeeded, await ImportAsync(ImportKind.Realisatie, "grootboek.csv", "jaar;maand;budgetpost;bedrag", "2032;9;JGD-L;250.000,00"));
                break;
            case "declaraties-import":
                Assert.Equal(ImportStatus.Succeeded, await ImportAsync(ImportKind.Declaraties, "declaraties.csv",
                    "bsn;aanbieder_agb;aanbieder_naam;wet;productcategorie;productcode;periode_start;periode_eind;bedrag;ingediend_op;declaratienummer",
                    $"{TestBsn.Number(21)};71000001;Zorg BV;Jeugdwet;45;45A01;01-08-2032;31-08-2032;40.000,00;20-09-2032;LAAT-1"));
                break;
            case "toewijzingen-import":
                Assert.Equal(ImportStatus.Succeeded, await ImportAsync(ImportKind.Toewijzingen, "toewijzingen.csv",
                    ToewijzingenTestFiles.Header + ";productcategorie",
                    ToewijzingenTestFiles.Row(("bsn", TestBsn.Number(22)), ("wet", "Jeugdwet"), ("productcode", "45A01"), ("aanbieder_agb", "71000001"),
                        ("ingangsdatum", "01-01-2032"), ("einddatum", "31-12-2032"), ("budget", "600000"), ("volume", ""), ("eenheid", ""),
                        ("frequentie", ""), ("tarief", "")) + ";45"));
                break;
            case "tarief":
                var (added, _) = await new TariffService(fixture.ContextFactory, _clock, _jobs)
                    .AddAsync(new TariffInput("45A01", "71000001", new DateOnly(2032, 1, 1), null, 90m, "uur"), user);
                Assert.True(added.Succeeded, added.Message);
                break;
            case "post toegevoegd":
                Assert.True((await new BudgetLineService(fixture.ContextFactory, _clock).AddLineAsync("WMO-N", "Nieuw", "Wmo", null, null, user)).Succeeded);
                break;
            case "post gewijzigd":
                var line = (await new BudgetLineService(fixture.ContextFactory, _clock).ListAsync()).Single(l => l.Code == "WMO-U");
                Assert.True((await new BudgetLineService(fixture.ContextFactory, _clock).UpdateLineAsync("WMO-U", "Maatschappelijke opvang", null, null, line.Version, user)).Succeeded);
                break;
            case "oorspronkelijke begroting":
                var year = (await new BudgetLineService(fixture.ContextFactory, _clock).ListAsync()).Single(l => l.Code == "WMO-U").Years.Single(y => y.Year == 2032);
                Assert.True((await new BudgetLineService(fixture.ContextFactory, _clock).SetOriginalBudgetAsync("WMO-U", 2032, 2_900_000m, "Raadsbesluit", year.Version, user)).Succeeded);
                break;
            case "mutatie goedgekeurd":
                var mutations = new MutationService(fixture.ContextFactory, _clock, _jobs);
                var (created, id) = await mutations.CreateAsync(new MutationDraft("JGD-L", 2032, 250_000m, "berap1", false, "Meer jeugdhulp"), user);
                Assert.True(created.Succeeded, created.Message);
                Assert.True((await mutations.SubmitAsync(id!.Value, null, user)).Succeeded);
                var approved = await mutations.ApproveAsync(id.Value, null, "tweede.controller@test");
                Assert.True(approved.Succeeded, approved.Message);
                break;
            case "declaratiekoppeling":
                var groups = new ClaimGroupService(fixture.ContextFactory, _clock);
                var group = (await groups.ListAsync()).Single(g => g.Code == "JGD-L");
                Assert.True((await groups.SetAsync("JGD-L", "Jeugdwet", ["45", "43"], group.Version, user)).Succeeded);
                break;
            case "prognosemethode":
                Assert.True((await new ForecastMethodChoiceService(fixture.ContextFactory, _clock).SetAsync("JGD-L", ForecastMethod.Linear, "Toets", null, user)).Succeeded);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }
    }

    private async Task<ImportStatus> ImportAsync(ImportKind kind, string fileName, params string[] lines)
    {
        var files = TestImportFiles.Create(_dataSource);
        var service = new ImportService(fixture.ContextFactory, files, _jobs, TimeProvider.System);
        var job = new ImportJob(_dataSource, files, new Pseudonymiser(new byte[32]), _jobs, NullLogger<ImportJob>.Instance);
        var id = await service.StartAsync(new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n")), fileName, kind, false, "controller@test");
        await job.RunAsync(id, CancellationToken.None);
        var run = (await service.GetAsync(id))!;
        Assert.True(run.Status == ImportStatus.Succeeded, run.Message);
        return run.Status;
    }

    [Fact]
    public async Task The_accuracy_is_computed_again_in_a_new_year_and_when_a_claim_submitted_after_the_day_it_was_computed_has_come_in()
    {
        await SeedAsync();
        await fixture.InsertAsync(new Claim
        {
            IdentityKey = "nr:opslag-later", ClientKey = Key("cliënt later"), ProviderAgb = "71000001", Law = Law.Jeugdwet, ProductCategory = "45",
            ProductCode = "45A01", PeriodStart = new DateOnly(2030, 11, 1), PeriodEnd = new DateOnly(2030, 11, 30), Amount = 77_777m,
            SubmittedOn = new DateOnly(2032, 10, 17), Status = ClaimStatus.Approved, // two days after "today": not known yet
        });
        var first = (await Store.AccuracyAsync("JGD-L")).Value!;

        _clock.Now = _clock.Now.AddDays(1); // 16 October: still nothing new known
        var nextDay = (await Store.AccuracyAsync("JGD-L")).Value!;
        _clock.Now = _clock.Now.AddDays(1); // 17 October: the claim is known
        var claimKnown = (await Store.AccuracyAsync("JGD-L")).Value!;
        _clock.Now = _clock.Now.AddHours(5); // later that day: nothing new
        var sameDay = (await Store.AccuracyAsync("JGD-L")).Value!;
        _clock.Now = _clock.Now.AddDays(1); // 18 October: the September claims submitted a month late are known
        var dayAfter = (await Store.AccuracyAsync("JGD-L")).Value!;
        _clock.Now = new DateTimeOffset(2032, 12, 31, 9, 0, 0, TimeSpan.Zero);
        var lastDay = (await Store.AccuracyAsync("JGD-L")).Value!;
        _clock.Now = new DateTimeOffset(2033, 1, 1, 9, 0, 0, TimeSpan.Zero); // a new year, nothing submitted since
        var newYear = (await Store.AccuracyAsync("JGD-L")).Value!;

        Assert.Equal(first.ComputedAt, nextDay.ComputedAt);
        Assert.Equal(Shown(first), Shown(nextDay));
        Assert.True(claimKnown.ComputedAt > first.ComputedAt);
        Assert.NotEqual(Shown(first), Shown(claimKnown)); // the late claim of 2030 moves the utilisation the 2031 backtest of commitment uses
        Assert.Equal(Shown((await Service.AccuracyAsync("JGD-L")).Value!), Shown(newYear));
        Assert.Equal(claimKnown.ComputedAt, sameDay.ComputedAt);
        Assert.True(dayAfter.ComputedAt > claimKnown.ComputedAt);
        Assert.True(newYear.ComputedAt > lastDay.ComputedAt); // computed again: the backtest years and the utilisation depend on the year
        Assert.Equal(Now, newYear.ComputedAt);
    }

    [Fact]
    public async Task Two_instances_computing_the_same_forecast_and_accuracy_at_once_both_answer_and_leave_one_row_each()
    {
        await SeedAsync();

        // Two stores, as two app instances: each computes (nothing stored yet) and writes the same keys.
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            var store = Store;
            var forecast = store.ForecastAsync(2032, AsOf);
            var accuracy = store.AccuracyAsync("JGD-L");
            return ((await forecast).Value!, (await accuracy).Value!);
        })));

        var (fresh, freshAccuracy) = await FreshAsync();
        Assert.All(results, r => Assert.Equal(Shown(fresh), Shown(r.Item1)));
        Assert.All(results, r => Assert.Equal(Shown(freshAccuracy), Shown(r.Item2)));
        Assert.Equal(1, await fixture.QueryAsync(db => db.ForecastFigureSets.CountAsync(s => s.Year == 2032 && s.AsOf == AsOf)));
        Assert.Equal(1, await fixture.QueryAsync(db => db.ForecastAccuracySets.CountAsync()));
    }

    [Fact]
    public async Task The_recompute_job_stores_every_month_end_of_the_latest_year_up_to_its_last_actual_and_every_lines_accuracy()
    {
        await SeedAsync();
        var computedAt = Now;

        await new ForecastRecomputeJob(Store, NullLogger<ForecastRecomputeJob>.Instance).RunAsync(CancellationToken.None);

        var stored = await fixture.QueryAsync(db => db.ForecastFigureSets.OrderBy(s => s.AsOf).Select(s => new { s.Year, s.AsOf, s.ComputedAt }).ToListAsync());
        Assert.Equal(Enumerable.Range(1, 9).Select(m => ForecastCalendar.MonthEnd(2032, m)), stored.Select(s => s.AsOf));
        Assert.All(stored, s => Assert.Equal((2032, computedAt), (s.Year, s.ComputedAt)));
        var lines = await fixture.QueryAsync(db => db.BudgetLines.Select(l => l.Code).ToListAsync());
        Assert.Equal(lines.Count, await fixture.QueryAsync(db => db.ForecastAccuracySets.CountAsync(s => s.ComputedAt == computedAt)));

        _clock.Now = _clock.Now.AddHours(2); // a reader later gets the job's figures, equal to a fresh computation
        foreach (var asOf in stored.Select(s => s.AsOf))
        {
            var read = (await Store.ForecastAsync(2032, asOf)).Value!;
            Assert.Equal(computedAt, read.ComputedAt);
            Assert.Equal(Shown((await Service.ForecastAsync(2032, asOf)).Value!), Shown(read));
        }

        foreach (var code in lines)
        {
            var read = (await Store.AccuracyAsync(code)).Value!;
            Assert.Equal(computedAt, read.ComputedAt);
            Assert.Equal(Shown((await Service.AccuracyAsync(code)).Value!), Shown(read));
        }
    }
}
