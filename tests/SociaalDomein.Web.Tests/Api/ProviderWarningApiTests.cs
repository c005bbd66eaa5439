using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Persistence;
using SociaalDomein.Infrastructure.Providers;
using SociaalDomein.Web.Tests.Fixtures;

namespace SociaalDomein.Web.Tests.Api;

public sealed class ProviderCeilingApp : AppFactory
{
    /// <summary>Adds a provider (imports create them; these tests make their own) and optionally approved claims of 2019.</summary>
    public async Task AddProviderAsync(string agb, params (string Start, string End, decimal Amount)[] claims)
    {
        var contexts = Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        db.Providers.Add(new Provider { Agb = agb, Name = $"Aanbieder {agb}", CreatedAt = DateTimeOffset.UtcNow, Version = 1 });
        foreach (var (start, end, amount) in claims)
        {
            db.Claims.Add(new Claim
            {
                IdentityKey = $"nr:{agb}-{start}", ClientKey = [1, 2, 3], ProviderAgb = agb, Law = Law.Wmo, ProductCode = "02A06",
                PeriodStart = DateOnly.Parse(start), PeriodEnd = DateOnly.Parse(end), Amount = amount, SubmittedOn = DateOnly.Parse(end), ImportRunId = 0,
            });
        }

        await db.SaveChangesAsync();
    }
}

