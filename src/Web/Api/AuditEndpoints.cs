using Microsoft.AspNetCore.Http.HttpResults;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Web.Auth;
using SociaalDomein.Web.Formatting;

namespace SociaalDomein.Web.Api;

/// <summary>/api/audit (Beheerder): the audit log, newest first, a page at a time.</summary>
public static class AuditEndpoints
{
    public const int DefaultPageSize = 50;

    [Description("Eén regel van het auditlog.")]
    public sealed record AuditEntryDto(
        [property: Description("Volgnummer van de regel.")] long Id,
        [property: Description("Tijdstip (met tijdzone).")] DateTimeOffset OccurredAt,
        [property: Description("Gebruikersnaam of naam van de API-sleutel.")] string User,
        [property: Description("Codenaam van de handeling, zoals te gebruiken in het filter action (bijvoorbeeld Export).")] string Action,
        [property: Description("Nederlandse naam van de handeling, zoals de applicatie hem toont.")] string ActionName,
        [property: Description("Waarop de handeling betrekking had.")] string Subject,
        [property: Description("Nadere gegevens, zoals een bestandsnaam.")] string? Details);

    [Description("Eén pagina van het auditlog.")]
    public sealed record AuditPageDto(
        [property: Description("Paginanummer, vanaf 1.")] int Page,
        [property: Description("Regels per pagina.")] int PageSize,
        [property: Description("Aantal regels dat aan de filters voldoet, over alle pagina's.")] int Total,
        [property: Description("De regels van deze pagina, nieuwste eerst.")] IReadOnlyList<AuditEntryDto> Entries);

    /// <summary>The filters of the audit log. <see cref="From"/> and <see cref="Until"/> are whole days in Dutch time,
    /// both included; strings, so that a wrong one gets a Dutch 400.</summary>
    public sealed record AuditFilter(
        [property: FromQuery(Name = "page"), Description("Paginanummer, vanaf 1. Standaard 1.")] int? Page,
        [property: FromQuery(Name = "pageSize"), Description("Regels per pagina, 1 tot en met 200. Standaard 50.")] int? PageSize,
        [property: FromQuery(Name = "user"), Description("Deel van de gebruikersnaam (hoofdletters maken niet uit).")] string? User,
        [property: FromQuery(Name = "action"), Description("Alleen deze handeling: de codenaam (Export) of de Nederlandse naam (Import gestart).")] string? Action,
        [property: FromQuery(Name = "from"), Description("Vanaf deze dag (JJJJ-MM-DD, Nederlandse tijd), die dag meegerekend.")] string? From,
        [property: FromQuery(Name = "until"), Description("Tot en met deze dag (JJJJ-MM-DD, Nederlandse tijd).")] string? Until)
    {
        /// <summary>The query these filters ask for, or the Dutch 400 that says which one is wrong.</summary>
        internal bool TryGetQuery([NotNullWhen(true)] out AuditQuery? query, [NotNullWhen(false)] out ValidationProblem? problem)
        {
            query = null;
            if (Page is < 1 || PageSize is < 1 or > AuditLog.MaxPageSize)
            {
                problem = ApiProblems.Invalid(Page is < 1 ? "page" : "pageSize", "Ongeldige pagina",
                    $"page telt vanaf 1 en pageSize ligt tussen 1 en {AuditLog.MaxPageSize}.");
                return false;
            }

            var action = AuditActions.Parse(Action);
            if (!string.IsNullOrWhiteSpace(Action) && action is null)
            {
                problem = ApiProblems.Invalid("action", "Onbekende handeling",
                    $"Onbekende handeling: {Action}. Kies uit {string.Join(", ", Enum.GetNames<AuditAction>())}.");
                return false;
            }

            if (!TryDay(From, out var from) || !TryDay(Until, out var until))
            {
                problem = ApiProblems.Invalid(TryDay(From, out _) ? "until" : "from", "Ongeldige periode",
                    "Geef from en until op als JJJJ-MM-DD, bijvoorbeeld from=2026-11-01.");
                return false;
            }

            query = new AuditQuery(User, action,
                from is { } f ? Dutch.StartOfDay(f) : null,
                until is { } u ? Dutch.StartOfDay(u.AddDays(1)) : null,
                Page ?? 1, PageSize ?? DefaultPageSize);
            problem = null;
            return true;
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
    }

    public static RouteGroupBuilder MapAudit(this IEndpointRouteBuilder api)
    {
        var audit = api.MapGroup("/audit")
            .WithTags(ApiTags.Auditlog)
            .RequireAuthorization(AuthenticationSetup.Policies.Beheerder);

        audit.MapGet("", GetAsync)
            .WithName("GetAuditLog")
            .WithSummary("Auditlog")
            .WithDescription("Het auditlog, nieuwste eerst, een pagina tegelijk: tijdstip, gebruiker, handeling, onderwerp en details. " +
                "Te filteren op gebruiker, handeling en periode (hele dagen in Nederlandse tijd).");

        return audit;
    }

    private static async Task<Results<Ok<AuditPageDto>, ValidationProblem>> GetAsync(
        [AsParameters] AuditFilter filter, AuditLog audit, CancellationToken ct)
    {
        if (!filter.TryGetQuery(out var query, out var problem))
        {
            return problem;
        }

        return TypedResults.Ok(ToDto(await audit.ListAsync(query, ct)));
    }

    /// <summary>A page of the audit log as the API answers it (also the history of a measure or a budget mutation).</summary>
    internal static AuditPageDto ToDto(AuditPage page) => new(page.Page, page.PageSize, page.TotalCount,
        page.Entries.Select(e => new AuditEntryDto(e.Id, e.OccurredAt, e.UserName, e.Action.ToString(), e.Action.DutchName(), e.Subject, e.Details)).ToList());
}
