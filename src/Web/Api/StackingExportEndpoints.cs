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
                var (query, problem) = await StackingEndpoints.ParseAsync(referenceDate, law, district, stacking, ct);
                if (query is null)
                {
                    return problem!;
                }

                var (date, lawFilter, districtName) = query;

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
