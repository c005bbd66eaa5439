using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Forecasts;
using SociaalDomein.Domain.Security;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.Forecasts;
using SociaalDomein.Infrastructure.Tests.Fixtures;
using SociaalDomein.Web.Components.Forecasts;
using SociaalDomein.Web.Components.Scenarios;

namespace SociaalDomein.Web.Tests.Components.Forecasts;

/// <summary>The tab "Per begrotingspost" of /prognose with the real forecast services on the demo municipality: the figures
/// are compared with what <see cref="ForecastService"/> answers for the same year and as-of date, never with constants.</summary>
public sealed class LineForecastTabTests : MudBunitContext, IClassFixture<DatabaseFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly DatabaseFixture _database;
    private readonly Bunit.TestDoubles.BunitAuthorizationContext _authorization;

    public LineForecastTabTests(DatabaseFixture database)
    {
        _database = database;
        _authorization = AddAuthorization();
        SignIn("controller@demo.local", Roles.Controller, "Financieel");
        Services.AddSingleton(database.ContextFactory);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<BudgetService>();
        Services.AddSingleton<ForecastService>();
        Services.AddSingleton<ForecastFigureStore>();
        Services.AddSingleton<ForecastMethodChoiceService>();
    }

    public override Task InitializeAsync() => _database.ResetAndSeedDemoDataAsync();

    private ForecastService Forecasts => Services.GetRequiredService<ForecastService>();

    private void SignIn(string name, string role, params string[] policies) => _authorization.SetAuthorized(name).SetRoles(role).SetPolicies(policies);

    /// <summary>The report the tab should show: the service's answer for its default as-of date.</summary>
    private async Task<ForecastReport> ExpectedAsync()
    {
        var asOf = (await Forecasts.DefaultAsOfAsync())!.Value;
        return (await Forecasts.ForecastAsync(asOf.Year, asOf)).Value!;
    }

    private IRenderedComponent<IComponent> RenderTab(bool canEdit)
    {
        var root = Render(builder =>
        {
            builder.OpenComponent<MudDialogProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<LineForecastTab>(1);
            builder.AddAttribute(2, "CanEdit", canEdit);
            builder.CloseComponent();
        });
        root.WaitForAssertion(() => Assert.NotEmpty(root.FindAll("[data-testid=prognose-totaalregel]")), Wait);
        return root;
    }

    private static string Shown(ForecastValue value) =>
        value.Amount is { } amount ? ScenarioAmounts.Millions(amount) : YearEndForecast.NotComputableText;

    /// <summary>The text of a cell without its note number and mark.</summary>
    private static string Figure(IElement cell) =>
        (cell.QuerySelector(".niet-te-berekenen")?.TextContent ?? cell.ChildNodes.Where(n => n.NodeType == NodeType.Text).Select(n => n.TextContent).FirstOrDefault(t => t.Trim().Length > 0) ?? "").Trim();

    [Fact]
    public async Task The_tab_shows_every_line_with_the_services_figures_the_sums_and_no_edit_control_for_a_wethouder()
    {
        SignIn("wethouder@demo.local", Roles.Wethouder);
        var expected = await ExpectedAsync();

        var root = RenderTab(canEdit: false);

        Assert.Contains($"Stand per {SociaalDomein.Web.Formatting.Dutch.Date(expected.AsOf)}", root.Find("[data-testid=prognose-stand]").TextContent);
        Assert.Equal(expected.Lines.Count(), root.FindAll("tr[data-testid^=prognose-regel-]").Count);
        foreach (var line in expected.Lines)
        {
            var row = root.Find($"tr[data-testid=prognose-regel-{line.Code}]");
            Assert.Equal(ScenarioAmounts.Exact(line.Figures.Budget), row.QuerySelectorAll("td")[0].GetAttribute("title"));
            Assert.Equal(ScenarioAmounts.Millions(line.Figures.ActualToDate), row.QuerySelectorAll("td")[1].TextContent.Trim());
            foreach (var method in ForecastMethods.All)
            {
                Assert.Equal(Shown(line.Figures[method]), Figure(row.QuerySelector($"[data-testid=methode-{method}]")!));
            }

            Assert.Equal(Shown(line.Figures.Recommended), Figure(row.QuerySelector("[data-testid=prognose]")!));
            var balance = row.QuerySelector("[data-testid=saldo]")!;
            Assert.Equal(line.Figures.Balance is { } b ? ScenarioAmounts.Exact(b) : line.Figures.Recommended.Reason, balance.GetAttribute("title"));
            Assert.Equal(line.Figures.Balance < 0, balance.ClassList.Contains("negatief"));
            if (line.Recommendation.Method is { } recommended)
            {
                Assert.Contains("aanbevolen", row.QuerySelector($"[data-testid=methode-{recommended}] [data-testid=merk]")!.TextContent);
            }
        }

        foreach (var domain in expected.Domains)
        {
            var subtotal = root.Find($"[data-testid=prognose-subtotaal-{domain.Domain}]");
            Assert.Equal(Shown(domain.Figures.Recommended), Figure(subtotal.QuerySelector("[data-testid=prognose]")!));
            Assert.Equal(Shown(domain.Figures.LagAdjusted), Figure(subtotal.QuerySelector($"[data-testid=methode-{ForecastMethod.LagAdjusted}]")!));
        }

        var total = root.Find("[data-testid=prognose-totaalregel]");
        Assert.Equal(Shown(expected.Total.Recommended), Figure(total.QuerySelector("[data-testid=prognose]")!));
        Assert.Equal(ScenarioAmounts.Exact(expected.Total.Balance!.Value), total.QuerySelector("[data-testid=saldo]")!.GetAttribute("title"));
        Assert.Empty(root.FindAll("[data-testid^=methode-wijzigen]"));
        Assert.DoesNotContain("NaN", root.Markup);
        Assert.DoesNotContain("∞", root.Markup);
    }

    [Fact]
    public async Task Niet_te_berekenen_carries_its_Dutch_reason_as_tooltip_and_as_a_note_the_cell_points_at_and_exact_euros_toggle()
    {
        var expected = await ExpectedAsync();
        var unlinked = expected.Lines.First(l => !l.Linked);
        var sumWithNote = expected.Domains.First(d => d.Figures.LagAdjusted.Note is not null || d.Figures.LagAdjusted.Reason is not null);

        var root = RenderTab(canEdit: false);

        var cell = root.Find($"tr[data-testid=prognose-regel-{unlinked.Code}] [data-testid=methode-{ForecastMethod.LagAdjusted}]");
        Assert.Equal(YearEndForecast.NotComputableText, Figure(cell));
        Assert.Equal(ForecastService.NotLinkedReason, cell.GetAttribute("title"));
        Assert.Equal(ForecastService.NotLinkedReason, root.Find($"[id='{cell.GetAttribute("aria-describedby")}']").TextContent.Trim());
        var note = sumWithNote.Figures.LagAdjusted.Note ?? sumWithNote.Figures.LagAdjusted.Reason;
        var sumCell = root.Find($"[data-testid=prognose-subtotaal-{sumWithNote.Domain}] [data-testid=methode-{ForecastMethod.LagAdjusted}]");
        Assert.Equal(note, root.Find($"[id='{sumCell.GetAttribute("aria-describedby")}']").TextContent.Trim());

        root.Find("input[data-testid=prognose-exact]").Change(true);

        var line = expected.Lines.First(l => l.Figures.Linear.IsComputable);
        root.WaitForAssertion(() => Assert.Equal(ScenarioAmounts.Exact(line.Figures.Linear.Amount!.Value),
            Figure(root.Find($"tr[data-testid=prognose-regel-{line.Code}] [data-testid=methode-{ForecastMethod.Linear}]"))), Wait);
    }

    [Fact]
    public async Task A_line_opens_to_its_chart_with_its_table_and_the_accuracy_sentence_of_the_service()
    {
        var accuracy = (await Forecasts.AccuracyAsync("JGD-03")).Value!;
        var root = RenderTab(canEdit: false);

        await root.InvokeAsync(() => root.Find("tr[data-testid=prognose-regel-JGD-03] [data-testid=prognose-regelknop]").Click());

        root.WaitForAssertion(() => Assert.NotEmpty(root.FindAll("[data-testid=aanbeveling]")), Wait);
        Assert.Equal("true", root.Find("tr[data-testid=prognose-regel-JGD-03] [data-testid=prognose-regelknop]").GetAttribute("aria-expanded"));
        Assert.StartsWith(ForecastText.Recommendation(accuracy.Recommendation), root.Find("[data-testid=aanbeveling]").TextContent.Trim());
        Assert.NotNull(root.Find("[data-testid=prognosegrafiek-JGD-03] svg[role=img]"));
        Assert.NotNull(root.Find("[data-testid=prognosegrafiek-JGD-03-tabel]"));
        Assert.Equal(accuracy.Years.Count > 0, root.FindAll("[data-testid=nauwkeurigheidsgrafiek-JGD-03] svg[role=img]").Count == 1);
    }

    [Fact]
    public async Task The_tab_and_an_opened_line_say_when_their_stored_figures_were_computed()
    {
        var asOf = (await Forecasts.DefaultAsOfAsync())!.Value;
        var root = RenderTab(canEdit: false);
        await root.InvokeAsync(() => root.Find("tr[data-testid=prognose-regel-JGD-03] [data-testid=prognose-regelknop]").Click());
        root.WaitForAssertion(() => Assert.NotEmpty(root.FindAll("[data-testid=nauwkeurigheid-berekend]")), Wait);

        var stored = await _database.QueryAsync(db => db.ForecastFigureSets.SingleAsync(s => s.Year == asOf.Year && s.AsOf == asOf));
        var accuracy = await _database.QueryAsync(db => db.ForecastAccuracySets.SingleAsync(s => db.BudgetLines.Any(l => l.Id == s.BudgetLineId && l.Code == "JGD-03")));
        Assert.Equal($"Berekend op {SociaalDomein.Web.Formatting.Dutch.DateTime(stored.ComputedAt)}.", root.Find("[data-testid=prognose-berekend]").TextContent.Trim());
        Assert.Equal($"Berekend op {SociaalDomein.Web.Formatting.Dutch.DateTime(accuracy.ComputedAt)}.",
            root.Find("[data-testid=nauwkeurigheid-berekend]").TextContent.Trim());
    }

    [Fact]
    public void The_typical_error_is_rounded_up_so_doorgaans_binnen_stays_true()
    {
        Assert.Equal("€ 0,5 mln", ForecastText.WithinMillions(400_001m));
        Assert.Equal("€ 0,4 mln", ForecastText.WithinMillions(400_000m));
        Assert.Equal("€ 0,1 mln", ForecastText.WithinMillions(1m));
        Assert.Equal("€ 0,0 mln", ForecastText.WithinMillions(0m));
    }

    [Fact]
    public async Task The_method_dialog_puts_errors_under_their_field_shows_a_conflict_and_a_saved_choice_replaces_the_forecast()
    {
        var expected = await ExpectedAsync();
        var unlinked = expected.Lines.First(l => !l.Linked).Code;
        var lvb = expected.Lines.Single(l => l.Code == "JGD-03");
        var chosen = ForecastMethods.All.First(m => m != lvb.Figures.Method && lvb.Figures[m].IsComputable);
        var root = RenderTab(canEdit: true);

        // No reason: refused under the reason field.
        _ = root.InvokeAsync(() => root.Find($"[data-testid=methode-wijzigen-{unlinked}]").Click()); // completes when the dialog closes
        root.WaitForAssertion(() => Assert.StartsWith($"Prognosemethode van {unlinked}", root.Find(".mud-dialog-title h2").TextContent.Trim()), Wait);
        await root.InvokeAsync(() => root.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Methode").Instance.ValueChanged.InvokeAsync(nameof(ForecastMethod.LagAdjusted)));
        await root.InvokeAsync(() => root.Find("[data-testid=opslaan]").Click());
        root.WaitForAssertion(() => Assert.StartsWith("Geef een reden op", Description(root, "textarea[data-testid=veld-reden]")), Wait);
        // A claim method on a line without claims: refused under the method field.
        await root.InvokeAsync(() => root.Find("textarea[data-testid=veld-reden]").Change("Volgens de gecorrigeerde methode"));
        await root.InvokeAsync(() => root.Find("[data-testid=opslaan]").Click());
        root.WaitForAssertion(() => Assert.Contains(root.FindAll(".mud-input-helper-text, .mud-input-error"), e => e.TextContent.Contains("heeft geen gekoppelde declaraties")), Wait);
        await root.InvokeAsync(() => root.FindAll(".mud-dialog-actions button").First().Click());
        root.WaitForAssertion(() => Assert.Empty(root.FindAll("[data-testid=methode-dialoog]")), Wait);

        // Someone else chooses for LVB while the dialog is open: a conflict, nothing overwritten.
        _ = root.InvokeAsync(() => root.Find("[data-testid=methode-wijzigen-JGD-03]").Click());
        root.WaitForAssertion(() => Assert.NotEmpty(root.FindAll("[data-testid=methode-dialoog]")), Wait);
        var choices = Services.GetRequiredService<ForecastMethodChoiceService>();
        Assert.True((await choices.SetAsync("JGD-03", ForecastMethod.Linear, "Eerder gekozen", null, "beheerder@demo.local")).Succeeded);
        await root.InvokeAsync(() => root.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Methode").Instance.ValueChanged.InvokeAsync(chosen.ToString()));
        await root.InvokeAsync(() => root.Find("textarea[data-testid=veld-reden]").Change("Mijn reden"));
        await root.InvokeAsync(() => root.Find("[data-testid=opslaan]").Click());
        root.WaitForAssertion(() => Assert.Contains("intussen door iemand anders gewijzigd", root.Find("[data-testid=fouten]").TextContent), Wait);
        Assert.Equal("Eerder gekozen", (await choices.GetAsync("JGD-03"))!.Reason);
        await root.InvokeAsync(() => root.FindAll(".mud-dialog-actions button").First().Click());
        root.WaitForAssertion(() => Assert.Empty(root.FindAll("[data-testid=methode-dialoog]")), Wait);

        // Saved with the version read again (the tab reloads after a save; here the dialog of a fresh tab reads version 1).
        var fresh = RenderTab(canEdit: true);
        _ = fresh.InvokeAsync(() => fresh.Find("[data-testid=methode-wijzigen-JGD-03]").Click());
        fresh.WaitForAssertion(() => Assert.NotEmpty(fresh.FindAll("[data-testid=methode-dialoog]")), Wait);
        await fresh.InvokeAsync(() => fresh.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Methode").Instance.ValueChanged.InvokeAsync(chosen.ToString()));
        await fresh.InvokeAsync(() => fresh.Find("textarea[data-testid=veld-reden]").Change("Mijn reden"));
        await fresh.InvokeAsync(() => fresh.Find("[data-testid=opslaan]").Click());

        fresh.WaitForAssertion(() => Assert.Contains("Gekozen door controller: Mijn reden",
            fresh.Find("tr[data-testid=prognose-regel-JGD-03] [data-testid=methode-toelichting]").TextContent), Wait);
        var row = fresh.Find("tr[data-testid=prognose-regel-JGD-03]");
        Assert.Equal(ScenarioAmounts.Millions(lvb.Figures[chosen].Amount!.Value), Figure(row.QuerySelector("[data-testid=prognose]")!));
        Assert.Contains("gekozen", row.QuerySelector($"[data-testid=methode-{chosen}] [data-testid=merk]")!.TextContent);
        if (lvb.Recommendation.Method is { } recommended && recommended != chosen)
        {
            Assert.Contains("aanbevolen", row.QuerySelector($"[data-testid=methode-{recommended}] [data-testid=merk]")!.TextContent);
        }

        Assert.Equal(2, await _database.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.ForecastMethodChosen && e.Subject.StartsWith("Begrotingspost JGD-03"))));
    }
}
