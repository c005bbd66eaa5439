using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Stacking;
using SociaalDomein.Infrastructure.Identity;
using SociaalDomein.Infrastructure.Persistence;
using SociaalDomein.Infrastructure.Privacy;
using SociaalDomein.Infrastructure.Tests.Imports;
using SociaalDomein.Web.Api;
using SociaalDomein.Web.Components.Stacking;
using SociaalDomein.Web.Formatting;
using static Microsoft.Playwright.Assertions;

namespace SociaalDomein.EndToEnd.Tests;

/// <summary>
/// The issue's "done when": a user uploads a toewijzingen file on the Imports page, watches it progress, and sees the
/// Stapeling tables for any reference date, identical to the rules of docs/domain.md §5; the API gives the same numbers.
/// The app runs on a database of its own without demonstration data, so the file the test builds is everything there
/// is, and every expected figure is the domain's <see cref="StackingCalculator"/> applied to the rows of that file.
/// </summary>
public sealed class ImportAndStackingTests(EmptyMunicipalityBrowserFixture browser) : IClassFixture<EmptyMunicipalityBrowserFixture>
{
    private static readonly DateOnly ChosenReferenceDate = new(2019, 6, 15);

    [Fact]
    public async Task The_beheerder_imports_a_toewijzingen_file_and_sees_the_stacking_tables_the_domain_rules_give()
    {
        var file = StackingFile();
        const string fileName = "toewijzingen-e2e.csv";
        Assert.Equal(0, await AssignmentCountAsync(browser.App)); // nothing but this file will be in the database

        var page = await browser.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "beheerder@demo.local", DemoAccounts.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Imports" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Imports", Level = 1 })).ToBeVisibleAsync();
        await ChooseKindAsync(page, "Toewijzingen");

        // Keep the database busy while the file goes in (as a second, large import would): the job reads the file, then
        // waits for the table, so the page shows the running import however fast the machine is.
        await using (var busy = await HoldAssignmentsTableAsync(browser.App.ConnectionString))
        {
            await UploadAsync(page, fileName, file.Bytes());

            var running = page.GetByTestId("importverslag");
            await Expect(running.GetByRole(AriaRole.Heading, new() { Name = fileName })).ToBeVisibleAsync();
            await Expect(running.GetByTestId("importstatus")).ToHaveTextAsync("Bezig", new() { Timeout = 20_000 });
            await Expect(running.GetByRole(AriaRole.Progressbar, new() { Name = "Voortgang van de import" })).ToBeVisibleAsync();
            // The job waits for the table before it reads the file (the loader first reads what is stored), so no
            // row is counted yet; the status says it waits.
            await Expect(running.GetByRole(AriaRole.Status)).ToHaveTextAsync(new Regex($@"^(Wacht op verwerking…|\d+ van {file.RowsRead} rijen verwerkt)$"));
            await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("import-bezig") });
        }

        var report = page.GetByTestId("importverslag");
        await Expect(report.GetByTestId("importstatus")).ToHaveTextAsync("Geslaagd", new() { Timeout = 20_000 });
        await Expect(report.GetByRole(AriaRole.Progressbar)).ToHaveCountAsync(0);
        var lines = report.GetByRole(AriaRole.Table, new() { Name = "Verslag van de import" });
        await Expect(ReportCell(lines, "Rijen gelezen")).ToHaveTextAsync(Dutch.Number(file.RowsRead));
        await Expect(ReportCell(lines, "Ingelezen")).ToHaveTextAsync($"{Dutch.Number(file.Imported)} ({Dutch.Number(file.Imported)} nieuw, 0 bijgewerkt)");
        await Expect(ReportCell(lines, "Afgekeurd")).ToHaveTextAsync("0");
        await Expect(ReportCell(lines, "Dubbele rijen overgeslagen")).ToHaveTextAsync(Dutch.Number(file.Duplicates));
        await Expect(ReportCell(lines, "Ingetrokken toewijzingen (einde = begin)")).ToHaveTextAsync(Dutch.Number(file.Revoked));
        await Expect(ReportCell(lines, "Onbekende kolommen (genegeerd)")).ToHaveTextAsync(ToewijzingenFile.UnknownColumn);
        await Expect(report.GetByRole(AriaRole.Table, new() { Name = "Afgekeurde rijen" })).ToHaveCountAsync(0);

        var history = HistoryRow(page, fileName);
        await Expect(history).ToHaveCountAsync(1);
        await Expect(history.GetByRole(AriaRole.Cell)).ToHaveTextAsync(
            [new Regex(@"^\d{2}-\d{2}-\d{4} \d{2}:\d{2}$"), Exactly("Toewijzingen"), Exactly(fileName), Exactly("beheerder@demo.local"), Exactly("Geslaagd"),
             Exactly(Dutch.Number(file.RowsRead)), Exactly(Dutch.Number(file.Imported)), Exactly("0"), Exactly("Verslag")]);
        Assert.Equal(file.Imported, await AssignmentCountAsync(browser.App));
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("import-geslaagd"), FullPage = true });

        // What the domain rules give for exactly these rows, keyed the way the app keys clients and households, with the
        // institution threshold the app is configured with.
        var rows = file.Assignments(browser.App.Services.GetRequiredService<Pseudonymiser>());
        var threshold = int.TryParse(browser.App.Services.GetRequiredService<IConfiguration>()["Stacking:InstitutionThreshold"], out var configured)
            ? configured
            : StackingOptions.DefaultInstitutionThreshold;
        var defaultDate = new DateOnly(file.Lines.Max(l => l.Start).Year, 11, 1); // the council's choice: 1 November of the latest year
        Assert.NotEqual(defaultDate, ChosenReferenceDate);

        await page.GetByRole(AriaRole.Link, new() { Name = "Stapeling" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Stapeling", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Peildatum")).ToHaveValueAsync(Dutch.Date(defaultDate));
        await ExpectStackingAsync(page, StackingCalculator.Calculate(rows, new StackingOptions(defaultDate, InstitutionThreshold: threshold)));

        await page.GetByLabel("Peildatum").FillAsync(Dutch.Date(ChosenReferenceDate));
        await page.GetByLabel("Peildatum").PressAsync("Tab");
        var expected = StackingCalculator.Calculate(rows, new StackingOptions(ChosenReferenceDate, InstitutionThreshold: threshold));
        AssertTheFileExercisesEveryRule(expected, file, threshold);
        await ExpectStackingAsync(page, expected);

        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("stapeling-na-import"), FullPage = true });
    }

    /// <summary>The file of the test: households of one to four clients and a care location, clients with one to six
    /// provisions, the three laws, care in kind and personal budgets, every kind of amount of docs/domain.md §4, and the dirt
    /// the council had to clean. Dates are chosen around <see cref="ChosenReferenceDate"/>.</summary>
    private static ToewijzingenFile StackingFile()
    {
        var file = new ToewijzingenFile();
        Product hh = new("01A01", "01", "Hulp bij het huishouden", Law.Wmo), bl = new("02A06", "02", "Begeleiding licht", Law.Wmo),
            bm = new("02A07", "02", "Begeleiding middel", Law.Wmo), pv = new("03A01", "03", "Persoonlijke verzorging", Law.Wmo),
            hm = new("06A01", "06", "Hulpmiddel", Law.Wmo), db = new("07A01", "07", "Dagbesteding", Law.Wmo),
            bw = new("15A01", "15", "Beschermd wonen", Law.Wmo), ja = new("45A12", "45", "Jeugdhulp ambulant", Law.Jeugdwet),
            ggz = new("54A01", "54", "Jeugd-GGZ behandeling", Law.Jeugdwet), dys = new("40A01", "40", "Dyslexiezorg", Law.Jeugdwet),
            werk = new("PW01", "", "Beschut werk", Law.Participatiewet);
        Provider zorg = new("75750001", "Zorg Zwolle BV"), thuis = new("75750002", "Thuis Hulp"), jeugd = new("75750003", "De Kern Jeugd"),
            dag = new("75750004", "Dagbesteding Assendorp"), wonen = new("75750005", "Werk & Wonen");
        static DateOnly D(int y, int m, int d) => new(y, m, d);
        static Amount Hours(decimal hours, Frequency per, decimal tariff) => Amount.Of(hours, "uur", per, tariff);

        // One client: an assignment active on the reference date and one that ended before it.
        var home = new Address("8011AB", "12");
        var c = file.NewClient();
        file.Add(c, home, bl, zorg, D(2019, 1, 1), D(2019, 12, 31), Hours(2, Frequency.PerWeek, 58.40m));
        file.Add(c, home, hh, thuis, D(2018, 1, 1), D(2019, 3, 31), Amount.OfBudget(3_120m));

        // One client whose address is spelled three ways (§5.4: one household), and a revoked assignment.
        home = new Address("8012CD", "3", "a");
        c = file.NewClient();
        file.Add(c, home, hh, thuis, D(2019, 2, 1), D(2020, 1, 31), Amount.OfBudget(2_600m), postcodeAsWritten: "8012 cd", additionAsWritten: "A");
        file.Add(c, home, db, dag, D(2018, 9, 1), null, Amount.Of(2, "dagdeel", Frequency.PerWeek, 38.50m));
        file.Add(c, home, bm, zorg, D(2019, 4, 1), D(2019, 4, 1), Hours(4, Frequency.PerWeek, 58.40m), postcodeAsWritten: "8012cd");

        // Two clients, Wmo and Jeugdwet at one address.
        home = new Address("8013EF", "45");
        var repeated = file.Add(file.NewClient(), home, pv, zorg, D(2019, 3, 1), null, Hours(3, Frequency.PerWeek, 52.00m));
        c = file.NewClient();
        file.Add(c, home, ja, jeugd, D(2019, 1, 15), D(2019, 12, 31), Hours(6, Frequency.Per4Weeks, 71.50m));
        file.Add(c, home, ggz, jeugd, D(2018, 11, 1), D(2019, 10, 31), Hours(4, Frequency.PerMonth, 96.00m));
        file.Add(c, home, dys, jeugd, D(2019, 2, 1), D(2019, 11, 30), Amount.OfBudget(4_200m));

        // Three clients; another revoked assignment; a youth assignment that starts between the two reference dates.
        home = new Address("8014GH", "7", "bis");
        c = file.NewClient();
        file.Add(c, home, bl, zorg, D(2019, 5, 1), D(2020, 4, 30), Hours(3, Frequency.PerWeek, 58.40m), additionAsWritten: "BIS");
        file.Add(c, home, hh, thuis, D(2019, 1, 7), D(2019, 1, 7), Amount.OfBudget(3_120m));
        c = file.NewClient();
        file.Add(c, home, ja, jeugd, D(2019, 1, 1), null, Hours(8, Frequency.Per4Weeks, 71.50m), postcodeAsWritten: "8014 gh");
        file.Add(c, home, ggz, jeugd, D(2019, 7, 1), D(2019, 12, 31), Hours(2, Frequency.PerWeek, 96.00m));
        file.Add(file.NewClient(), home, dys, jeugd, D(2019, 3, 1), D(2020, 2, 29), Amount.OfBudget(4_200m));

        // Four clients: one with four provisions (a one-off total among them), one with a personal budget (PGB).
        home = new Address("8021JK", "101");
        c = file.NewClient();
        file.Add(c, home, hh, thuis, D(2019, 1, 1), D(2019, 12, 31), Amount.OfBudget(2_900m));
        file.Add(c, home, bl, zorg, D(2019, 2, 1), null, Hours(2, Frequency.PerWeek, 58.40m));
        file.Add(c, home, db, dag, D(2018, 10, 1), D(2019, 9, 30), Amount.Of(3, "dagdeel", Frequency.PerWeek, 38.50m));
        file.Add(c, home, hm, thuis, D(2019, 4, 1), D(2019, 9, 30), Amount.Of(1, "stuk", Frequency.Total, 1_450.00m));
        file.Add(file.NewClient(), home, pv, zorg, D(2019, 1, 1), null, Hours(2, Frequency.PerWeek, 52.00m), deliveryForm: "PGB");
        file.Add(file.NewClient(), home, ja, jeugd, D(2019, 5, 1), D(2019, 10, 31), Hours(10, Frequency.Per4Weeks, 71.50m));
        file.Add(file.NewClient(), home, ggz, jeugd, D(2019, 1, 1), D(2019, 6, 30), Hours(3, Frequency.PerMonth, 96.00m));

        // A care location: five clients at one address, more than the threshold of four.
        home = new Address("8031LM", "2");
        ToewijzingLine? resident = null;
        for (var i = 0; i < 5; i++)
        {
            resident = file.Add(file.NewClient(), home, bw, wonen, D(2018, 1 + 2 * i, 1), null, Amount.Of(1, "etmaal", Frequency.PerDay, 108.00m + i));
        }

        // One client with five distinct provisions in six assignments (the same product from two providers), one of them
        // exported twice under two assignment numbers: a duplicate for the stacking analysis, not for the import.
        home = new Address("8041NP", "9");
        c = file.NewClient();
        file.Add(c, home, hh, thuis, D(2019, 1, 1), D(2019, 12, 31), Amount.OfBudget(3_120m));
        file.Add(c, home, bl, zorg, D(2019, 1, 1), D(2019, 6, 30), Hours(2, Frequency.PerWeek, 58.40m));
        file.Add(c, home, bl, dag, D(2019, 4, 1), null, Hours(1, Frequency.PerWeek, 61.00m));
        file.Add(c, home, bm, zorg, D(2019, 3, 1), D(2019, 12, 31), Hours(4, Frequency.PerWeek, 58.40m), assignmentNumber: "TW-2019-0417");
        file.Add(c, home, bm, zorg, D(2019, 3, 1), D(2019, 12, 31), Hours(4, Frequency.PerWeek, 58.40m), assignmentNumber: "TW-2019-0418");
        file.Add(c, home, pv, zorg, D(2019, 2, 15), null, Hours(2, Frequency.PerWeek, 52.00m));
        file.Add(c, home, db, dag, D(2019, 1, 1), null, Amount.Of(1, "dagdeel", Frequency.PerWeek, 38.50m));

        // A client who moved: the most recently started active assignment decides the household (§5.4), so the old
        // address is no household at all.
        c = file.NewClient();
        file.Add(c, new Address("8042RS", "15"), bl, zorg, D(2018, 3, 1), null, Hours(2, Frequency.PerWeek, 58.40m));
        var moved = file.Add(c, new Address("8043TV", "8"), hh, thuis, D(2019, 2, 1), D(2020, 1, 31), Amount.OfBudget(2_600m));

        // Participatiewet, and a personal budget by the year.
        home = new Address("8044WX", "21");
        c = file.NewClient();
        file.Add(c, home, werk, wonen, D(2019, 1, 1), null, Amount.Of(1, "euro", Frequency.PerMonth, 450.00m));
        file.Add(c, home, bl, zorg, D(2019, 1, 1), D(2019, 12, 31), Hours(100, Frequency.PerYear, 58.40m), deliveryForm: "PGB");

        // Starts after the chosen reference date, before the default one.
        file.Add(file.NewClient(), new Address("8045AB", "5"), bl, zorg, D(2019, 9, 1), D(2020, 8, 31), Hours(2, Frequency.PerWeek, 58.40m));

        // More households of one, from a fixed seed.
        var random = new Random(2019);
        Product[] catalogue = [hh, bl, bm, pv, db, ja, ggz, dys];
        for (var i = 0; i < 6; i++)
        {
            var product = catalogue[random.Next(catalogue.Length)];
            var start = D(2018, 7, 1).AddDays(random.Next(0, 330));
            DateOnly? end = random.Next(2) == 0 ? null : start.AddDays(random.Next(200, 500));
            var amount = product.Code is "01A01" or "40A01"
                ? Amount.OfBudget(1_000m + random.Next(0, 400_000) / 100m)
                : Hours(1 + random.Next(0, 6), Frequency.PerWeek, 50m + random.Next(0, 3_000) / 100m);
            file.Add(file.NewClient(), new Address($"80{22 + i}ZZ", (10 + 7 * i).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                product, product.Law == Law.Jeugdwet ? jeugd : zorg, start, end, amount);
        }

        // Rows the source exported twice in the same file: skipped at import.
        file.Repeat(repeated);
        file.Repeat(resident!);
        file.Repeat(moved);
        return file;
    }

    /// <summary>Guards the test against a file that no longer tests much: every line of both tables is occupied, and
    /// there is something to clean.</summary>
    private static void AssertTheFileExercisesEveryRule(StackingResult expected, ToewijzingenFile file, int threshold)
    {
        Assert.All(expected.Households, h => Assert.True(h.Addresses > 0, $"no household of {h.Clients}"));
        Assert.All(expected.Provisions, p => Assert.True(p.Clients > 0, $"no client with {p.Provisions} provisions"));
        Assert.True(expected.Institutions.Addresses > 0 && expected.Institutions.Clients > threshold);
        Assert.True(expected.Revoked > 0 && expected.Duplicates > 0 && file.Duplicates > 0);
        Assert.True(expected.ActiveAssignments < file.Imported - expected.Revoked - expected.Duplicates, "every assignment is active");
    }

    /// <summary>Table A, the care locations, Table B and the cleaning counts on the page, and GET /api/stacking with
    /// the user's own login, against the domain calculator's result.</summary>
    private static async Task ExpectStackingAsync(IPage page, StackingResult expected)
    {
        var shown = PublicationRule.Exact(expected);
        await Expect(page.GetByTestId("selectie")).ToHaveTextAsync(new Regex($@"^\s*Peildatum {Dutch.Date(expected.ReferenceDate)} · alle wetten · alle wijken\s*$"));
        await Expect(page.GetByLabel("Stapeling berekenen")).ToHaveCountAsync(0);

        var tableA = page.GetByTestId("tabel-huishoudens");
        await Expect(tableA.Locator("tr[data-testid^=huishoudens-]")).ToHaveCountAsync(shown.Households.Count);
        foreach (var h in shown.Households)
        {
            await Expect(tableA.GetByTestId($"huishoudens-{h.Clients}").GetByRole(AriaRole.Cell))
                .ToHaveTextAsync([Shown.Count(h.Addresses), Shown.Amount(h.Amount), Shown.Amount(h.AveragePerInhabitant)]);
        }

        var institutions = tableA.GetByTestId("zorglocaties");
        await Expect(institutions.GetByRole(AriaRole.Rowheader)).ToContainTextAsync($", {Shown.Count(shown.Institutions.Clients)} cliënten");
        await Expect(institutions.GetByRole(AriaRole.Cell).First).ToHaveTextAsync(Shown.Count(shown.Institutions.Addresses));
        await Expect(institutions.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync(Shown.Amount(shown.Institutions.Amount));

        var tableB = page.GetByTestId("tabel-voorzieningen");
        await Expect(tableB.Locator("tr[data-testid^=voorzieningen-]")).ToHaveCountAsync(shown.Provisions.Count);
        foreach (var p in shown.Provisions)
        {
            await Expect(tableB.GetByTestId($"voorzieningen-{p.Provisions}").GetByRole(AriaRole.Cell))
                .ToHaveTextAsync([Shown.Count(p.Clients), Shown.Amount(p.Amount), Shown.Amount(p.AveragePerClient)]);
        }

        var counts = page.GetByTestId("opschoning");
        await Expect(ReportCell(counts, "Ingetrokken toewijzingen (niet meegeteld)")).ToHaveTextAsync(Shown.Count(shown.Revoked));
        await Expect(ReportCell(counts, "Dubbele toewijzingen (niet meegeteld)")).ToHaveTextAsync(Shown.Count(shown.Duplicates));
        await Expect(ReportCell(counts, "Actieve toewijzingen")).ToHaveTextAsync(Shown.Count(shown.ActiveAssignments));
        await Expect(ReportCell(counts, "Cliënten")).ToHaveTextAsync(Shown.Count(shown.Clients));
        await Expect(ReportCell(counts, "Totaalbedrag")).ToHaveTextAsync(Shown.Amount(shown.TotalAmount));

        var response = await page.APIRequest.GetAsync($"api/stacking?referenceDate={expected.ReferenceDate:yyyy-MM-dd}");
        Assert.Equal(200, response.Status);
        var api = JsonSerializer.Deserialize<StackingEndpoints.StackingDto>(await response.BodyAsync(), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(expected.ReferenceDate, api.ReferenceDate);
        Assert.Equal(
            (expected.Revoked, expected.Duplicates, expected.ActiveAssignments, expected.Clients, Cents(expected.TotalAmount)),
            (api.Revoked, api.Duplicates, api.ActiveAssignments, api.Clients, api.TotalAmount));
        Assert.Equal(
            expected.Households.Select(h => new StackingEndpoints.HouseholdDto(h.Clients, h.Addresses, Cents(h.Amount), Cents(h.AveragePerInhabitant))),
            api.Households);
        Assert.Equal(
            new StackingEndpoints.InstitutionsDto(expected.Institutions.Addresses, expected.Institutions.Clients, Cents(expected.Institutions.Amount)),
            api.Institutions);
        Assert.Equal(
            expected.Provisions.Select(p => new StackingEndpoints.ProvisionDto(p.Provisions, p.Clients, Cents(p.Amount), Cents(p.AveragePerClient))),
            api.Provisions);
    }

    private static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>The value cell of a two-column table row, found by its row header.</summary>
    internal static ILocator ReportCell(ILocator table, string header) =>
        table.GetByRole(AriaRole.Row)
            .Filter(new() { Has = table.Page.GetByRole(AriaRole.Rowheader, new() { Name = header, Exact = true }) })
            .GetByRole(AriaRole.Cell);

    internal static ILocator HistoryRow(IPage page, string fileName) =>
        page.GetByRole(AriaRole.Table, new() { Name = "Eerdere imports" }).GetByRole(AriaRole.Row)
            .Filter(new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = fileName, Exact = true }) });

    internal static async Task ChooseKindAsync(IPage page, string kind)
    {
        var select = page.GetByRole(AriaRole.Combobox, new() { Name = "Soort gegevens" });
        await select.ClickAsync();
        await page.GetByRole(AriaRole.Listbox).GetByRole(AriaRole.Option, new() { Name = kind, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Listbox)).ToHaveCountAsync(0);
        await Expect(select).ToHaveTextAsync(kind);
    }

    /// <summary>Chooses the file in the browser's file dialog, as a user does after pressing the upload button.</summary>
    internal static async Task UploadAsync(IPage page, string fileName, byte[] content)
    {
        var chooser = await page.RunAndWaitForFileChooserAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Bestand kiezen en inlezen" }).ClickAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = fileName, MimeType = "text/csv", Buffer = content });
    }

    internal static async Task<int> AssignmentCountAsync(ServedApp app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Assignments.CountAsync();
    }

    /// <summary>Holds the assignments table in a transaction of the test's own: reads go on, writes wait until the
    /// returned hold is disposed (which rolls back and closes the connection).</summary>
    private static async Task<IAsyncDisposable> HoldAssignmentsTableAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""BEGIN; LOCK TABLE "Assignments" IN EXCLUSIVE MODE""", connection);
        await command.ExecuteNonQueryAsync();
        return connection; // not pooled: closing it ends the session and so the transaction
    }

    internal static Regex Exactly(string text) => new($"^{Regex.Escape(text)}$");
}

/// <summary>A file with bad rows is not half-loaded (docs/import-formats.md): on the demonstration database, so "nothing
/// was imported" is checked against ten thousand assignments that must stay exactly as they are.</summary>
public sealed class ImportRejectionTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_contractmanager_uploads_a_file_with_bad_rows_and_sees_why_and_that_nothing_was_imported()
    {
        var file = new ToewijzingenFile();
        Product bl = new("02A06", "02", "Begeleiding licht", Law.Wmo);
        Provider zorg = new("75750001", "Zorg Zwolle BV");
        for (var i = 0; i < 6; i++)
        {
            file.Add(file.NewClient(), new Address("8011AB", (20 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)), bl, zorg,
                new DateOnly(2018, 3, 1).AddDays(7 * i), null, Amount.Of(2, "uur", Frequency.PerWeek, 58.40m));
        }

        var invalidBsn = TestBsn.Invalid(2); // row 3 is the second client
        Assert.False(Bsn.IsValid(invalidBsn));
        file.Spoil(3, "bsn", invalidBsn);
        file.Spoil(5, "ingangsdatum", "31-02-2018");
        const string fileName = "toewijzingen-met-fouten.csv";
        var before = await ImportAndStackingTests.AssignmentCountAsync(browser.App);
        Assert.True(before > 0);

        var page = await browser.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "contractmanager@demo.local", DemoAccounts.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Imports" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Imports", Level = 1 })).ToBeVisibleAsync();
        await ImportAndStackingTests.ChooseKindAsync(page, "Toewijzingen");
        await ImportAndStackingTests.UploadAsync(page, fileName, file.Bytes());

        var report = page.GetByTestId("importverslag");
        await Expect(report.GetByRole(AriaRole.Heading, new() { Name = fileName })).ToBeVisibleAsync();
        await Expect(report.GetByTestId("importstatus")).ToHaveTextAsync("Afgekeurd", new() { Timeout = 20_000 });
        await Expect(report.GetByRole(AriaRole.Alert)).ToContainTextAsync($"2 van de {file.RowsRead} rijen zijn afgekeurd; er is niets ingelezen.");
        var lines = report.GetByRole(AriaRole.Table, new() { Name = "Verslag van de import" });
        await Expect(ImportAndStackingTests.ReportCell(lines, "Rijen gelezen")).ToHaveTextAsync(Dutch.Number(file.RowsRead));
        await Expect(ImportAndStackingTests.ReportCell(lines, "Ingelezen")).ToHaveTextAsync("0 (0 nieuw, 0 bijgewerkt)");
        await Expect(ImportAndStackingTests.ReportCell(lines, "Afgekeurd")).ToHaveTextAsync("2");

        var rejected = report.GetByRole(AriaRole.Table, new() { Name = "Afgekeurde rijen" }).GetByRole(AriaRole.Row);
        await Expect(rejected).ToHaveCountAsync(3); // header and two rows
        await Expect(rejected.Nth(1).GetByRole(AriaRole.Cell)).ToHaveTextAsync(["3", "bsn", "bsn is geen geldig BSN (11-proef)"]);
        await Expect(rejected.Nth(2).GetByRole(AriaRole.Cell)).ToHaveTextAsync(["5", "ingangsdatum", "ingangsdatum '31-02-2018' is geen geldige datum"]);
        await Expect(page.Locator("body")).Not.ToContainTextAsync(invalidBsn); // a BSN is never echoed, not even a wrong one

        await Expect(ImportAndStackingTests.HistoryRow(page, fileName).GetByRole(AriaRole.Cell).Nth(4)).ToHaveTextAsync("Afgekeurd"); // Moment, Soort, Bestand, Door, Status
        Assert.Equal(before, await ImportAndStackingTests.AssignmentCountAsync(browser.App));
        await using (var db = await browser.App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            var caseNumbers = file.Lines.Select(l => l.Client.CaseNumber).ToList();
            Assert.False(await db.Assignments.AnyAsync(a => caseNumbers.Contains(a.CaseNumber)));
        }

        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("import-afgekeurd"), FullPage = true });
    }
}
