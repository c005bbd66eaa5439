using Microsoft.AspNetCore.Http.HttpResults;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Stacking;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Districts;
using SociaalDomein.Infrastructure.Stacking;
using SociaalDomein.Web.Auth;
using SociaalDomein.Web.Formatting;

namespace SociaalDomein.Web.Api;

/// <summary>A stacking request's filters after checking: the reference date, and the law and district if given.</summary>
public sealed record StackingQuery(DateOnly ReferenceDate, Law? Law, string? District);

/// <summary>/api/stacking (every role): the stacking tables (docs/domain.md §5) on a reference date, as JSON, and as an Excel
/// workbook (<see cref="StackingExcelExport"/>). The workbook's sheet of most expensive households only for Controller and
/// Beheerder, and never in publication mode; every export is in the audit log with the user and the filters (never figures).</summary>
public static class StackingEndpoints
{
    [Description("Tabel A: adressen naar aantal cliënten op het adres, zonder zorglocaties.")]
    public sealed record HouseholdDto(
        [property: Description("Aantal cliënten op het adres (1 tot en met de drempel voor een zorglocatie).")] int Clients,
        [property: Description("Aantal adressen.")] int Addresses,
        [property: Description("Totaalbedrag in euro's, op centen afgerond.")] decimal Amount,
        [property: Description("Gemiddeld bedrag per inwoner in euro's.")] decimal AveragePerInhabitant);

    [Description("Zorglocaties: adressen met meer cliënten dan de drempel, apart geteld.")]
    public sealed record InstitutionsDto(
        [property: Description("Aantal adressen.")] int Addresses,
        [property: Description("Aantal cliënten.")] int Clients,
        [property: Description("Totaalbedrag in euro's.")] decimal Amount);

    [Description("Tabel B: cliënten naar aantal voorzieningen, zorglocaties meegeteld.")]
    public sealed record ProvisionDto(
        [property: Description("Aantal verschillende voorzieningen (productcodes) per cliënt; 5 betekent 5 of meer.")] int Provisions,
        [property: Description("Aantal cliënten.")] int Clients,
        [property: Description("Totaalbedrag in euro's.")] decimal Amount,
        [property: Description("Gemiddeld bedrag per cliënt in euro's.")] decimal AveragePerClient);

    [Description("De stapeling op een peildatum. Bedragen in euro's, op centen afgerond.")]
    public sealed record StackingDto(
        [property: Description("Peildatum (JJJJ-MM-DD).")] DateOnly ReferenceDate,
        [property: Description("Ingetrokken toewijzingen (niet meegeteld).")] int Revoked,
        [property: Description("Dubbele toewijzingen (niet meegeteld).")] int Duplicates,
        [property: Description("Actieve toewijzingen op de peildatum.")] int ActiveAssignments,
        [property: Description("Aantal cliënten.")] int Clients,
        [property: Description("Totaalbedrag in euro's.")] decimal TotalAmount,
        [property: Description("Tabel A: huishoudens.")] IReadOnlyList<HouseholdDto> Households,
        [property: Description("Zorglocaties.")] InstitutionsDto Institutions,
        [property: Description("Tabel B: voorzieningen per cliënt.")] IReadOnlyList<ProvisionDto> Provisions);

