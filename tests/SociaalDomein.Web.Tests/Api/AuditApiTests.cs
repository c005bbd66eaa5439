using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SociaalDomein.Infrastructure.Identity;
using SociaalDomein.Web.Tests.Fixtures;

namespace SociaalDomein.Web.Tests.Api;

/// <summary>GET /api/audit, and the exports of the API landing in it. The app is shared by the collection, so every test
/// looks for its own entries (by user, action, subject and time) rather than counting all of them.</summary>
[Collection(AppCollection.Name)]
public sealed class AuditApiTests(AppFactory app)
{
    private async Task<JsonElement[]> EntriesAsync(string query)
    {
        var page = await app.Client(AppFactory.BeheerderKey).GetFromJsonAsync<JsonElement>("/api/audit?" + query);
        return page.GetProperty("entries").EnumerateArray().ToArray();
    }

    private static DateTimeOffset OccurredAt(JsonElement entry) => entry.GetProperty("occurredAt").GetDateTimeOffset();

    [Fact]
    public async Task A_stacking_export_is_recorded_with_the_callers_key_name_and_the_filters()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var export = await app.Client(AppFactory.WethouderKey).GetAsync("/api/stacking/export.xlsx?referenceDate=2018-11-01&law=Jeugdwet&district=noord&publicatie=true");

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var entry = Assert.Single(await EntriesAsync("user=bi-wethouder&action=Export&pageSize=200"),
            e => e.GetProperty("subject").GetString() == "Stapeling 01-11-2018, Jeugdwet, wijk Noord, publicatiemodus" && OccurredAt(e) >= before);
        Assert.Equal("bi-wethouder", entry.GetProperty("user").GetString());
        Assert.Equal("Export", entry.GetProperty("action").GetString());
        Assert.Equal("Export", entry.GetProperty("actionName").GetString());
        Assert.Equal("stapeling-2018-11-01-publicatie.xlsx", entry.GetProperty("details").GetString());
    }

    [Fact]
    public async Task A_beheerders_export_with_the_most_expensive_households_says_so()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var export = await app.Client(AppFactory.BeheerderKey).GetAsync("/api/stacking/export.xlsx?referenceDate=2018-11-01&law=Wmo");

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var entry = Assert.Single(await EntriesAsync("user=script-beheer&action=Export&pageSize=200"),
            e => e.GetProperty("subject").GetString() == "Stapeling 01-11-2018, Wmo, alle wijken, exacte aantallen" && OccurredAt(e) >= before);
        Assert.Equal("stapeling-2018-11-01.xlsx, met duurste huishoudens", entry.GetProperty("details").GetString());
    }

    [Fact]
    public async Task The_district_csv_download_is_recorded_with_the_logged_in_user()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var browser = app.Client();
        await app.LoginAsync(browser, "beheerder@demo.local", DemoAccounts.Password);

        var download = await browser.GetAsync("/api/districts/export.csv");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var entry = Assert.Single(await EntriesAsync("user=beheerder@demo.local&action=Export&pageSize=200"),
            e => e.GetProperty("subject").GetString() == "Wijkindeling (CSV)" && OccurredAt(e) >= before);
        Assert.Equal("beheerder@demo.local", entry.GetProperty("user").GetString());
    }

    [Fact]
    public async Task A_refused_export_is_not_recorded()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var refused = await app.Client(AppFactory.WethouderKey).GetAsync("/api/districts/export.csv");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain(await EntriesAsync("user=bi-wethouder&pageSize=200"),
            e => e.GetProperty("subject").GetString() == "Wijkindeling (CSV)" && OccurredAt(e) >= before);
    }

    [Fact]
    public async Task Only_a_beheerder_may_read_the_audit_log()
    {
        var contractmanager = app.Client();
        await app.LoginAsync(contractmanager, "contractmanager@demo.local", DemoAccounts.Password);

        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client(AppFactory.WethouderKey).GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await contractmanager.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client(AppFactory.BeheerderKey).GetAsync("/api/audit")).StatusCode);
    }

    [Fact]
    public async Task The_log_comes_a_page_at_a_time_newest_first()
    {
        await app.Client(AppFactory.BeheerderKey).GetAsync("/api/districts/export.csv");
        await app.Client(AppFactory.BeheerderKey).GetAsync("/api/districts/export.csv");

        var page = await app.Client(AppFactory.BeheerderKey).GetFromJsonAsync<JsonElement>("/api/audit?page=1&pageSize=2");
        var second = await app.Client(AppFactory.BeheerderKey).GetFromJsonAsync<JsonElement>("/api/audit?page=2&pageSize=1");

        var entries = page.GetProperty("entries").EnumerateArray().ToArray();
        Assert.Equal((1, 2), (page.GetProperty("page").GetInt32(), page.GetProperty("pageSize").GetInt32()));
        Assert.True(page.GetProperty("total").GetInt32() >= 2);
        Assert.Equal(2, entries.Length);
        Assert.True(OccurredAt(entries[0]) >= OccurredAt(entries[1]));
        Assert.Equal(entries[1].GetProperty("id").GetInt64(), second.GetProperty("entries")[0].GetProperty("id").GetInt64());
    }

    [Theory]
    [InlineData("action=Verwijderd", "Onbekende handeling")]
    [InlineData("pageSize=500", "pageSize")]
    [InlineData("page=0", "page telt vanaf 1")]
    [InlineData("from=23-11-2026", "JJJJ-MM-DD")]
    public async Task Bad_parameters_answer_400_in_Dutch(string query, string message)
    {
        var response = await app.Client(AppFactory.BeheerderKey).GetAsync("/api/audit?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_action_filter_ignores_case_and_a_period_is_in_whole_Dutch_days()
    {
        await app.Client(AppFactory.BeheerderKey).GetAsync("/api/districts/export.csv");
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam")).ToString("yyyy-MM-dd");

        var todays = await EntriesAsync($"action=export&from={today}&until={today}&user=script-beheer");
        var before = await EntriesAsync("until=2000-01-01");

        Assert.NotEmpty(todays);
        Assert.All(todays, e => Assert.Equal("Export", e.GetProperty("action").GetString()));
        Assert.Empty(before);
    }
}
