using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace SociaalDomein.Web.Tests.Fixtures;

/// <summary>Uploading a toewijzingen file through the API and waiting for its run, as a script would.</summary>
public static class ImportUploads
{
    /// <summary>The multipart form of an upload; <paramref name="onlyValidRows"/> null leaves the field out.</summary>
    public static MultipartFormDataContent Form(string csv, bool? onlyValidRows = null, string fileName = "export.csv")
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", fileName } };
        if (onlyValidRows is { } only)
        {
            form.Add(new StringContent(only ? "true" : "false"), "onlyValidRows");
        }

        return form;
    }

    public static async Task<long> UploadAsync(HttpClient client, string csv, bool onlyValidRows = false, string fileName = "export.csv")
    {
        var response = await client.PostAsync("/api/imports/toewijzingen", Form(csv, onlyValidRows, fileName));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    public static async Task<string> StatusAsync(HttpClient client, long id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/imports/{id}")).GetProperty("status").GetString()!;

    /// <summary>Polls the run until its status is one of <paramref name="statuses"/> (at most a minute); returns its report.</summary>
    public static async Task<JsonElement> WaitForAsync(HttpClient client, long id, params string[] statuses)
    {
        var report = default(JsonElement);
        for (var attempt = 0; attempt < 240; attempt++)
        {
            report = await client.GetFromJsonAsync<JsonElement>($"/api/imports/{id}");
            if (statuses.Contains(report.GetProperty("status").GetString()))
            {
                return report;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Import {id} kreeg binnen een minuut niet de status {string.Join(" of ", statuses)}: {report}");
    }

    public static Task<JsonElement> WaitUntilFinishedAsync(HttpClient client, long id) => WaitForAsync(client, id, "Succeeded", "Failed", "Rejected");
}
