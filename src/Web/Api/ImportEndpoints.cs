using Microsoft.AspNetCore.Http.HttpResults;
using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Imports;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Imports;
using SociaalDomein.Web.Auth;

namespace SociaalDomein.Web.Api;

/// <summary>/api/imports: upload a file (202 + id; toewijzingen: Beheerder, Contractmanager; realisatie: Controller,
/// Beheerder; declaraties: Contractmanager, Controller, Beheerder), follow its status, download its rejected rows (masked, docs/domain.md §10; all three roles); the Beheerder
/// alone downloads a kept original. Uploads and downloads are in the audit log (the upload by <see cref="ImportService.StartAsync"/>,
/// with the run).</summary>
public static class ImportEndpoints
{
    private const int MaxErrorsShown = 1000;
    private const int HistoryLength = 100;

    [Description("Een afgekeurde rij: waar en waarom.")]
    public sealed record ImportErrorDto(
        [property: Description("Regelnummer in het bestand (de kopregel is regel 1).")] int Row,
        [property: Description("Kolom met de fout.")] string Column,
        [property: Description("Reden van afkeuring.")] string Message);

    [Description("Status en verslag van een import.")]
    public sealed record ImportStatusDto(
        [property: Description("Nummer van de import.")] long Id,
        [property: Description("Naam van het ingelezen bestand.")] string FileName,
        [property: Description("Queued (in de wachtrij), Running (bezig), Succeeded (gelukt), Failed (mislukt, niets ingelezen) of " +
            "Rejected (afgekeurde rijen en niet gekozen voor alleen de goede rijen: niets ingelezen).")] string Status,
        [property: Description("Rijen tot nu toe verwerkt.")] int RowsDone,
        [property: Description("Aantal rijen in het bestand, zodra bekend.")] int? RowsTotal,
        [property: Description("Rijen gelezen.")] int RowsRead,
        [property: Description("Rijen ingelezen.")] int RowsImported,
        [property: Description("Rijen afgekeurd.")] int RowsRejected,
        [property: Description("Dubbele toewijzingen (bij realisatie altijd 0: boekingen op dezelfde post en maand worden opgeteld).")] int Duplicates,
        [property: Description("Ingetrokken toewijzingen.")] int Revoked,
        [property: Description("Nieuwe toewijzingen; bij realisatie: maandbedragen van een post en maand die er nog niet waren.")] int Inserted,
        [property: Description("Bijgewerkte toewijzingen; bij realisatie: vervangen maandbedragen.")] int Updated,
        [property: Description("Kolommen in het bestand die niet worden gebruikt.")] IReadOnlyList<string> UnknownColumns,
        [property: Description("Soort gegevens: Toewijzingen, Declaraties of Realisatie.")] string Kind,
        [property: Description("Toelichting bij een mislukte of afgekeurde import; bij een gelukte realisatie-import welke maanden zijn vervangen.")] string? Message,
        [property: Description("Het oorspronkelijke bestand wordt nog (versleuteld) bewaard en kan door de beheerder worden gedownload.")] bool FileKept,
        [property: Description("De afgekeurde rijen (hoogstens 1000; leeg in de lijst van imports).")] IReadOnlyList<ImportErrorDto> Errors);

    [Description("De import is aangenomen en staat in de wachtrij.")]
    public sealed record ImportStartedDto([property: Description("Nummer van de import; volg hem met GET /api/imports/{id}.")] long Id);

    /// <summary>The multipart form of an upload, bound field by field (the framework's complex form binding cannot bind a
    /// record with a file).</summary>
    public sealed record ToewijzingenUpload(
        [property: FromForm(Name = "file"), Description("Het bronbestand met toewijzingen: CSV, Excel (.xlsx) of een iWmo/iJw 301-bericht.")] IFormFile? File,
        [property: FromForm(Name = "onlyValidRows"), Description("true: lees de goede rijen in, ook als er rijen zijn afgekeurd. " +
            "Standaard false: bij een afgekeurde rij wordt niets ingelezen.")] bool? OnlyValidRows);

    /// <summary>The multipart form of a realisatie upload.</summary>
    public sealed record RealisatieUpload(
        [property: FromForm(Name = "file"), Description("Het bestand met de realisatie uit het grootboek: CSV of Excel (.xlsx) met de kolommen " +
            "jaar, maand, budgetpost en bedrag.")] IFormFile? File,
        [property: FromForm(Name = "onlyValidRows"), Description("true: lees de goede rijen in, ook als er rijen zijn afgekeurd. " +
            "Standaard false: bij een afgekeurde rij wordt niets ingelezen.")] bool? OnlyValidRows);

    /// <summary>The multipart form of a declaraties upload.</summary>
    public sealed record DeclaratiesUpload(
        [property: FromForm(Name = "file"), Description("Het bestand met declaraties van aanbieders: CSV, Excel (.xlsx) of een iWmo/iJw " +
            "323-declaratiebericht (WMO323 of JW323).")] IFormFile? File,
        [property: FromForm(Name = "onlyValidRows"), Description("true: lees de goede rijen in, ook als er rijen zijn afgekeurd. " +
            "Standaard false: bij een afgekeurde rij wordt niets ingelezen.")] bool? OnlyValidRows);

