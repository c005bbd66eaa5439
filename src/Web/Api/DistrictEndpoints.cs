using Microsoft.AspNetCore.Http.HttpResults;
using System.ComponentModel;
using System.Security.Claims;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Districts;
using SociaalDomein.Web.Auth;

namespace SociaalDomein.Web.Api;

/// <summary>/api/districts: the districts (every role) and the CSV download of the mapping (Beheerder; in the audit log).</summary>
public static class DistrictEndpoints
{
    private const string FileName = "wijkindeling.csv";

    [Description("Een wijk met de postcodes die erbij horen.")]
    public sealed record DistrictDto(
        [property: Description("Nummer van de wijk.")] int Id,
        [property: Description("Naam van de wijk, zoals te gebruiken in het filter district.")] string Name,
        [property: Description("De postcodes (4 cijfers) van de wijk.")] IReadOnlyList<string> Postcodes);

    public static RouteGroupBuilder MapDistricts(this IEndpointRouteBuilder api)
    {
        var districts = api.MapGroup("/districts")
            .WithTags(ApiTags.Wijken)
            .RequireAuthorization(AuthenticationSetup.Policies.AlleRollen);

        districts.MapGet("", GetDistrictsAsync)
            .WithName("GetDistricts")
            .WithSummary("Wijken met hun postcodes")
            .WithDescription("Alle wijken met de postcodes (4 cijfers) die erbij horen.");

        // Stricter than the group: the whole mapping leaves the application.
        districts.MapGet("/export.csv", ExportCsvAsync)
            .RequireAuthorization(AuthenticationSetup.Policies.Beheerder)
            .WithName("ExportDistrictsCsv")
            .WithSummary("Wijkindeling als CSV")
            .WithDescription($"De postcode-indeling als CSV-bestand ({FileName}, UTF-8, puntkomma gescheiden). De download komt in het auditlog.")
            .Produces(StatusCodes.Status200OK, typeof(Stream), "text/csv");

        return districts;
    }

    private static async Task<Ok<List<DistrictDto>>> GetDistrictsAsync(DistrictService districts, CancellationToken ct) =>
        TypedResults.Ok((await districts.ListAsync(ct)).Select(d => new DistrictDto(d.Id, d.Name, d.Postcodes)).ToList());

    private static async Task<FileContentHttpResult> ExportCsvAsync(DistrictService districts, AuditLog audit, ClaimsPrincipal user, CancellationToken ct)
    {
        var csv = await districts.ExportCsvAsync(ct);
        await audit.RecordAsync(user.AuditName(), AuditAction.Export, "Wijkindeling (CSV)", FileName, ct);
        return TypedResults.File(csv, "text/csv; charset=utf-8", FileName);
    }
}
