using SociaalDomein.Domain.Audit;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Districts;
using SociaalDomein.Web.Auth;

namespace SociaalDomein.Web.Api;

public static class DistrictEndpoints
{
    private const string FileName = "wijkindeling.csv";

    /// <summary>GET /api/districts (all roles) and the CSV download of the mapping (Beheerder; in the audit log).</summary>
    public static RouteGroupBuilder MapDistricts(this RouteGroupBuilder api)
    {
        api.MapGet("/districts", (DistrictService districts, CancellationToken ct) => districts.ListAsync(ct));
        api.MapGet("/districts/export.csv", async (DistrictService districts, AuditLog audit, HttpContext http, CancellationToken ct) =>
            {
                var csv = await districts.ExportCsvAsync(ct);
                await audit.RecordAsync(http.User.AuditName(), AuditAction.Export, "Wijkindeling (CSV)", FileName, ct);
                return TypedResults.File(csv, "text/csv; charset=utf-8", FileName);
            })
            .RequireAuthorization(AuthenticationSetup.Policies.Beheerder);
        return api;
    }
}
