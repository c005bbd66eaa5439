using Microsoft.AspNetCore.Authorization;
using System.Globalization;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Security;
using SociaalDomein.Infrastructure.Districts;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Stacking;
using SociaalDomein.Web.Auth;
using SociaalDomein.Web.Formatting;

namespace SociaalDomein.Web.Api;

/// <summary>GET /api/stacking/export.xlsx: the stacking tables as an Excel workbook (<see cref="StackingExcelExport"/>),
/// for every role; the sheet of most expensive households only for Controller and Beheerder, and never in
/// publication mode. Every export is in the audit log with the user and the filters (never figures).</summary>
public static class StackingExportEndpoints
{
    public static RouteGroupBuilder MapStackingExport(this RouteGroupBuilder api)
    {
        // ?referenceDate=YYYY-MM-DD[&law=Wmo][&district=Noord][&publicatie=true]
        api.MapGet("/stacking/export.xlsx", async Task<IResult> (string? referenceDate, string? law, string? district, bool? publicatie,
                HttpContext http, IAuthorizationService authorization, DistrictService districts, StackingExcelExport export, AuditLog audit, ILoggerFactory loggers, CancellationToken ct) =>
            {
                var (query, problem) = await StackingEndpoints.ParseAsync(referenceDate, law, district, districts, ct);
                if (query is null)
                {
                    return problem!;
                }

                var (date, lawFilter, districtName) = query;

                var publication = publicatie ?? false;
                var caseReview = (await authorization.AuthorizeAsync(http.User, AuthenticationSetup.Policies.Financieel)).Succeeded;
                var request = new StackingExportRequest(date, lawFilter, districtName, publication, IncludeMostExpensive: caseReview && !publication);
                var workbook = await export.CreateAsync(request, ct);
                var fileName = StackingExcelExport.FileName(request);

                // Recorded before the file goes out: an export the log cannot record does not happen.
                await audit.RecordAsync(http.User.AuditName(), AuditAction.Export, AuditSubject(request),
                    request.IncludeMostExpensive ? $"{fileName}, met duurste huishoudens" : fileName, ct);
                loggers.CreateLogger(typeof(StackingExportEndpoints).FullName!)
                    .LogInformation("Export stapeling door {User}", http.User.AuditName());
                return TypedResults.File(workbook, StackingExcelExport.ContentType, fileName);
            })
            .RequireAuthorization(policy => policy.RequireRole(Roles.All));
        return api;
    }

    /// <summary>"Stapeling 01-11-2018, Wmo, wijk Noord, publicatiemodus": the filters, so the log says what left.</summary>
    internal static string AuditSubject(StackingExportRequest request) => string.Join(", ",
        $"Stapeling {Dutch.Date(request.ReferenceDate)}",
        request.Law?.ToString() ?? "alle wetten",
        request.District is { } district ? $"wijk {district}" : "alle wijken",
        request.Publication ? "publicatiemodus" : "exacte aantallen");
}
