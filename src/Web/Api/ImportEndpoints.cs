using Microsoft.AspNetCore.Mvc;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Imports;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Imports;
using SociaalDomein.Web.Auth;

namespace SociaalDomein.Web.Api;

/// <summary>Imports for scripts: upload a file (202 + id), follow its status, download its rejected rows. An upload and a
/// download of rejected rows are in the audit log (the upload by <see cref="ImportService.StartAsync"/>, with the run).</summary>
public static class ImportEndpoints
{
    public sealed record ImportErrorDto(int Row, string Column, string Message);

    public sealed record ImportStatusDto(
        long Id, string FileName, string Status, int RowsDone, int? RowsTotal, int RowsRead, int RowsImported, int RowsRejected,
        int Duplicates, int Revoked, int Inserted, int Updated, IReadOnlyList<string> UnknownColumns, string? Message,
        IReadOnlyList<ImportErrorDto> Errors);

    public static RouteGroupBuilder MapImports(this RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/imports").RequireAuthorization(AuthenticationSetup.Policies.Importeren);

        // Only with an API key: a cookie-authenticated form post from another site must not start an import (CSRF);
        // people upload on the Imports page.
        imports.MapPost("/toewijzingen", async Task<IResult> (IFormFile? file, [FromForm] bool? onlyValidRows, ImportService service,
                HttpContext http, CancellationToken ct) =>
            {
                if (file is null || file.Length == 0)
                {
                    return TypedResults.Problem("Stuur het bestand mee in het formulierveld 'file'.", statusCode: StatusCodes.Status400BadRequest);
                }

                await using var stream = file.OpenReadStream();
                var id = await service.StartAsync(stream, file.FileName, ImportKind.Toewijzingen, onlyValidRows ?? false,
                    http.User.AuditName(), ct);
                return TypedResults.Accepted($"/api/imports/{id}", new { id });
            })
            .DisableAntiforgery()
            .RequireAuthorization(p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser()) // roles: the group's policy
            .WithMetadata(new RequestSizeLimitAttribute(ImportService.MaxUploadBytes))
            .WithFormOptions(multipartBodyLengthLimit: ImportService.MaxUploadBytes);

        imports.MapGet("/{id:long}", async Task<IResult> (long id, ImportService service, CancellationToken ct) =>
            await service.GetAsync(id, ct) is { } run
                ? TypedResults.Ok(ToDto(run, await service.ErrorsAsync(id, 1000, ct)))
                : TypedResults.Problem($"Import {id} bestaat niet.", statusCode: StatusCodes.Status404NotFound));

        imports.MapGet("/{id:long}/afgekeurde-rijen.csv", async Task<IResult> (long id, ImportService service, AuditLog audit, HttpContext http,
                CancellationToken ct) =>
            {
                if (await service.GetAsync(id, ct) is not { } run)
                {
                    return TypedResults.Problem($"Import {id} bestaat niet.", statusCode: StatusCodes.Status404NotFound);
                }

                var csv = await service.RejectedRowsCsvAsync(id, ct);
                var fileName = $"afgekeurde-rijen-{Path.GetFileNameWithoutExtension(run.FileName)}.csv";
                await audit.RecordAsync(http.User.AuditName(), AuditAction.Export, $"Afgekeurde rijen van import {id} ({run.FileName})",
                    $"{fileName}, {(run.RowsRejected == 1 ? "1 rij" : $"{run.RowsRejected} rijen")}", ct);
                return TypedResults.File(csv, "text/csv; charset=utf-8", fileName);
            });

        imports.MapGet("/{id:long}/origineel", async Task<IResult> (long id, ImportService service, HttpContext http, CancellationToken ct) =>
                await service.OriginalAsync(id, http.User.AuditName(), ct) is { } original
                    ? TypedResults.Stream(original.Content, "application/octet-stream", original.FileName)
                    : TypedResults.Problem($"Van import {id} is geen bestand (meer) bewaard.", statusCode: StatusCodes.Status404NotFound))
            .RequireAuthorization(AuthenticationSetup.Policies.Beheerder);

        imports.MapGet("/", async (ImportService service, CancellationToken ct) =>
            (await service.HistoryAsync(100, ct)).Select(r => ToDto(r, [])));

        return api;
    }

    private static ImportStatusDto ToDto(ImportSummary r, IReadOnlyList<RowError> errors) => new(
        r.Id, r.FileName, r.Status.ToString(), r.RowsDone, r.RowsTotal, r.RowsRead, r.RowsImported, r.RowsRejected, r.Duplicates,
        r.Revoked, r.Inserted, r.Updated, r.UnknownColumns, r.Message, errors.Select(e => new ImportErrorDto(e.Row, e.Column, e.Message)).ToList());
}
