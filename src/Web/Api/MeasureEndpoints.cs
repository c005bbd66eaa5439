using Microsoft.AspNetCore.Http.HttpResults;
using System.ComponentModel;
using System.Security.Claims;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Domain.Scenarios;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Editing;
using SociaalDomein.Infrastructure.Scenarios;
using SociaalDomein.Web.Auth;
using static SociaalDomein.Web.Api.AuditEndpoints;

namespace SociaalDomein.Web.Api;

/// <summary>/api/measures: the measures with their yields and realisations (every role reads); adding, editing,
/// withdrawing and restoring them and recording a quarter's realised yield for Controller and Beheerder
/// (<see cref="MeasureService"/>: checks, audit, version check, recompute). Every change answers with the measure as
/// it is now, including its new version.</summary>
public static class MeasureEndpoints
{
    [Description("De opbrengst en uitvoeringskosten van een maatregel in één jaar.")]
    public sealed record MeasureYearDto(
        [property: Description("Jaar, binnen de prognoseperiode.")] int Year,
        [property: Description("Verwachte opbrengst in euro's; null = p.m. (niet gekwantificeerd, telt als 0).")] decimal? Yield,
        [property: Description("Eenmalige uitvoeringskosten in euro's (0 of meer); standaard 0.")] decimal ImplementationCost);

    [Description("De gerealiseerde opbrengst van een maatregel in één kwartaal.")]
    public sealed record RealisationDto(
        [property: Description("Jaar.")] int Year,
        [property: Description("Kwartaal, 1 tot en met 4.")] int Quarter,
        [property: Description("Gerealiseerde opbrengst in dat kwartaal in euro's (niet cumulatief).")] decimal Amount,
        [property: Description("Korte toelichting.")] string Explanation,
        [property: Description("Wanneer vastgelegd (met tijdzone).")] DateTimeOffset RecordedAt,
        [property: Description("Wie het heeft vastgelegd.")] string RecordedBy);

    [Description("Een maatregel met zijn opbrengsten per jaar en realisaties per kwartaal.")]
    public sealed record MeasureDto(
        [property: Description("Code, zoals W1.")] string Code,
        [property: Description("Titel.")] string Title,
        [property: Description("Domein (Wmo, Jeugd, Participatie); null voor het hele sociaal domein.")] string? Domain,
        [property: Description("Het eerste scenario waarin de maatregel meetelt; hij telt ook in de scenario's daarna.")] string FirstScenario,
        [property: Description("Eigenaar (team of afdeling).")] string? Owner,
        [property: Description("Status: Voorgesteld, Vastgesteld, In uitvoering, Gerealiseerd of Vervallen.")] string Status,
        [property: Description("Toelichting bij de opbrengsten.")] string? Note,
        [property: Description("Code van de maatregel waarvan de opbrengst deze omvat (dan heeft deze zelf geen opbrengst).")] string? YieldIncludedIn,
        [property: Description("Waar: ingetrokken; telt in geen enkel scenario meer mee, maar houdt zijn geschiedenis.")] bool Retired,
        [property: Description("Versie; geef die mee bij wijzigen, intrekken en terugzetten.")] int Version,
        [property: Description("Opbrengst en uitvoeringskosten per jaar.")] IReadOnlyList<MeasureYearDto> Years,
        [property: Description("Gerealiseerde opbrengsten per kwartaal.")] IReadOnlyList<RealisationDto> Realisations);

