using System.Globalization;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Security;
using SociaalDomein.Infrastructure.Stacking;

namespace SociaalDomein.Web.Api;

/// <summary>GET /api/stacking/export.xlsx: the stacking tables as an Excel workbook (<see cref="StackingExcelExport"/>),
/// for every role; the sheet of most expensive households only for Controller and Beheerder, and never in
/// publication mode. Every export is logged with the user (no figures).</summary>
public static class StackingExportEndpoints
{
    public static RouteGroupBuilder MapStackingExport(this RouteGroupBuilder api)
    {
        // ?referenceDate=YYYY-MM-DD[&law=Wmo][&district=Noord][&publicatie=true]
        api.MapGet("/stacking/export.xlsx", async Task<IResult> (string? referenceDate, string? law, string? district, bool? publicatie,
                HttpContext http, StackingService stacking, StackingExcelExport export, ILoggerFactory loggers, CancellationToken ct) =>
            {
                if (!DateOnly.TryParseExact(referenceDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return TypedResults.Problem(
                        "Geef een geldige peildatum op: referenceDate=JJJJ-MM-DD, bijvoorbeeld referenceDate=2018-11-01.",
                        statusCode: StatusCodes.Status400BadRequest, title: "Ongeldige peildatum");
                }

                Law? lawFilter = null;
                if (!string.IsNullOrWhiteSpace(law))
                {
                    lawFilter = Enum.GetValues<Law>().Cast<Law?>().FirstOrDefault(l => string.Equals(l.ToString(), law.Trim(), StringComparison.OrdinalIgnoreCase));
                    if (lawFilter is null)
                    {
                        return TypedResults.Problem(
                            $"Onbekende wet: {law}. Kies uit {string.Join(", ", Enum.GetNames<Law>())}.",
                            statusCode: StatusCodes.Status400BadRequest, title: "Onbekende wet");
                    }
                }

                string? districtName = null;
                if (!string.IsNullOrWhiteSpace(district))
                {
                    districtName = await stacking.FindDistrictAsync(district, ct);
                    if (districtName is null)
                    {
                        return TypedResults.Problem(
                            $"Onbekend stadsdeel: {district}.", statusCode: StatusCodes.Status400BadRequest, title: "Onbekend stadsdeel");
                    }
                }

                var publication = publicatie ?? false;
                var caseReview = http.User.IsInRole(Roles.Controller) || http.User.IsInRole(Roles.Beheerder);
                var request = new StackingExportRequest(date, lawFilter, districtName, publication, IncludeMostExpensive: caseReview && !publication);
                var workbook = await export.CreateAsync(request, ct);

                loggers.CreateLogger(typeof(StackingExportEndpoints).FullName!)
                    .LogInformation("Export stapeling door {User}", http.User.Identity?.Name ?? "onbekend");
                return TypedResults.File(workbook, StackingExcelExport.ContentType, StackingExcelExport.FileName(request));
            })
            .RequireAuthorization(policy => policy.RequireRole(Roles.All));
        return api;
    }
}
