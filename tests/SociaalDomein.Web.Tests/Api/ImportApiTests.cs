using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SociaalDomein.Infrastructure.Identity;
using SociaalDomein.Infrastructure.Tests.Imports;
using SociaalDomein.Web.Tests.Fixtures;

namespace SociaalDomein.Web.Tests.Api;

[Collection(AppCollection.Name)]
public sealed class ImportApiTests(AppFactory app)
{
    private static string Csv(string dossier, string start) =>
        "bsn;dossiernummer;postcode;huisnummer;wet;productcode;aanbieder_agb;leveringsvorm;ingangsdatum;budget\n" +
        $"{TestBsn.Number(7)};{dossier};8011 AB;3;Wmo;02A06;75750001;ZIN;{start};1.200,00\n" +
        $"{TestBsn.Number(8)};{dossier}-2;8011 AB;3;Jeugdwet;45A12;75750002;PGB;{start};800,00";

    [Fact]
    public async Task An_uploaded_file_is_imported_in_the_background_and_its_report_is_available()
    {
        var client = app.Client(AppFactory.BeheerderKey);

        var response = await client.PostAsync("/api/imports/toewijzingen", ImportUploads.Form(Csv("API-1", "01-02-2019")));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var report = await ImportUploads.WaitUntilFinishedAsync(client, id);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/imports/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("Succeeded", report.GetProperty("status").GetString());
        Assert.Equal(2, report.GetProperty("rowsRead").GetInt32());
        Assert.Equal(2, report.GetProperty("rowsImported").GetInt32());
        Assert.Equal(0, report.GetProperty("rowsRejected").GetInt32());
        Assert.Equal(0, report.GetProperty("errors").GetArrayLength());
    }

    [Fact]
    public async Task A_rejected_row_is_reported_with_row_column_and_reason()
    {
        var client = app.Client(AppFactory.BeheerderKey);

        var response = await client.PostAsync("/api/imports/toewijzingen", ImportUploads.Form(Csv("API-2", "31-02-2019")));
        var report = await ImportUploads.WaitUntilFinishedAsync(client, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());

        Assert.Equal("Rejected", report.GetProperty("status").GetString());
        Assert.Equal(0, report.GetProperty("rowsImported").GetInt32());
        var error = report.GetProperty("errors")[0];
        Assert.Equal(2, error.GetProperty("row").GetInt32());
        Assert.Equal("ingangsdatum", error.GetProperty("column").GetString());
        Assert.Contains("31-02-2019", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_upload_and_a_download_of_its_rejected_rows_are_in_the_audit_log()
    {
        var client = app.Client(AppFactory.BeheerderKey);
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(Csv("API-4", "31-02-2019"))), "file", "audit-proef.csv" } };

        var response = await client.PostAsync("/api/imports/toewijzingen", form);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await ImportUploads.WaitUntilFinishedAsync(client, id);
        var download = await client.GetAsync($"/api/imports/{id}/afgekeurde-rijen.csv");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var entries = (await client.GetFromJsonAsync<JsonElement>("/api/audit?user=script-beheer&pageSize=200")).GetProperty("entries").EnumerateArray().ToList();
        var upload = Assert.Single(entries, e => e.GetProperty("subject").GetString() == "Toewijzingen uit audit-proef.csv");
        var export = Assert.Single(entries, e => e.GetProperty("subject").GetString() == $"Afgekeurde rijen van import {id} (audit-proef.csv)");
        Assert.Equal(("ImportStarted", "Import gestart"), (upload.GetProperty("action").GetString(), upload.GetProperty("actionName").GetString()));
        Assert.Equal("Export", export.GetProperty("action").GetString());
        Assert.Equal("afgekeurde-rijen-audit-proef.csv, 2 rijen", export.GetProperty("details").GetString());
        Assert.DoesNotContain(TestBsn.Number(7), string.Join(" ", entries.Select(e => e.GetRawText())));
    }

    [Fact]
    public async Task Uploading_needs_an_api_key_of_a_beheerder_or_contractmanager()
    {
        var browser = app.Client();
        await app.LoginAsync(browser, "beheerder@demo.local", DemoAccounts.Password);

        var withCookie = await browser.PostAsync("/api/imports/toewijzingen", ImportUploads.Form(Csv("API-3", "01-02-2019")));
        var asWethouder = await app.Client(AppFactory.WethouderKey).PostAsync("/api/imports/toewijzingen", ImportUploads.Form(Csv("API-3", "01-02-2019")));
        var anonymous = await app.Client().PostAsync("/api/imports/toewijzingen", ImportUploads.Form(Csv("API-3", "01-02-2019")));

        Assert.Equal(HttpStatusCode.Unauthorized, withCookie.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asWethouder.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private const string Realisatie = "jaar;maand;budgetpost;bedrag\n2031;1;WMO-01;1.000,00\n2031;1;  dagbesteding ;-250,25\n2031;2;WMO-01;10";

    [Fact]
    public async Task A_controller_imports_actuals_and_follows_the_run()
    {
        var client = app.Client(AppFactory.ControllerKey);

        var response = await client.PostAsync("/api/imports/realisatie", ImportUploads.Form(Realisatie, fileName: "grootboek.csv"));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var report = await ImportUploads.WaitUntilFinishedAsync(client, id);

        Assert.Equal($"/api/imports/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal(("Succeeded", "Realisatie"), (report.GetProperty("status").GetString(), report.GetProperty("kind").GetString()));
        Assert.Equal((3, 3, 2), (report.GetProperty("rowsRead").GetInt32(), report.GetProperty("rowsImported").GetInt32(), report.GetProperty("inserted").GetInt32() + report.GetProperty("updated").GetInt32()));
        Assert.Contains("2 maanden is vervangen", report.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_rejected_actuals_row_names_the_unknown_budget_line()
    {
        var client = app.Client(AppFactory.BeheerderKey);

        var response = await client.PostAsync("/api/imports/realisatie", ImportUploads.Form("jaar;maand;budgetpost;bedrag\n2031;3;Leerlingenvervoer;5"));
        var report = await ImportUploads.WaitUntilFinishedAsync(client, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());

        Assert.Equal("Rejected", report.GetProperty("status").GetString());
        var error = Assert.Single(report.GetProperty("errors").EnumerateArray());
        Assert.Equal((2, "budgetpost"), (error.GetProperty("row").GetInt32(), error.GetProperty("column").GetString()));
        Assert.Contains("'Leerlingenvervoer' is onbekend", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Importing_actuals_needs_an_api_key_of_a_controller_or_beheerder()
    {
        var browser = app.Client();
        await app.LoginAsync(browser, "controller@demo.local", DemoAccounts.Password);

        var withCookie = await browser.PostAsync("/api/imports/realisatie", ImportUploads.Form(Realisatie));
        var asWethouder = await app.Client(AppFactory.WethouderKey).PostAsync("/api/imports/realisatie", ImportUploads.Form(Realisatie));
        var asContractmanager = await app.Client(AppFactory.ContractmanagerKey).PostAsync("/api/imports/realisatie", ImportUploads.Form(Realisatie));
        var toewijzingenAsController = await app.Client(AppFactory.ControllerKey).PostAsync("/api/imports/toewijzingen", ImportUploads.Form(Csv("API-5", "01-02-2019")));
        var historyAsWethouder = await app.Client(AppFactory.WethouderKey).GetAsync("/api/imports");

        Assert.Equal(HttpStatusCode.Unauthorized, withCookie.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asWethouder.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asContractmanager.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, toewijzingenAsController.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, historyAsWethouder.StatusCode);
    }
}