    [Description("Een maatregel om toe te voegen (POST) of te wijzigen (PUT). Bij wijzigen vervangen titel, domein, eerste scenario, " +
        "eigenaar, status, toelichting en jaren de opgeslagen waarden.")]
    public sealed record MeasureBody(
        [property: Description("Code: een letter, dan letters of cijfers, hoogstens 10 tekens (zoals W5). Verandert niet bij wijzigen.")] string? Code,
        [property: Description("Titel (verplicht, hoogstens 300 tekens).")] string? Title,
        [property: Description("Domein: Wmo, Jeugd of Participatie; leeg voor het hele sociaal domein.")] string? Domain,
        [property: Description("Naam van het eerste scenario waarin de maatregel meetelt, zoals Optimaliseren of Hervormen.")] string? FirstScenario,
        [property: Description("Eigenaar (team of afdeling).")] string? Owner,
        [property: Description("Status: Voorgesteld (standaard), Vastgesteld, In uitvoering, Gerealiseerd of Vervallen.")] string? Status,
        [property: Description("Toelichting bij de opbrengsten.")] string? Note,
        [property: Description("Opbrengst en uitvoeringskosten per jaar; een jaar dat ontbreekt heeft geen van beide.")] IReadOnlyList<MeasureYearDto>? Years,
        [property: Description("Alleen bij wijzigen (PUT), en dan verplicht: de versie die u las. Is de maatregel intussen " +
            "gewijzigd, dan is het antwoord 409 en wordt niets opgeslagen.")] int? Version)
    {
        internal MeasureDraft ToDraft() => new(Code, Title, Domain, FirstScenario, Owner, Status, Note,
            Years?.Select(y => new MeasureYearDraft(y.Year, y.Yield, y.ImplementationCost)).ToList());
    }

    [Description("De gerealiseerde opbrengst van een kwartaal; een tweede keer voor hetzelfde kwartaal corrigeert de eerste.")]
    public sealed record RealisationBody(
        [property: Description("Jaar, binnen de prognoseperiode.")] int? Year,
        [property: Description("Kwartaal, 1 tot en met 4; het kwartaal moet begonnen zijn.")] int? Quarter,
        [property: Description("Gerealiseerde opbrengst in dat kwartaal in euro's (niet cumulatief).")] decimal? Amount,
        [property: Description("Korte toelichting (verplicht, hoogstens 1000 tekens).")] string? Explanation);

    [Description("Intrekken of terugzetten van een maatregel.")]
    public sealed record RetireBody(
        [property: Description("De versie van de maatregel die u las.")] int? Version,
        [property: Description("Waarom (verplicht); komt in het auditlog.")] string? Reason);

