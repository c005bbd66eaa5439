using System.ComponentModel;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.Reports;
using SociaalDomein.Web.Auth;
using static SociaalDomein.Web.Api.AuditEndpoints;

namespace SociaalDomein.Web.Api;

/// <summary>/api/reports: the quarterly report to the council as one Excel workbook (<see cref="QuarterlyReport"/>,
/// docs/domain.md §7). Read by Wethouder, Controller, Contractmanager and Beheerder; every download is in the audit log.</summary>
public static class ReportEndpoints
{
    public static RouteGroupBuilder MapReports(this IEndpointRouteBuilder api)
    {
        var reports = api.MapGroup("/reports")
            .WithTags(ApiTags.Prognose)
            .RequireAuthorization(AuthenticationSetup.Policies.Aanbieders);

        reports.MapGet("/kwartaal.xlsx", QuarterlyAsync)
            .WithName("GetQuarterlyReport")
            .WithSummary("Kwartaalrapportage als Excel-werkmap")
            .WithDescription("Eén werkmap voor de raad over een kwartaal: toelichting met de stand van elk onderdeel, begroting met mutaties en " +
                "maandrealisaties (met formules), de prognose per begrotingspost op de laatste dag van het kwartaal met de aanbevolen methode, " +
                "scenario's, maatregelen en realisaties, de stapeling in publicatiemodus en de signaleringen bij budgetplafonds.")
            .Produces(StatusCodes.Status200OK, typeof(Stream), BudgetExcelExport.ContentType);
        return reports;
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> QuarterlyAsync(
        [Description("Het jaar, bijvoorbeeld 2017.")] string? year,
        [Description("Het kwartaal: 1, 2, 3 of 4.")] string? quarter,
        QuarterlyReport report, AuditLog audit, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var parsedYear) || parsedYear is < 2000 or > 2100)
        {
            return ApiProblems.Invalid("year", "Ongeldig jaar", "Geef een jaar van 2000 tot en met 2100 op, bijvoorbeeld year=2017.");
        }

        if (!int.TryParse(quarter, NumberStyles.None, CultureInfo.InvariantCulture, out var parsedQuarter))
        {
            return ApiProblems.Invalid("quarter", "Ongeldig kwartaal", "Geef het kwartaal als 1, 2, 3 of 4 op, bijvoorbeeld quarter=3.");
        }

        var answer = await report.CreateAsync(parsedYear, parsedQuarter, ct);
        if (answer.Value is not { } workbook)
        {
            return ApiProblems.Invalid(answer.Parameter!, answer.Parameter == "year" ? "Ongeldig jaar" : "Ongeldig kwartaal", answer.Error!);
        }

        var fileName = QuarterlyReport.FileName(parsedYear, parsedQuarter);
        await audit.RecordAsync(user.AuditName(), Domain.Audit.AuditAction.Export, $"Kwartaalrapportage {parsedYear} K{parsedQuarter} (Excel)", fileName, ct);
        return TypedResults.File(workbook, BudgetExcelExport.ContentType, fileName);
    }
}
