using System.Globalization;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Web.Auth;
using SociaalDomein.Web.Formatting;

namespace SociaalDomein.Web.Api;

/// <summary>GET /api/audit (Beheerder): the audit log, newest first, a page at a time.</summary>
public static class AuditEndpoints
{
    public const int DefaultPageSize = 50;

    /// <summary><see cref="Action"/> is the code name to filter on (<c>?action=Export</c>), <see cref="ActionName"/> the
    /// Dutch name the app shows.</summary>
    public sealed record AuditEntryDto(long Id, DateTimeOffset OccurredAt, string User, string Action, string ActionName, string Subject, string? Details);

    public sealed record AuditPageDto(int Page, int PageSize, int Total, IReadOnlyList<AuditEntryDto> Entries);

    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        // ?page=1&pageSize=50[&user=part of a name][&action=Export or "Import gestart"][&from=YYYY-MM-DD][&until=YYYY-MM-DD]
        // from and until are whole days in Dutch time, both included.
        api.MapGet("/audit", async Task<IResult> (int? page, int? pageSize, string? user, string? action, string? from, string? until,
                AuditLog audit, CancellationToken ct) =>
            {
                if (page is < 1 || pageSize is < 1 or > AuditLog.MaxPageSize)
                {
                    return Problem($"page telt vanaf 1 en pageSize ligt tussen 1 en {AuditLog.MaxPageSize}.", "Ongeldige pagina");
                }

                var actionFilter = AuditActions.Parse(action);
                if (!string.IsNullOrWhiteSpace(action) && actionFilter is null)
                {
                    return Problem($"Onbekende handeling: {action}. Kies uit {string.Join(", ", Enum.GetNames<AuditAction>())}.", "Onbekende handeling");
                }

                if (!TryDay(from, out var fromDay) || !TryDay(until, out var untilDay))
                {
                    return Problem("Geef from en until op als JJJJ-MM-DD, bijvoorbeeld from=2026-11-01.", "Ongeldige periode");
                }

                var result = await audit.ListAsync(new AuditQuery(
                    user, actionFilter,
                    fromDay is { } f ? Dutch.StartOfDay(f) : null,
                    untilDay is { } u ? Dutch.StartOfDay(u.AddDays(1)) : null,
                    page ?? 1, pageSize ?? DefaultPageSize), ct);
                return TypedResults.Ok(new AuditPageDto(result.Page, result.PageSize, result.TotalCount,
                    result.Entries.Select(e => new AuditEntryDto(e.Id, e.OccurredAt, e.UserName, e.Action.ToString(), e.Action.DutchName(), e.Subject, e.Details))
                        .ToList()));
            })
            .RequireAuthorization(AuthenticationSetup.Policies.Beheerder);
        return api;
    }

    private static bool TryDay(string? text, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        day = parsed;
        return true;
    }

    private static IResult Problem(string detail, string title) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: title);
}