    public static RouteGroupBuilder MapImports(this IEndpointRouteBuilder api)
    {
        var imports = api.MapGroup("/imports")
            .WithTags(ApiTags.Imports)
            .RequireAuthorization(AuthenticationSetup.Policies.ImportOverzicht);

        // Only with an API key: a cookie-authenticated form post from another site must not start an import (CSRF);
        // people upload on the Imports page.
        imports.MapPost("/toewijzingen", StartToewijzingenAsync)
            .RequireAuthorization(AuthenticationSetup.Policies.Importeren)
            .RequireAuthorization(AuthenticationSetup.Policies.ApiSleutel)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(ImportService.MaxUploadBytes))
            .WithFormOptions(multipartBodyLengthLimit: ImportService.MaxUploadBytes)
            .WithName("StartToewijzingenImport")
            .WithSummary("Toewijzingen inlezen")
            .WithDescription("Stuur het bronbestand als multipart/form-data in het veld file (hoogstens 1 GiB), optioneel met " +
                "onlyValidRows=true. De import loopt op de achtergrond: het antwoord is 202 met het nummer van de import en een " +
                "Location-header naar zijn status. Alleen met een API-sleutel, niet met een login. De upload komt in het auditlog.");

        // Actuals are the controller's business (docs/import-formats.md, record kind 3).
        imports.MapPost("/realisatie", StartRealisatieAsync)
            .RequireAuthorization(AuthenticationSetup.Policies.Financieel)
            .RequireAuthorization(AuthenticationSetup.Policies.ApiSleutel)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(ImportService.MaxUploadBytes))
            .WithFormOptions(multipartBodyLengthLimit: ImportService.MaxUploadBytes)
            .WithName("StartRealisatieImport")
            .WithSummary("Realisatie uit het grootboek inlezen")
            .WithDescription("Stuur een CSV- of Excel-bestand met de kolommen jaar, maand, budgetpost (code of naam) en bedrag als " +
                "multipart/form-data in het veld file (hoogstens 1 GiB), optioneel met onlyValidRows=true. De maanden (jaar en maand) " +
                "die in het bestand staan worden in hun geheel vervangen; meer boekingen op dezelfde budgetpost en maand worden " +
                "opgeteld; andere maanden blijven staan. Een afgesloten jaar wordt afgekeurd. De import loopt op de achtergrond: het " +
                "antwoord is 202 met het nummer van de import. Alleen met een API-sleutel van een controller of beheerder. " +
                "De upload komt in het auditlog.");

        // Claims: the contract manager's business, and the controller's (docs/import-formats.md, record kind 2).
        imports.MapPost("/declaraties", StartDeclaratiesAsync)
            .RequireAuthorization(AuthenticationSetup.Policies.ImportOverzicht)
            .RequireAuthorization(AuthenticationSetup.Policies.ApiSleutel)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(ImportService.MaxUploadBytes))
            .WithFormOptions(multipartBodyLengthLimit: ImportService.MaxUploadBytes)
            .WithName("StartDeclaratiesImport")
            .WithSummary("Declaraties van aanbieders inlezen")
            .WithDescription("Stuur een CSV- of Excel-bestand met declaraties, of een WMO323- of JW323-bericht, als multipart/form-data " +
                "in het veld file (hoogstens 1 GiB), optioneel met onlyValidRows=true. Een declaratie met hetzelfde declaratienummer " +
                "(bij dezelfde aanbieder) vervangt de eerder ingelezen; creditregels worden aan hun oorspronkelijke declaratie gekoppeld. " +
                "De import loopt op de achtergrond: het antwoord is 202 met het nummer van de import. Alleen met een API-sleutel van een " +
                "contractmanager, controller of beheerder. De upload komt in het auditlog.");

        imports.MapGet("/{id:long}", GetAsync)
            .WithName("GetImport")
            .WithSummary("Status en verslag van een import")
            .WithDescription($"Hoe ver de import is en, als hij klaar is, het verslag: gelezen, ingelezen, afgekeurd (rij, kolom, " +
                $"reden; hoogstens {MaxErrorsShown} rijen), dubbel en ingetrokken. 404 als de import niet bestaat.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        imports.MapGet("/{id:long}/afgekeurde-rijen.csv", RejectedRowsCsvAsync)
            .WithName("GetImportRejectedRowsCsv")
            .WithSummary("Afgekeurde rijen als CSV")
            .WithDescription("De afgekeurde rijen van een import met hun reden, als CSV-bestand. De download komt in het auditlog. " +
                "404 als de import niet bestaat.")
            .Produces(StatusCodes.Status200OK, typeof(Stream), "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound);

        imports.MapGet("", HistoryAsync)
            .WithName("GetImports")
            .WithSummary("Laatste imports")
            .WithDescription($"De laatste {HistoryLength} imports, nieuwste eerst, zonder de afgekeurde rijen.");

        imports.MapGet("/{id:long}/origineel", OriginalAsync)
            .RequireAuthorization(AuthenticationSetup.Policies.Beheerder)
            .WithName("GetImportOriginal")
            .WithSummary("Oorspronkelijk bestand van een import")
            .WithDescription("Het geüploade bestand precies zoals het binnenkwam, zolang de bewaartermijn loopt (Imports:RetentionDays, " +
                "standaard 30 dagen; het wordt versleuteld bewaard). Alleen voor de beheerder; de download komt in het auditlog. " +
                "404 als de import niet bestaat of zijn bestand al is verwijderd.")
            .Produces(StatusCodes.Status200OK, typeof(Stream), "application/octet-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return imports;
    }

    private static Task<Results<Accepted<ImportStartedDto>, ValidationProblem>> StartToewijzingenAsync(
        [AsParameters] ToewijzingenUpload upload, ImportService service, ClaimsPrincipal user, CancellationToken ct) =>
        StartAsync(upload.File, upload.OnlyValidRows, ImportKind.Toewijzingen, service, user, ct);

    private static Task<Results<Accepted<ImportStartedDto>, ValidationProblem>> StartRealisatieAsync(
        [AsParameters] RealisatieUpload upload, ImportService service, ClaimsPrincipal user, CancellationToken ct) =>
        StartAsync(upload.File, upload.OnlyValidRows, ImportKind.Realisatie, service, user, ct);

    private static Task<Results<Accepted<ImportStartedDto>, ValidationProblem>> StartDeclaratiesAsync(
        [AsParameters] DeclaratiesUpload upload, ImportService service, ClaimsPrincipal user, CancellationToken ct) =>
        StartAsync(upload.File, upload.OnlyValidRows, ImportKind.Declaraties, service, user, ct);

    private static async Task<Results<Accepted<ImportStartedDto>, ValidationProblem>> StartAsync(
        IFormFile? upload, bool? onlyValidRows, ImportKind kind, ImportService service, ClaimsPrincipal user, CancellationToken ct)
    {
        if (upload is not { Length: > 0 } file)
        {
            return ApiProblems.Invalid("file", "Geen bestand", "Stuur het bestand mee in het formulierveld 'file'.");
        }

        await using var stream = file.OpenReadStream();
        var id = await service.StartAsync(stream, file.FileName, kind, onlyValidRows ?? false, user.AuditName(), ct);
        return TypedResults.Accepted($"{ApiEndpoints.Prefix}/imports/{id}", new ImportStartedDto(id));
    }

    private static async Task<Results<Ok<ImportStatusDto>, ProblemHttpResult>> GetAsync(
        [Description("Nummer van de import.")] long id, ImportService service, CancellationToken ct) =>
        await service.GetAsync(id, ct) is { } run
            ? TypedResults.Ok(ToDto(run, await service.ErrorsAsync(id, MaxErrorsShown, ct)))
            : ApiProblems.NotFound($"Import {id} bestaat niet.");

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> RejectedRowsCsvAsync(
        [Description("Nummer van de import.")] long id, ImportService service, AuditLog audit, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await service.GetAsync(id, ct) is not { } run)
        {
            return ApiProblems.NotFound($"Import {id} bestaat niet.");
        }

        var csv = await service.RejectedRowsCsvAsync(id, ct);
        var fileName = $"afgekeurde-rijen-{Path.GetFileNameWithoutExtension(run.FileName)}.csv";
        await audit.RecordAsync(user.AuditName(), AuditAction.Export, $"Afgekeurde rijen van import {id} ({run.FileName})",
            $"{fileName}, {(run.RowsRejected == 1 ? "1 rij" : $"{run.RowsRejected} rijen")}", ct);
        return TypedResults.File(csv, "text/csv; charset=utf-8", fileName);
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> OriginalAsync(
        [Description("Nummer van de import.")] long id, ImportService service, ClaimsPrincipal user, CancellationToken ct) =>
        await service.OriginalAsync(id, user.AuditName(), ct) is { } original
            ? TypedResults.Stream(original.Content, "application/octet-stream", original.FileName)
            : ApiProblems.NotFound($"Van import {id} is geen bestand (meer) bewaard.");

    private static async Task<Ok<List<ImportStatusDto>>> HistoryAsync(ImportService service, CancellationToken ct) =>
        TypedResults.Ok((await service.HistoryAsync(HistoryLength, ct)).Select(r => ToDto(r, [])).ToList());

    private static ImportStatusDto ToDto(ImportSummary r, IReadOnlyList<RowError> errors) => new(
        r.Id, r.FileName, r.Status.ToString(), r.RowsDone, r.RowsTotal, r.RowsRead, r.RowsImported, r.RowsRejected, r.Duplicates,
        r.Revoked, r.Inserted, r.Updated, r.UnknownColumns, r.Kind.ToString(), r.Message, r.FileKept, errors.Select(e => new ImportErrorDto(e.Row, e.Column, e.Message)).ToList());
}