/// <summary>/api/providers: master data and ceilings changed only by Contractmanager and Beheerder, with Dutch messages
/// per field, versions against overwriting and 404 for what does not exist; warnings listed, acknowledged and exported.</summary>
public sealed class ProviderWarningApiTests(ProviderCeilingApp app) : IClassFixture<ProviderCeilingApp>
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task A_contract_manager_completes_a_provider_and_a_stale_version_an_unknown_type_or_an_unknown_agb_is_refused()
    {
        await app.AddProviderAsync("44444444");
        var client = app.Client(AppFactory.ContractmanagerKey);

        var done = await client.PutAsJsonAsync("/api/providers/44444444",
            new { name = "Zorggroep Noord", type = "GGZ", fundingModel = "Taakgericht", contractStart = "2019-01-01", contractEnd = "2021-12-31", version = 1 });
        var stale = await client.PutAsJsonAsync("/api/providers/44444444", new { name = "Te laat", version = 1 });
        var bad = await client.PutAsJsonAsync("/api/providers/44444444", new { name = "Zorggroep Noord", type = "Tandarts", version = 2 });
        var unknown = await client.PutAsJsonAsync("/api/providers/99999998", new { name = "Niemand", version = 1 });
        var notAnAgb = await client.PutAsJsonAsync("/api/providers/4444444", new { name = "Zeven cijfers", version = 1 });

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var body = await JsonAsync(done);
        Assert.Equal(("Zorggroep Noord", "GGZ", "Taakgericht", 2), (body.GetProperty("name").GetString(), body.GetProperty("type").GetString(),
            body.GetProperty("fundingModel").GetString(), body.GetProperty("version").GetInt32()));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Kies het type", (await JsonAsync(bad)).GetProperty("errors").GetProperty("type")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, notAnAgb.StatusCode);
    }

    [Fact]
    public async Task Ceilings_are_added_listed_with_their_use_changed_and_removed_with_versions()
    {
        await app.AddProviderAsync("55555555", ("2019-01-01", "2019-01-31", 31_000m));
        var client = app.Client(AppFactory.BeheerderKey);

        var added = await client.PostAsJsonAsync("/api/providers/55555555/ceilings", new { year = 2019, law = "Wmo", amount = 100_000m });
        var duplicate = await client.PostAsJsonAsync("/api/providers/55555555/ceilings", new { year = 2019, law = "wmo", amount = 5m });
        var zero = await client.PostAsJsonAsync("/api/providers/55555555/ceilings", new { year = 2019, amount = 0m });
        var unknownProvider = await client.GetAsync("/api/providers/99999997/ceilings");

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var ceiling = await JsonAsync(added);
        var id = ceiling.GetProperty("id").GetInt32();
        Assert.Equal(31_000m, ceiling.GetProperty("spent").GetDecimal());
        // The as-of date is the latest claim of 2019 over all providers (other tests add some): at least this one's end.
        Assert.InRange(DateOnly.Parse(ceiling.GetProperty("asOf").GetString()!), new DateOnly(2019, 1, 31), new DateOnly(2019, 12, 31));
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("al een budgetplafond", (await JsonAsync(duplicate)).GetProperty("errors").GetProperty("year")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        Assert.True((await JsonAsync(zero)).GetProperty("errors").TryGetProperty("amount", out _));
        Assert.Equal(HttpStatusCode.NotFound, unknownProvider.StatusCode);

        var changed = await client.PutAsJsonAsync($"/api/providers/55555555/ceilings/{id}", new { year = 2019, law = "Wmo", amount = 120_000m, version = 1 });
        var stale = await client.PutAsJsonAsync($"/api/providers/55555555/ceilings/{id}", new { year = 2019, amount = 1m, version = 1 });
        var missing = await client.PutAsJsonAsync("/api/providers/55555555/ceilings/987654", new { year = 2019, amount = 1m, version = 1 });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(120_000m, (await JsonAsync(changed)).GetProperty("amount").GetDecimal());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        var noVersion = await client.DeleteAsync($"/api/providers/55555555/ceilings/{id}");
        var staleDelete = await client.DeleteAsync($"/api/providers/55555555/ceilings/{id}?version=1");
        var deleted = await client.DeleteAsync($"/api/providers/55555555/ceilings/{id}?version=2");
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.Conflict, HttpStatusCode.OK], new[] { noVersion.StatusCode, staleDelete.StatusCode, deleted.StatusCode });
        Assert.Empty((await JsonAsync(deleted)).EnumerateArray());
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/providers/55555555/ceilings")).EnumerateArray());
    }

    [Fact]
    public async Task The_wethouder_reads_ceilings_and_warnings_but_changes_and_acknowledges_nothing()
    {
        await app.AddProviderAsync("66666666");
        var client = app.Client(AppFactory.WethouderKey);

        var read = await client.GetAsync("/api/providers/66666666/ceilings");
        var warnings = await client.GetAsync("/api/providers/warnings");
        var add = await client.PostAsJsonAsync("/api/providers/66666666/ceilings", new { year = 2019, amount = 1_000m });
        var master = await client.PutAsJsonAsync("/api/providers/66666666", new { name = "Anders", version = 1 });
        var acknowledge = await client.PostAsJsonAsync("/api/providers/warnings/1/acknowledge", new { note = "Gezien", version = 1 });
        var controller = await app.Client(AppFactory.ControllerKey).PostAsJsonAsync("/api/providers/66666666/ceilings", new { year = 2019, amount = 1_000m });

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], new[] { read.StatusCode, warnings.StatusCode });
        Assert.Equal(JsonValueKind.Array, (await JsonAsync(warnings)).ValueKind);
        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden],
            new[] { add.StatusCode, master.StatusCode, acknowledge.StatusCode, controller.StatusCode });
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/providers/66666666/ceilings")).EnumerateArray());
    }

    [Fact]
    public async Task A_raised_warning_is_listed_acknowledged_once_with_a_note_and_exported_with_an_audit_entry()
    {
        await app.AddProviderAsync("77777777", ("2019-01-01", "2019-06-30", 80_000m));
        var client = app.Client(AppFactory.ContractmanagerKey);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/providers/77777777/ceilings", new { year = 2019, amount = 100_000m })).StatusCode);
        await app.Services.GetRequiredService<ProviderWarningJob>().RunAsync(CancellationToken.None);

        var listed = (await client.GetFromJsonAsync<JsonElement>("/api/providers/warnings?agb=77777777")).EnumerateArray().ToList();
        Assert.Equal(["drempel", "overschrijding"], listed.Select(w => w.GetProperty("level").GetString()).Order());
        var warning = listed.Single(w => w.GetProperty("level").GetString() == "drempel");
        var (id, version) = (warning.GetProperty("id").GetInt64(), warning.GetProperty("version").GetInt32());
        Assert.Equal((80_000m, 0.8m, "open"), (warning.GetProperty("spent").GetDecimal(), warning.GetProperty("used").GetDecimal(), warning.GetProperty("status").GetString()));

        var noNote = await client.PostAsJsonAsync($"/api/providers/warnings/{id}/acknowledge", new { note = "", version });
        var done = await client.PostAsJsonAsync($"/api/providers/warnings/{id}/acknowledge", new { note = "Brief verstuurd", version });
        var stale = await client.PostAsJsonAsync($"/api/providers/warnings/{id}/acknowledge", new { note = "Nog eens", version });
        var unknown = await client.PostAsJsonAsync("/api/providers/warnings/987654321/acknowledge", new { note = "Notitie", version = 1 });

        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.True((await JsonAsync(noNote)).GetProperty("errors").TryGetProperty("note", out _));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var acknowledged = await JsonAsync(done);
        Assert.Equal(("afgehandeld", "Brief verstuurd"), (acknowledged.GetProperty("status").GetString(), acknowledged.GetProperty("note").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var open = (await client.GetFromJsonAsync<JsonElement>("/api/providers/warnings?agb=77777777&open=true")).EnumerateArray();
        Assert.Equal(["overschrijding"], open.Select(w => w.GetProperty("level").GetString()));

        var export = await app.Client(AppFactory.WethouderKey).GetAsync("/api/providers/warnings/export.xlsx?agb=77777777");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(ProviderWarningExcelExport.ContentType, export.Content.Headers.ContentType?.MediaType);
        using var book = new XLWorkbook(await export.Content.ReadAsStreamAsync());
        var sheet = book.Worksheet(ProviderWarningExcelExport.SheetName);
        Assert.Equal(["77777777", "77777777"], Enumerable.Range(ProviderWarningExcelExport.HeaderRow + 1, 2).Select(r => sheet.Cell(r, 2).GetString()));
        var contexts = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditAction.Export && e.Subject == "Signaleringen budgetplafonds (Excel), aanbieder 77777777"));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditAction.ProviderWarningAcknowledged && e.UserName == "bi-contractmanager"));
    }
}