    /// <summary>The filters of a stacking request, shared by the JSON and the Excel route. Strings, so that a wrong value
    /// gets a Dutch 400 from <see cref="ThenAsync{TResult}"/> rather than the framework's binding error.</summary>
    public sealed record StackingFilter(
        [property: FromQuery(Name = "referenceDate"), Required, Description("Peildatum als JJJJ-MM-DD, bijvoorbeeld 2018-11-01.")] string? ReferenceDate,
        [property: FromQuery(Name = "law"), Description("Alleen deze wet: Wmo, Jeugdwet of Participatiewet (hoofdletters maken niet uit).")] string? Law,
        [property: FromQuery(Name = "district"), Description("Alleen deze wijk, bijvoorbeeld Noord (zie GET /api/districts; hoofdletters maken niet uit).")] string? District)
    {
        /// <summary>Checks the filters and looks the district up, then answers with <paramref name="then"/> for the query
        /// they ask for; or answers the Dutch 400 that says which filter is wrong.</summary>
        internal async Task<Results<TResult, ValidationProblem>> ThenAsync<TResult>(
            DistrictService districts, Func<StackingQuery, Task<TResult>> then, CancellationToken ct)
            where TResult : IResult
        {
            if (!DateOnly.TryParseExact(ReferenceDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return ApiProblems.Invalid("referenceDate", "Ongeldige peildatum",
                    "Geef een geldige peildatum op: referenceDate=JJJJ-MM-DD, bijvoorbeeld referenceDate=2018-11-01.");
            }

            Law? law = null;
            if (!string.IsNullOrWhiteSpace(Law))
            {
                law = Enum.GetValues<Law>().Cast<Law?>().FirstOrDefault(l => string.Equals(l.ToString(), Law.Trim(), StringComparison.OrdinalIgnoreCase));
                if (law is null)
                {
                    return ApiProblems.Invalid("law", "Onbekende wet", $"Onbekende wet: {Law}. Kies uit {string.Join(", ", Enum.GetNames<Law>())}.");
                }
            }

            string? district = null;
            if (!string.IsNullOrWhiteSpace(District))
            {
                district = await districts.FindAsync(District, ct);
                if (district is null)
                {
                    return ApiProblems.Invalid("district", "Onbekend stadsdeel", $"Onbekend stadsdeel: {District}.");
                }
            }

            return await then(new StackingQuery(date, law, district));
        }
    }

    /// <summary>What the Excel route needs besides the filters.</summary>
    public sealed record ExportServices(
        IAuthorizationService Authorization, DistrictService Districts, StackingExcelExport Export, AuditLog Audit, ILogger<ExportServices> Logger);

    public static RouteGroupBuilder MapStacking(this IEndpointRouteBuilder api)
    {
        var stacking = api.MapGroup("/stacking")
            .WithTags(ApiTags.Stapeling)
            .RequireAuthorization(AuthenticationSetup.Policies.AlleRollen);

        stacking.MapGet("", GetAsync)
            .WithName("GetStacking")
            .WithSummary("Stapeling op een peildatum")
            .WithDescription("De stapelingstabellen op de peildatum: tabel A (huishoudens naar aantal cliënten op één adres), de " +
                "zorglocaties en tabel B (cliënten naar aantal voorzieningen), met de opschoning (ingetrokken en dubbele toewijzingen). " +
                "Optioneel alleen één wet of één wijk. Het antwoord houdt rekening met elke import die vóór de vraag is gelukt. " +
                "Exacte aantallen: niet bedoeld voor publicatie.");

        stacking.MapGet("/export.xlsx", ExportAsync)
            .WithName("ExportStackingXlsx")
            .WithSummary("Stapeling als Excel-werkmap")
            .WithDescription("De stapeling als Excel-werkmap met één blad per tabel en een toelichting. Met publicatie=true in " +
                "publicatiemodus: kleine aantallen worden afgeschermd. Controller en Beheerder krijgen buiten de publicatiemodus " +
                "ook het blad met de duurste huishoudens. Elke export komt in het auditlog, met de filters.")
            .Produces(StatusCodes.Status200OK, typeof(Stream), StackingExcelExport.ContentType);

        return stacking;
    }

    private static Task<Results<Ok<StackingDto>, ValidationProblem>> GetAsync(
        [AsParameters] StackingFilter filter, StackingService stacking, DistrictService districts, CancellationToken ct) =>
        filter.ThenAsync(districts, async query =>
            TypedResults.Ok(ToDto(await stacking.GetAsync(query.ReferenceDate, query.Law, query.District, ct))), ct);

    private static Task<Results<FileContentHttpResult, ValidationProblem>> ExportAsync(
        [AsParameters] StackingFilter filter,
        [Description("true: publicatiemodus, kleine aantallen afgeschermd en geen duurste huishoudens. Standaard false.")] bool? publicatie,
        [AsParameters] ExportServices services, ClaimsPrincipal user, CancellationToken ct) =>
        filter.ThenAsync(services.Districts, query => CreateExportAsync(query, publicatie ?? false, services, user, ct), ct);

    private static async Task<FileContentHttpResult> CreateExportAsync(
        StackingQuery query, bool publication, ExportServices services, ClaimsPrincipal user, CancellationToken ct)
    {
        var caseReview = (await services.Authorization.AuthorizeAsync(user, AuthenticationSetup.Policies.Financieel)).Succeeded;
        var request = new StackingExportRequest(query.ReferenceDate, query.Law, query.District, publication,
            IncludeMostExpensive: caseReview && !publication);
        var workbook = await services.Export.CreateAsync(request, ct);
        var fileName = StackingExcelExport.FileName(request);

        // Recorded before the file goes out: an export the log cannot record does not happen.
        await services.Audit.RecordAsync(user.AuditName(), AuditAction.Export, AuditSubject(request),
            request.IncludeMostExpensive ? $"{fileName}, met duurste huishoudens" : fileName, ct);
        services.Logger.LogInformation("Export stapeling door {User}", user.AuditName());
        return TypedResults.File(workbook, StackingExcelExport.ContentType, fileName);
    }

    /// <summary>"Stapeling 01-11-2018, Wmo, wijk Noord, publicatiemodus": the filters, so the log says what left.</summary>
    internal static string AuditSubject(StackingExportRequest request) => string.Join(", ",
        $"Stapeling {Dutch.Date(request.ReferenceDate)}",
        request.Law?.ToString() ?? "alle wetten",
        request.District is { } district ? $"wijk {district}" : "alle wijken",
        request.Publication ? "publicatiemodus" : "exacte aantallen");

    private static decimal Euros(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    private static StackingDto ToDto(StackingResult r) => new(
        r.ReferenceDate, r.Revoked, r.Duplicates, r.ActiveAssignments, r.Clients, Euros(r.TotalAmount),
        r.Households.Select(h => new HouseholdDto(h.Clients, h.Addresses, Euros(h.Amount), Euros(h.AveragePerInhabitant))).ToList(),
        new InstitutionsDto(r.Institutions.Addresses, r.Institutions.Clients, Euros(r.Institutions.Amount)),
        r.Provisions.Select(p => new ProvisionDto(p.Provisions, p.Clients, Euros(p.Amount), Euros(p.AveragePerClient))).ToList());
}
