using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SociaalDomein.Web;

/// <summary>/health as JSON: overall status and one entry per check (200 when healthy, 503 when not).</summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
}
