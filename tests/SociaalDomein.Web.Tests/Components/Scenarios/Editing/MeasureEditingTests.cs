using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Scenarios;
using SociaalDomein.Domain.Security;
using SociaalDomein.Infrastructure.Scenarios;
using SociaalDomein.Infrastructure.Tests.Fixtures;
using SociaalDomein.Web.Components.Scenarios;
using SociaalDomein.Web.Components.Scenarios.Editing;

namespace SociaalDomein.Web.Tests.Components.Scenarios.Editing;

/// <summary>The measures tab and its dialogs on the demo data: errors on the field, conflicts, history.</summary>
public sealed class MeasureEditingTests(DatabaseFixture database) : EditingTestContext(database), IClassFixture<DatabaseFixture>
{
    private static readonly string[] Eligible = ["Optimaliseren", "Hervormen"];

    private async Task<IReadOnlyList<int>> YearsAsync() => [.. (await Measures.PeriodAsync())!.Years];

    private async Task<MeasureFigures> MeasureAsync(string code) => (await Measures.ListAsync()).Single(m => m.Code == code);

    private Task<int> CountAsync() => Database.QueryAsync(db => db.Measures.CountAsync());

    /// <summary>The tab as the page places it, beside the dialog provider.</summary>
    private Task<(IRenderedComponent<IComponent> Root, Func<int> Changed)> TabAsync(bool canEdit) => RenderTabAsync<MeasuresTab>(canEdit, "maatregel-W1");

