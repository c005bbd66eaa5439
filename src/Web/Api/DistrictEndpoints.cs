using SociaalDomein.Infrastructure.Districts;
using SociaalDomein.Web.Auth;

namespace SociaalDomein.Web.Api;

public static class DistrictEndpoints
{
    /// <summary>GET /api/districts (all roles) and the CSV download of the mapping (Beheerder).</summary>
    public static RouteGroupBuilder MapDistricts(this RouteGroupBuilder api)
    {
        api.MapGet("/districts", (DistrictService districts, CancellationToken ct) => districts.ListAsync(ct));
        api.MapGet("/districts/export.csv", async (DistrictService districts, CancellationToken ct) =>
                TypedResults.File(await districts.ExportCsvAsync(ct), "text/csv; charset=utf-8", "wijkindeling.csv"))
            .RequireAuthorization(AuthenticationSetup.Policies.Beheerder);
        return api;
    }
}
