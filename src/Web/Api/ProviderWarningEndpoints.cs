using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Editing;
using SociaalDomein.Infrastructure.Providers;
using SociaalDomein.Web.Auth;

namespace SociaalDomein.Web.Api;

/// <summary>/api/providers: a provider's master data and budget ceilings (changed by Contractmanager and Beheerder:
/// <see cref="ProviderEditService"/>) and the ceiling warnings (<see cref="ProviderWarningService"/>: listed for every
/// role, acknowledged with a note by Contractmanager and Beheerder, exported as Excel). An AGB code in a route is exactly
/// eight digits (<see cref="Agb"/>), so <c>/api/providers/warnings</c> is never read as one.</summary>
public static class ProviderWarningEndpoints
{
    /// <summary>The route parameter of an AGB code: eight digits. Without braces in the regex, so the route's raw text
    /// stays readable for the OpenAPI check.</summary>
    public const string Agb = "{agb:length(8):regex(^\\d+$)}";

    [Description("Een signalering bij een budgetplafond, met de cijfers van het moment van signaleren.")]
    public sealed record ProviderWarningDto(
        [property: Description("Nummer.")] long Id,
        [property: Description("AGB-code van de aanbieder.")] string Agb,
        [property: Description("Naam van de aanbieder.")] string Provider,
        [property: Description("Nummer van het budgetplafond.")] int CeilingId,
        [property: Description("Jaar van het plafond.")] int Year,
        [property: Description("Wet van het plafond (Wmo, Jeugdwet, Participatiewet); leeg: alle wetten.")] string? Law,
        [property: Description("Productcode van het plafond; leeg: alle producten.")] string? ProductCode,
        [property: Description("Het plafond in euro's.")] decimal Ceiling,
        [property: Description("Soort: drempel (het percentage van het plafond is bereikt) of overschrijding (de prognose ligt boven het plafond).")] string Level,
        [property: Description("De soort in woorden, zoals 'Drempel 70 % bereikt'.")] string LevelName,
        [property: Description("Het drempelpercentage dat gold bij het signaleren.")] int ThresholdPercent,
        [property: Description("Wanneer gesignaleerd.")] DateTimeOffset RaisedAt,
        [property: Description("Besteed in euro's: goedgekeurde declaraties van het jaar tot de peildatum.")] decimal Spent,
        [property: Description("Besteed ÷ plafond (0,7 = 70 %).")] decimal Used,
        [property: Description("Prognose voor het hele jaar in hetzelfde tempo, in euro's.")] decimal Projection,
        [property: Description("Verwachte datum waarop het plafond bereikt wordt; leeg als dat niet dit jaar is.")] DateOnly? ProjectedDate,
        [property: Description("open of afgehandeld.")] string Status,
        [property: Description("Wanneer afgehandeld.")] DateTimeOffset? AcknowledgedAt,
        [property: Description("Wie afhandelde.")] string? AcknowledgedBy,
        [property: Description("De notitie bij het afhandelen.")] string? Note,
        [property: Description("Versie; geef die mee bij afhandelen.")] int Version);

    [Description("Een signalering afhandelen.")]
    public sealed record AcknowledgeBody(
        [property: Description("Notitie (verplicht): wat is er gedaan, bijvoorbeeld 'brief verstuurd op 2-12-2019'.")] string? Note,
        [property: Description("De versie die u las (verplicht).")] int? Version);

    [Description("Een budgetplafond met zijn besteding en prognose.")]
    public sealed record CeilingDto(
        [property: Description("Nummer.")] int Id,
        [property: Description("Jaar.")] int Year,
        [property: Description("Wet (Wmo, Jeugdwet, Participatiewet); leeg: alle wetten.")] string? Law,
        [property: Description("Productcode; leeg: alle producten.")] string? ProductCode,
        [property: Description("Het plafond in euro's.")] decimal Amount,
        [property: Description("Besteed in euro's tot de peildatum.")] decimal Spent,
        [property: Description("Besteed ÷ plafond (0,7 = 70 %).")] decimal Used,
        [property: Description("Peildatum: de laatste einddatum van goedgekeurde declaraties van het jaar, hoogstens 31 december en vandaag.")] DateOnly AsOf,
        [property: Description("Prognose voor het hele jaar in hetzelfde tempo, in euro's.")] decimal Projection,
        [property: Description("Verwachte datum waarop het plafond bereikt wordt; leeg als dat niet dit jaar is.")] DateOnly? ProjectedDate,
        [property: Description("Versie; geef die mee bij wijzigen of verwijderen.")] int Version);

