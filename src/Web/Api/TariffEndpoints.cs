using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SociaalDomein.Infrastructure.Editing;
using SociaalDomein.Infrastructure.Providers;
using SociaalDomein.Web.Auth;

namespace SociaalDomein.Web.Api;

/// <summary>/api/tariffs: the price list (docs/domain.md §4) — read by the Aanbieders roles, kept by Contractmanager and
/// Beheerder through <see cref="TariffService"/> (checks, overlap, version, audit, recompute).</summary>
public static class TariffEndpoints
{
    /// <summary>Largest price-list upload: a few thousand rows fit easily.</summary>
    public const long MaxUploadBytes = 10 * 1024 * 1024;

    [Description("Een tarief uit de prijslijst.")]
    public sealed record TariffDto(
        [property: Description("Nummer.")] int Id,
        [property: Description("Productcode, zoals 02A07.")] string ProductCode,
        [property: Description("AGB-code van de aanbieder; null: voor alle aanbieders.")] string? ProviderAgb,
        [property: Description("Eerste dag waarop het tarief geldt.")] DateOnly ValidFrom,
        [property: Description("Laatste dag waarop het tarief geldt; null: tot nader bericht.")] DateOnly? ValidTo,
        [property: Description("Tarief per eenheid in euro's (hoogstens vier decimalen).")] decimal Amount,
        [property: Description("Eenheid waarvoor het tarief geldt (uur, dagdeel, …), ter informatie.")] string? Unit,
        [property: Description("Waar: geldt vandaag of later; onwaar: geschiedenis.")] bool Current,
        [property: Description("Versie; geef die mee bij wijzigen.")] int Version);

    [Description("Een nieuw of gewijzigd tarief.")]
    public sealed record TariffBody(
        [property: Description("Productcode (alleen bij toevoegen).")] string? ProductCode,
        [property: Description("AGB-code van 8 cijfers, of leeg voor alle aanbieders (alleen bij toevoegen).")] string? ProviderAgb,
        [property: Description("Ingangsdatum.")] DateOnly? ValidFrom,
        [property: Description("Einddatum (laatste dag), of leeg: tot nader bericht. Zo beëindigt u een tarief; verwijderen kan niet.")] DateOnly? ValidTo,
        [property: Description("Tarief per eenheid in euro's.")] decimal? Amount,
        [property: Description("Eenheid (optioneel).")] string? Unit,
        [property: Description("Alleen bij wijzigen (PUT), en dan verplicht: de versie die u las.")] int? Version);

    [Description("Een fout in een rij van de prijslijst.")]
    public sealed record RowErrorDto(
        [property: Description("Rijnummer in het bestand (de kopregel is rij 1).")] int Row,
        [property: Description("Kolom zoals het bestand haar noemt.")] string Column,
        [property: Description("Reden.")] string Message);

    [Description("Het verslag van het inlezen van een prijslijst.")]
    public sealed record TariffImportDto(
        [property: Description("Aantal toegevoegde tarieven.")] int Added,
        [property: Description("Aantal bestaande tarieven zonder einddatum dat is beëindigd op de dag vóór een nieuw tarief.")] int Ended,
        [property: Description("Aantal rijen dat al zo in de prijslijst stond.")] int Unchanged);

    public sealed record TariffUpload(
        [property: FromForm(Name = "file"), Description("De prijslijst: CSV of Excel (.xlsx) met de kolommen productcode, aanbieder_agb (optioneel), " +
            "ingangsdatum, einddatum (optioneel), tarief en eenheid (optioneel).")] IFormFile? File);