    [Fact]
    public async Task Adding_a_measure_with_a_code_that_exists_shows_the_message_under_the_code_and_stores_nothing()
    {
        var before = await CountAsync();
        var (provider, dialog) = await OpenAsync(new DialogParameters<MeasureDialog> { { d => d.Years, await YearsAsync() }, { d => d.Scenarios, Eligible } });

        Input(provider, "veld-code").Change("w1");
        Input(provider, "veld-titel").Change("Nog een keer W1");
        Input(provider, "veld-opbrengst-2019").Change("1.000.000");
        provider.Find("[data-testid=opslaan]").Click();

        provider.WaitForAssertion(() => Assert.Equal("Er is al een maatregel met code W1. Kies een andere code.", Description(provider, "input[data-testid=veld-code]")), Wait);
        Assert.Equal("true", Input(provider, "veld-code").GetAttribute("aria-invalid"));
        Assert.False(dialog.Result.IsCompleted);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_yield_that_is_not_a_number_is_refused_in_Dutch_under_its_year_before_anything_is_sent()
    {
        var before = await CountAsync();
        var (provider, dialog) = await OpenAsync(new DialogParameters<MeasureDialog> { { d => d.Years, await YearsAsync() }, { d => d.Scenarios, Eligible } });

        Input(provider, "veld-code").Change("W9");
        Input(provider, "veld-titel").Change("Nieuwe maatregel");
        Input(provider, "veld-opbrengst-2020").Change("een miljoen");
        provider.Find("[data-testid=opslaan]").Click();

        provider.WaitForAssertion(() => Assert.StartsWith("'een miljoen' is geen bedrag.", Description(provider, "input[data-testid=veld-opbrengst-2020]")), Wait);
        Assert.False(dialog.Result.IsCompleted);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Saving_over_someone_elses_change_says_so_overwrites_nothing_and_reloads_their_version()
    {
        var years = await YearsAsync();
        var read = await MeasureAsync("W1");
        var (provider, dialog) = await OpenAsync(new DialogParameters<MeasureDialog>
        {
            { d => d.Measure, read }, { d => d.Years, years }, { d => d.Scenarios, Eligible },
        });
        var theirs = MeasureFormModel.From(read, years);
        theirs.Title = "Titel van een collega";
        Assert.True((await Measures.UpdateAsync("W1", theirs.ToDraft().Draft!, read.Version, "collega@demo.local")).Succeeded);

        Input(provider, "veld-titel").Change("Mijn titel");
        provider.Find("[data-testid=opslaan]").Click();

        provider.WaitForAssertion(() => Assert.Contains("Maatregel W1 is intussen door iemand anders gewijzigd", provider.Find("[data-testid=conflict]").TextContent), Wait);
        Assert.Equal("Titel van een collega", (await MeasureAsync("W1")).Title);
        Assert.False(dialog.Result.IsCompleted);

        provider.FindAll("[data-testid=conflict] button").Single(b => b.TextContent.Contains("opnieuw laden", StringComparison.Ordinal)).Click();

        provider.WaitForAssertion(() => Assert.Equal("Titel van een collega", Input(provider, "veld-titel").GetAttribute("value")), Wait);
        Assert.Empty(provider.FindAll("[data-testid=conflict]"));
    }

    [Fact]
    public async Task A_controller_edits_a_measure_in_the_tab_the_page_is_told_and_the_history_shows_before_and_after()
    {
        var (root, changed) = await TabAsync(canEdit: true);
        var title = (await MeasureAsync("W1")).Title;

        _ = root.Find("[data-testid=maatregel-W1] [data-testid=bewerken]").ClickAsync(new()); // completes when the dialog closes
        root.WaitForAssertion(() => Assert.Equal("Maatregel W1 bewerken", root.Find(".mud-dialog-title h2").TextContent.Trim()), Wait);
        Input(root, "veld-titel").Change("Wmo-loket anders ingericht");
        root.Find("[data-testid=opslaan]").Click();

        root.WaitForAssertion(() => Assert.Equal(1, changed()), Wait);
        root.WaitForAssertion(() => Assert.Empty(root.FindAll("[data-testid=maatregel-dialoog]")), Wait);
        Assert.Equal("Wmo-loket anders ingericht", (await MeasureAsync("W1")).Title);
        root.WaitForAssertion(() => Assert.Contains("Wmo-loket anders ingericht", root.Find("[data-testid=maatregel-W1]").TextContent), Wait);

        root.Find("[data-testid=maatregel-W1] [data-testid=details]").Click();

        root.WaitForAssertion(() => Assert.NotEmpty(root.FindAll("[data-testid=geschiedenis] tbody tr")), Wait);
        var row = root.FindAll("[data-testid=geschiedenis] tbody tr")[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Equal(["controller@demo.local", AuditAction.MeasureChanged.DutchName(), $"Titel: {title} → Wmo-loket anders ingericht"], row[1..]);
    }

    [Fact]
    public async Task A_wethouder_sees_measures_realisations_and_history_but_no_edit_control()
    {
        SignIn("wethouder@demo.local", Roles.Wethouder);
        var w1 = await MeasureAsync("W1");
        Assert.True((await Measures.RecordRealisationAsync("W1", new RealisationDraft(2018, 3, 62_500m, "Eerste besparing op de huishoudelijke hulp"), "controller@demo.local")).Succeeded);

        var (root, _) = await TabAsync(canEdit: false);
        root.Find("[data-testid=maatregel-W1] [data-testid=details]").Click();

        root.WaitForAssertion(() => Assert.NotEmpty(root.FindAll("[data-testid=geschiedenis] tbody tr")), Wait);
        Assert.Equal(["2018", "K3", "€ 62.500", "Eerste besparing op de huishoudelijke hulp", "controller@demo.local"],
            root.FindAll("[data-testid=realisaties] tbody tr td").Take(5).Select(td => td.TextContent.Trim()));
        Assert.Equal(AuditAction.RealisationRecorded.DutchName(), root.Find("[data-testid=geschiedenis] tbody tr").QuerySelectorAll("td")[2].TextContent.Trim());
        Assert.Empty(root.FindAll("[data-testid=maatregel-toevoegen], [data-testid=bewerken], [data-testid=realisatie], [data-testid=intrekken], input:not([type=checkbox])"));
        Assert.Equal(w1.Title, root.Find("[data-testid=maatregel-W1] td").TextContent.Trim());
    }

    [Fact]
    public async Task A_realisation_for_a_quarter_that_has_not_begun_is_refused_under_the_quarter()
    {
        Services.AddSingleton<TimeProvider>(new FixedClock(new DateTimeOffset(2019, 5, 15, 10, 0, 0, TimeSpan.Zero)));
        var (provider, dialog) = await OpenAsync(new DialogParameters<RealisationDialog>
        {
            { d => d.Measure, await MeasureAsync("W1") }, { d => d.Years, await YearsAsync() },
        });
        var quarter = provider.FindComponents<MudSelect<int>>().Single(s => s.Instance.Label == "Kwartaal");
        Assert.Equal((2019, 2), (provider.FindComponents<MudSelect<int>>().Single(s => s.Instance.Label == "Jaar").Instance.GetState(x => x.Value), quarter.Instance.GetState(x => x.Value)));

        await provider.InvokeAsync(() => quarter.Instance.ValueChanged.InvokeAsync(3)); // as choosing "Kwartaal 3" in the list does
        Input(provider, "veld-bedrag").Change("62.500");
        provider.Find("textarea[data-testid=veld-uitleg]").Change("Te vroeg");
        provider.Find("[data-testid=opslaan]").Click();

        provider.WaitForAssertion(() => Assert.Contains("Kwartaal 3 van 2019 is nog niet begonnen",
            quarter.Find(".mud-input-helper-text.mud-input-error").TextContent), Wait);
        Assert.Single(provider.FindAll(".mud-input-helper-text.mud-input-error"));
        Assert.False(dialog.Result.IsCompleted);
        Assert.Equal(0, await Database.QueryAsync(db => db.MeasureRealisations.CountAsync()));
    }

    [Fact]
    public async Task Withdrawing_needs_a_reason_and_then_stores_the_withdrawal()
    {
        var (provider, dialog) = await OpenAsync(new DialogParameters<RetireDialog> { { d => d.Measure, await MeasureAsync("J1") } });
        Assert.Equal("Maatregel J1 intrekken", provider.Find(".mud-dialog-title h2").TextContent.Trim());

        provider.Find("[data-testid=opslaan]").Click();
        provider.WaitForAssertion(() => Assert.Equal("Geef een reden waarom de maatregel wordt ingetrokken.", Description(provider, "textarea[data-testid=veld-reden]")), Wait);
        Assert.False((await MeasureAsync("J1")).Retired);

        provider.Find("textarea[data-testid=veld-reden]").Change("Raad koos op 3 juni anders");
        provider.Find("[data-testid=opslaan]").Click();

        Assert.False((await dialog.Result.WaitAsync(Wait))!.Canceled);
        Assert.True((await MeasureAsync("J1")).Retired);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    }
}