    [Description("Een nieuw of gewijzigd budgetplafond.")]
    public sealed record CeilingBody(
        [property: Description("Jaar (2000–2100).")] int? Year,
        [property: Description("Wet: Wmo, Jeugdwet of Participatiewet; leeg voor alle wetten.")] string? Law,
        [property: Description("Productcode, zoals 02A06; leeg voor alle producten.")] string? ProductCode,
        [property: Description("Het plafond in euro's, groter dan nul, hoogstens twee decimalen.")] decimal? Amount,
        [property: Description("Alleen bij wijzigen (PUT), en dan verplicht: de versie die u las.")] int? Version);

    [Description("De stamgegevens van een aanbieder.")]
    public sealed record ProviderMasterDataDto(
        [property: Description("AGB-code (8 cijfers).")] string Agb,
        [property: Description("Naam.")] string Name,
        [property: Description("Type (een van de zes referentiegroepen), leeg als onbekend.")] string? Type,
        [property: Description("Financieringsvorm, leeg als onbekend.")] string? FundingModel,
        [property: Description("Begin van de contractperiode.")] DateOnly? ContractStart,
        [property: Description("Einde van de contractperiode.")] DateOnly? ContractEnd,
        [property: Description("Versie; geef die mee bij wijzigen.")] int Version);

    [Description("Gewijzigde stamgegevens van een aanbieder.")]
    public sealed record ProviderMasterDataBody(
        [property: Description("Naam (verplicht, hoogstens 200 tekens).")] string? Name,
        [property: Description("Type: Gehandicaptenzorg, GGZ, Psychische kwetsbaarheid / psychosociaal, Autisme, Thuiszorg en maatschappelijke dienstverlening of Ouderenzorg; leeg als onbekend.")] string? Type,
        [property: Description("Financieringsvorm: Inspanningsgericht (P×Q), Outputgericht of Taakgericht; leeg als onbekend.")] string? FundingModel,
        [property: Description("Begin van de contractperiode (jjjj-mm-dd).")] DateOnly? ContractStart,
        [property: Description("Einde van de contractperiode (jjjj-mm-dd), niet vóór het begin.")] DateOnly? ContractEnd,
        [property: Description("De versie die u las (verplicht).")] int? Version);