    public static RouteGroupBuilder MapTariffs(this IEndpointRouteBuilder api)
    {
        var tariffs = api.MapGroup("/tariffs")
            .WithTags(ApiTags.Tarieven)
            .RequireAuthorization(AuthenticationSetup.Policies.Aanbieders);

        tariffs.MapGet("", ListAsync)
            .WithName("GetTariffs")
            .WithSummary("Prijslijst")
            .WithDescription("Alle tarieven, huidige en vroegere, per productcode, aanbieder (eerst 'alle aanbieders') en ingangsdatum. " +
                "current=true geeft alleen de tarieven die vandaag of later gelden.");
        tariffs.MapPost("", AddAsync)
            .RequireAuthorization(AuthenticationSetup.Policies.Contractbeheer)
            .WithName("AddTariff")
            .WithSummary("Tarief toevoegen")
            .WithDescription("Voegt een tarief toe. Een tarief zonder einddatum van dezelfde productcode en aanbieder dat eerder begon, eindigt " +
                "op de dag ervoor; elke andere overlap geeft 400. Fouten staan onder hun veld. Komt in het auditlog; de stapeling wordt herberekend.");
        tariffs.MapPut("/{id:int}", UpdateAsync)
            .RequireAuthorization(AuthenticationSetup.Policies.Contractbeheer)
            .WithName("UpdateTariff")
            .WithSummary("Tarief wijzigen of beëindigen")
            .WithDescription("Wijzigt periode, tarief en eenheid met de versie die u las (productcode en aanbieder blijven); intussen gewijzigd " +
                "geeft 409. Een einddatum beëindigt het tarief; verwijderen kan niet, de geschiedenis blijft.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        tariffs.MapPost("/import", ImportAsync)
            .RequireAuthorization(AuthenticationSetup.Policies.Contractbeheer)
            .RequireAuthorization(AuthenticationSetup.Policies.ApiSleutel)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes))
            .WithFormOptions(multipartBodyLengthLimit: MaxUploadBytes)
            .WithName("ImportTariffs")
            .WithSummary("Prijslijst inlezen")
            .WithDescription("Stuur een CSV- of Excel-bestand als multipart/form-data in het veld file. Alles of niets: bij één foute of " +
                "overlappende rij wordt niets opgeslagen en is het antwoord 400 met rij, kolom en reden per fout. Alleen met een API-sleutel.");
        return tariffs;
    }

    private static async Task<Ok<List<TariffDto>>> ListAsync(
        [Description("true: alleen tarieven die vandaag of later gelden.")] bool? current, TariffService service, CancellationToken ct) =>
        TypedResults.Ok((await service.ListAsync(ct)).Where(t => current != true || t.IsCurrent).Select(ToDto).ToList());

    private static async Task<Results<Created<TariffDto>, ValidationProblem, ProblemHttpResult>> AddAsync(
        TariffBody body, TariffService service, ClaimsPrincipal user, CancellationToken ct)
    {
        var (result, id) = await service.AddAsync(ToInput(body), user.AuditName(), ct);
        return await result.AnswerAsync(async () =>
            TypedResults.Created($"{ApiEndpoints.Prefix}/tariffs/{id}", ToDto((await service.FindAsync(id!.Value, ct))!)));
    }

    private static async Task<Results<Ok<TariffDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        [Description("Nummer van het tarief.")] int id, TariffBody body, TariffService service, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = body.Version is not { } version
            ? ChangeResult.Invalid("version", "Geef de versie mee die u las.")
            : await service.UpdateAsync(id, ToInput(body), version, user.AuditName(), ct);
        return await result.AnswerAsync(async () => TypedResults.Ok(ToDto((await service.FindAsync(id, ct))!)));
    }

    private static async Task<Results<Ok<TariffImportDto>, ValidationProblem>> ImportAsync(
        [FromForm] TariffUpload upload, TariffService service, ClaimsPrincipal user, CancellationToken ct)
    {
        if (upload.File is not { Length: > 0 } file)
        {
            return ApiProblems.Invalid("file", "Geen bestand", "Stuur de prijslijst mee in het veld file.");
        }

        await using var stream = file.OpenReadStream();
        var result = await service.ImportAsync(stream, file.FileName, user.AuditName(), ct);
        if (result.Succeeded)
        {
            return TypedResults.Ok(new TariffImportDto(result.Added, result.Ended, result.Unchanged));
        }

        var errors = result.Errors.Count == 0
            ? new Dictionary<string, string[]> { ["file"] = [result.Problem!] }
            : result.Errors.GroupBy(e => $"rij {e.Row}").ToDictionary(g => g.Key, g => g.Select(e => $"{e.Column}: {e.Message}").ToArray());
        return TypedResults.ValidationProblem(errors, detail: result.Problem, title: "Prijslijst niet ingelezen");
    }

    private static TariffInput ToInput(TariffBody body) => new(body.ProductCode, body.ProviderAgb, body.ValidFrom, body.ValidTo, body.Amount, body.Unit);

    private static TariffDto ToDto(TariffRow t) => new(t.Id, t.ProductCode, t.ProviderAgb, t.ValidFrom, t.ValidTo, t.Amount, t.Unit, t.IsCurrent, t.Version);
}