    public static RouteGroupBuilder MapMeasures(this IEndpointRouteBuilder api)
    {
        var measures = api.MapGroup("/measures")
            .WithTags(ApiTags.Maatregelen)
            .RequireAuthorization(AuthenticationSetup.Policies.AlleRollen);

        measures.MapGet("", ListAsync)
            .WithName("GetMeasures")
            .WithSummary("Maatregelen")
            .WithDescription("Alle maatregelen, ook de ingetrokken, met hun opbrengst en uitvoeringskosten per jaar (null = p.m.), " +
                "hun gerealiseerde opbrengst per kwartaal en hun versie. Bedragen in euro's.");

        measures.MapGet("/{code}", GetAsync)
            .WithName("GetMeasure")
            .WithSummary("Eén maatregel")
            .WithDescription("Eén maatregel met zijn opbrengsten, realisaties en versie. 404 als er geen maatregel met die code is.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        measures.MapPost("", AddAsync)
            .RequireAuthorization(AuthenticationSetup.Policies.Financieel)
            .WithName("AddMeasure")
            .WithSummary("Maatregel toevoegen")
            .WithDescription("Voegt een maatregel toe met zijn opbrengst (null = p.m.) en uitvoeringskosten per jaar. Voor Controller en " +
                "Beheerder. Een fout veld geeft 400 met de Nederlandse uitleg onder de naam van het veld (zoals years[0].yield) en slaat " +
                "niets op. Het antwoord is 201 met de maatregel; de scenario's worden op de achtergrond herberekend.");

        measures.MapPut("/{code}", UpdateAsync)
            .RequireAuthorization(AuthenticationSetup.Policies.Financieel)
            .WithName("UpdateMeasure")
            .WithSummary("Maatregel wijzigen")
            .WithDescription("Vervangt de gegevens en jaren van een maatregel. Geef de versie mee die u las: is de maatregel intussen " +
                "door iemand anders gewijzigd, dan is het antwoord 409 en blijft diens wijziging staan. Voor Controller en Beheerder; " +
                "de wijziging (voor → na) komt in het auditlog.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        measures.MapPost("/{code}/realisations", RecordRealisationAsync)
            .RequireAuthorization(AuthenticationSetup.Policies.Financieel)
            .WithName("RecordMeasureRealisation")
            .WithSummary("Realisatie van een kwartaal vastleggen")
            .WithDescription("Legt de gerealiseerde opbrengst van een maatregel in een kwartaal vast, met een korte toelichting; een " +
                "tweede keer voor hetzelfde kwartaal corrigeert de eerste. Het kwartaal moet begonnen zijn. Voor Controller en Beheerder.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        measures.MapPost("/{code}/withdraw", WithdrawAsync)
            .RequireAuthorization(AuthenticationSetup.Policies.Financieel)
            .WithName("WithdrawMeasure")
            .WithSummary("Maatregel intrekken")
            .WithDescription("Trekt een maatregel in: hij telt in geen enkel scenario meer mee, maar houdt zijn opbrengsten, realisaties " +
                "en geschiedenis. Met de versie die u las en een reden. Voor Controller en Beheerder.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        measures.MapPost("/{code}/restore", RestoreAsync)
            .RequireAuthorization(AuthenticationSetup.Policies.Financieel)
            .WithName("RestoreMeasure")
            .WithSummary("Ingetrokken maatregel terugzetten")
            .WithDescription("Zet een ingetrokken maatregel terug, zodat hij weer meetelt. Met de versie die u las en een reden. " +
                "Voor Controller en Beheerder.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        measures.MapGet("/{code}/history", HistoryAsync)
            .WithName("GetMeasureHistory")
            .WithSummary("Geschiedenis van een maatregel")
            .WithDescription("De regels van het auditlog over deze maatregel, nieuwste eerst: wie, wanneer, welke handeling en wat er " +
                "veranderde (voor → na). 404 als er geen maatregel met die code is.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return measures;
    }

    private static async Task<Ok<List<MeasureDto>>> ListAsync(MeasureService measures, CancellationToken ct) =>
        TypedResults.Ok((await measures.ListAsync(ct)).Select(ToDto).ToList());

    private static async Task<Results<Ok<MeasureDto>, ProblemHttpResult>> GetAsync(
        [Description("Code van de maatregel, zoals W1 (hoofdletters maken niet uit).")] string code, MeasureService measures, CancellationToken ct) =>
        await FindAsync(measures, code, ct) is { } measure ? TypedResults.Ok(measure) : NotFound(code);

    private static async Task<Results<Created<MeasureDto>, ValidationProblem, ProblemHttpResult>> AddAsync(
        MeasureBody body, MeasureService measures, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await measures.AddAsync(body.ToDraft(), user.AuditName(), ct);
        return await result.AnswerAsync(async () =>
        {
            var measure = (await FindAsync(measures, body.Code!, ct))!; // measures are never deleted
            return TypedResults.Created(Location(measure.Code), measure);
        });
    }

    private static async Task<Results<Ok<MeasureDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        [Description("Code van de maatregel.")] string code, MeasureBody body, MeasureService measures, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = body.Version is { } version
            ? await measures.UpdateAsync(code, body.ToDraft(), version, user.AuditName(), ct)
            : MissingVersion;
        return await result.AnswerAsync(() => CurrentAsync(measures, code, ct));
    }

    private static async Task<Results<Created<MeasureDto>, ValidationProblem, ProblemHttpResult>> RecordRealisationAsync(
        [Description("Code van de maatregel.")] string code, RealisationBody body, MeasureService measures, ClaimsPrincipal user, CancellationToken ct)
    {
        var missing = new Dictionary<string, string>();
        if (body.Year is null)
        {
            missing["year"] = "Vul het jaar in.";
        }

        if (body.Quarter is null)
        {
            missing["quarter"] = "Vul het kwartaal in (1 tot en met 4).";
        }

        if (body.Amount is null)
        {
            missing["amount"] = "Vul de gerealiseerde opbrengst in euro's in.";
        }

        var result = missing.Count > 0
            ? ChangeResult.Invalid(missing)
            : await measures.RecordRealisationAsync(code, new RealisationDraft(body.Year!.Value, body.Quarter!.Value, body.Amount!.Value, body.Explanation),
                user.AuditName(), ct);
        return await result.AnswerAsync(async () =>
        {
            var measure = (await FindAsync(measures, code, ct))!;
            return TypedResults.Created(Location(measure.Code), measure);
        });
    }

    private static Task<Results<Ok<MeasureDto>, ValidationProblem, ProblemHttpResult>> WithdrawAsync(
        [Description("Code van de maatregel.")] string code, RetireBody body, MeasureService measures, ClaimsPrincipal user, CancellationToken ct) =>
        SetRetiredAsync(code, retired: true, body, measures, user, ct);

    private static Task<Results<Ok<MeasureDto>, ValidationProblem, ProblemHttpResult>> RestoreAsync(
        [Description("Code van de maatregel.")] string code, RetireBody body, MeasureService measures, ClaimsPrincipal user, CancellationToken ct) =>
        SetRetiredAsync(code, retired: false, body, measures, user, ct);

    private static async Task<Results<Ok<MeasureDto>, ValidationProblem, ProblemHttpResult>> SetRetiredAsync(
        string code, bool retired, RetireBody body, MeasureService measures, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = body.Version is { } version
            ? await measures.SetRetiredAsync(code, retired, version, body.Reason, user.AuditName(), ct)
            : MissingVersion;
        return await result.AnswerAsync(() => CurrentAsync(measures, code, ct));
    }

    private static async Task<Results<Ok<AuditPageDto>, ProblemHttpResult>> HistoryAsync(
        [Description("Code van de maatregel.")] string code,
        [Description("Paginanummer, vanaf 1 (50 regels per pagina). Standaard 1.")] int? page,
        MeasureService measures, AuditLog audit, CancellationToken ct)
    {
        if (await FindAsync(measures, code, ct) is null)
        {
            return NotFound(code);
        }

        return TypedResults.Ok(AuditEndpoints.ToDto(await audit.ListAsync(MeasureService.HistoryQuery(code, Math.Max(1, page ?? 1)), ct)));
    }

    private static readonly ChangeResult MissingVersion = ChangeResult.Invalid("version",
        "Geef de versie mee die u las (version), zodat een wijziging van iemand anders niet wordt overschreven.");

    private static string Location(string code) => $"{ApiEndpoints.Prefix}/measures/{Uri.EscapeDataString(code)}";

    private static ProblemHttpResult NotFound(string code) =>
        ApiProblems.NotFound($"Er is geen maatregel met code {code.Trim().ToUpperInvariant()}.");

    private static async Task<Ok<MeasureDto>> CurrentAsync(MeasureService measures, string code, CancellationToken ct) =>
        TypedResults.Ok((await FindAsync(measures, code, ct))!);

    private static async Task<MeasureDto?> FindAsync(MeasureService measures, string code, CancellationToken ct) =>
        (await measures.ListAsync(ct)).FirstOrDefault(m => string.Equals(m.Code, code.Trim(), StringComparison.OrdinalIgnoreCase)) is { } m
            ? ToDto(m)
            : null;

    private static MeasureDto ToDto(MeasureFigures m) => new(
        m.Code, m.Title, m.Domain?.DutchName(), m.FirstScenario, m.Owner, m.Status.DutchName(), m.Note, m.YieldIncludedIn, m.Retired, m.Version,
        m.Years.Select(y => new MeasureYearDto(y.Year, y.Yield, y.ImplementationCost)).ToList(),
        m.Realisations.Select(r => new RealisationDto(r.Year, r.Quarter, r.Amount, r.Explanation, r.RecordedAt, r.RecordedBy)).ToList());
}