    public static RouteGroupBuilder MapProviderCeilings(this IEndpointRouteBuilder api)
    {
        var providers = api.MapGroup("/providers")
            .WithTags(ApiTags.Budgetplafonds)
            .RequireAuthorization(AuthenticationSetup.Policies.Aanbieders);

        providers.MapGet("/warnings", ListWarningsAsync)
            .WithName("GetProviderWarnings")
            .WithSummary("Signaleringen budgetplafonds")
            .WithDescription("De signaleringen (drempel bereikt of overschrijding verwacht), open eerst en nieuwste eerst, met aanbieder, plafond, " +
                "besteding, prognose en verwachte datum zoals bij het signaleren. Filter op `agb` of alleen open (`open=true`).");

        providers.MapPost("/warnings/{id:long}/acknowledge", AcknowledgeAsync)
            .RequireAuthorization(AuthenticationSetup.Policies.Contractbeheer)
            .WithName("AcknowledgeProviderWarning")
            .WithSummary("Signalering afhandelen")
            .WithDescription("Handelt een signalering af met een notitie (verplicht) en de versie die u las; daarna wordt zij voor hetzelfde " +
                "plafond en dezelfde soort niet opnieuw gesignaleerd. Komt in het auditlog. Voor Contractmanager en Beheerder.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        providers.MapGet("/warnings/export.xlsx", ExportAsync)
            .WithName("ExportProviderWarnings")
            .WithSummary("Signaleringen als Excel")
            .WithDescription("De signaleringen als Excel-werkmap voor een brief aan de aanbieder: aanbieder, AGB-code, jaar, reikwijdte, plafond, " +
                "besteed, % besteed, prognose, verwachte datum, soort en datum van signaleren. De download komt in het auditlog.")
            .Produces(StatusCodes.Status200OK, typeof(Stream), ProviderWarningExcelExport.ContentType);

        providers.MapPut($"/{Agb}", UpdateProviderAsync)
            .RequireAuthorization(AuthenticationSetup.Policies.Contractbeheer)
            .WithName("UpdateProviderMasterData")
            .WithSummary("Stamgegevens van een aanbieder wijzigen")
            .WithDescription("Wijzigt naam, type, financieringsvorm en contractperiode van een aanbieder met de versie die u las; de AGB-code " +
                "blijft. Fouten geven 400 met de melding onder het veld, een oude versie 409. Komt in het auditlog (voor → na).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        var ceilings = providers.MapGroup($"/{Agb}/ceilings");
        ceilings.MapGet("", ListCeilingsAsync)
            .WithName("GetProviderCeilings")
            .WithSummary("Budgetplafonds van een aanbieder")
            .WithDescription("De plafonds van een aanbieder, nieuwste jaar eerst, met besteed, % besteed, peildatum, prognose en verwachte datum. " +
                "404 voor een onbekende aanbieder.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        ceilings.MapPost("", AddCeilingAsync)
            .RequireAuthorization(AuthenticationSetup.Policies.Contractbeheer)
            .WithName("AddProviderCeiling")
            .WithSummary("Budgetplafond toevoegen")
            .WithDescription("Voegt een plafond toe voor een jaar, optioneel per wet of product. Een tweede plafond voor hetzelfde jaar, dezelfde " +
                "wet en hetzelfde product geeft 400. Komt in het auditlog; de signaleringen worden daarna opnieuw beoordeeld.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        ceilings.MapPut("/{id:int}", UpdateCeilingAsync)
            .RequireAuthorization(AuthenticationSetup.Policies.Contractbeheer)
            .WithName("UpdateProviderCeiling")
            .WithSummary("Budgetplafond wijzigen")
            .WithDescription("Wijzigt jaar, wet, product of bedrag van een plafond met de versie die u las; een oude versie geeft 409. " +
                "Komt in het auditlog (voor → na).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        ceilings.MapDelete("/{id:int}", DeleteCeilingAsync)
            .RequireAuthorization(AuthenticationSetup.Policies.Contractbeheer)
            .WithName("DeleteProviderCeiling")
            .WithSummary("Budgetplafond verwijderen")
            .WithDescription("Verwijdert een plafond (met zijn signaleringen) met de versie die u las als `version` in de query; antwoordt met de " +
                "plafonds die overblijven. Komt in het auditlog.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return providers;
    }

    private static async Task<Ok<List<ProviderWarningDto>>> ListWarningsAsync(
        [Description("AGB-code: alleen de signaleringen van deze aanbieder.")] string? agb,
        [Description("Waar: alleen de open signaleringen.")] bool? open,
        ProviderWarningService warnings, CancellationToken ct) =>
        TypedResults.Ok((await warnings.ListAsync(agb, open != true, ct)).Select(ToDto).ToList());

    private static async Task<Results<Ok<ProviderWarningDto>, ValidationProblem, ProblemHttpResult>> AcknowledgeAsync(
        [Description("Nummer van de signalering.")] long id, AcknowledgeBody body, ProviderWarningService warnings, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = body.Version is not { } version
            ? ChangeResult.Invalid("version", "Geef de versie mee die u las.")
            : await warnings.AcknowledgeAsync(id, body.Note, version, user.AuditName(), ct);
        return await result.AnswerAsync(async () => TypedResults.Ok(ToDto((await warnings.ListAsync(null, true, ct)).Single(w => w.Id == id))));
    }

    private static async Task<FileContentHttpResult> ExportAsync(
        [Description("AGB-code: alleen de signaleringen van deze aanbieder.")] string? agb,
        [Description("Waar: alleen de open signaleringen.")] bool? open,
        ProviderWarningExcelExport export, AuditLog audit, ClaimsPrincipal user, CancellationToken ct)
    {
        var workbook = await export.CreateAsync(agb, open == true, ct);
        var subject = "Signaleringen budgetplafonds (Excel)" + (string.IsNullOrWhiteSpace(agb) ? "" : $", aanbieder {agb.Trim()}") + (open == true ? ", alleen open" : "");
        await audit.RecordAsync(user.AuditName(), AuditAction.Export, subject, ProviderWarningExcelExport.FileName, ct);
        return TypedResults.File(workbook, ProviderWarningExcelExport.ContentType, ProviderWarningExcelExport.FileName);
    }

    private static async Task<Results<Ok<ProviderMasterDataDto>, ValidationProblem, ProblemHttpResult>> UpdateProviderAsync(
        [Description("AGB-code (8 cijfers).")] string agb, ProviderMasterDataBody body, ProviderEditService providers, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = body.Version is not { } version
            ? ChangeResult.Invalid("version", "Geef de versie mee die u las.")
            : await providers.UpdateProviderAsync(agb, body.Name, body.Type, body.FundingModel, body.ContractStart, body.ContractEnd, version, user.AuditName(), ct);
        return await result.AnswerAsync(async () => TypedResults.Ok(ToDto((await providers.FindAsync(agb, ct))!)));
    }

    private static async Task<Results<Ok<List<CeilingDto>>, ProblemHttpResult>> ListCeilingsAsync(
        [Description("AGB-code (8 cijfers).")] string agb, ProviderEditService providers, CeilingService ceilings, CancellationToken ct) =>
        await providers.FindAsync(agb, ct) is null
            ? ApiProblems.NotFound($"Er is geen aanbieder met AGB-code '{agb}'.")
            : TypedResults.Ok(await CeilingsAsync(agb, providers, ceilings, ct));

    private static async Task<Results<Created<CeilingDto>, ValidationProblem, ProblemHttpResult>> AddCeilingAsync(
        [Description("AGB-code (8 cijfers).")] string agb, CeilingBody body, ProviderEditService providers, CeilingService ceilings, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var (result, id) = await providers.AddCeilingAsync(agb, ToDraft(body), user.AuditName(), ct);
        return await result.AnswerAsync(async () => TypedResults.Created(
            $"{ApiEndpoints.Prefix}/providers/{agb}/ceilings/{id}", (await CeilingsAsync(agb, providers, ceilings, ct)).Single(c => c.Id == id)));
    }

    private static async Task<Results<Ok<CeilingDto>, ValidationProblem, ProblemHttpResult>> UpdateCeilingAsync(
        [Description("AGB-code (8 cijfers).")] string agb, [Description("Nummer van het plafond.")] int id, CeilingBody body,
        ProviderEditService providers, CeilingService ceilings, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = body.Version is not { } version
            ? ChangeResult.Invalid("version", "Geef de versie mee die u las.")
            : await providers.UpdateCeilingAsync(agb, id, ToDraft(body), version, user.AuditName(), ct);
        return await result.AnswerAsync(async () => TypedResults.Ok((await CeilingsAsync(agb, providers, ceilings, ct)).Single(c => c.Id == id)));
    }

    private static async Task<Results<Ok<List<CeilingDto>>, ValidationProblem, ProblemHttpResult>> DeleteCeilingAsync(
        [Description("AGB-code (8 cijfers).")] string agb, [Description("Nummer van het plafond.")] int id,
        [Description("De versie die u las (verplicht).")] int? version,
        ProviderEditService providers, CeilingService ceilings, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = version is not { } read
            ? ChangeResult.Invalid("version", "Geef de versie mee die u las.")
            : await providers.DeleteCeilingAsync(agb, id, read, user.AuditName(), ct);
        return await result.AnswerAsync(async () => TypedResults.Ok(await CeilingsAsync(agb, providers, ceilings, ct)));
    }

    private static async Task<List<CeilingDto>> CeilingsAsync(string agb, ProviderEditService providers, CeilingService ceilings, CancellationToken ct)
    {
        var statuses = (await ceilings.ForProviderAsync(agb, ct)).ToDictionary(s => s.CeilingId);
        var result = new List<CeilingDto>();
        foreach (var c in await providers.CeilingsAsync(agb, ct))
        {
            if (statuses.TryGetValue(c.Id, out var s))
            {
                result.Add(new CeilingDto(c.Id, c.Year, c.Law?.ToString(), c.ProductCode, c.Amount, s.Spent, decimal.Round(s.Used, 4), s.AsOf, s.Projection,
                    s.ProjectedDate, c.Version));
            }
        }

        return result;
    }

    private static CeilingDraft ToDraft(CeilingBody body) => new(body.Year, body.Law, body.ProductCode, body.Amount);

    /// <summary>"drempel" or "overschrijding", the level's code in the API.</summary>
    public static string Code(WarningLevel level) => level == WarningLevel.ThresholdReached ? "drempel" : "overschrijding";

    private static ProviderWarningDto ToDto(ProviderWarningRow w) => new(
        w.Id, w.ProviderAgb, w.ProviderName, w.CeilingId, w.Year, w.Law?.ToString(), w.ProductCode, w.Ceiling, Code(w.Level),
        ProviderWarningService.LevelName(w.Level, w.ThresholdPercent), w.ThresholdPercent, w.RaisedAt, w.Spent, decimal.Round(w.Used, 4), w.Projection,
        w.ProjectedDate, w.IsOpen ? "open" : "afgehandeld", w.AcknowledgedAt, w.AcknowledgedBy, w.AcknowledgementNote, w.Version);

    private static ProviderMasterDataDto ToDto(ProviderMasterData p) => new(
        p.Agb, p.Name, p.Type is { } t ? ProviderEditService.TypeNames[t] : null, p.FundingModel is { } f ? ProviderEditService.FundingNames[f] : null,
        p.ContractStart, p.ContractEnd, p.Version);
}
