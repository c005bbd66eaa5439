using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Infrastructure.Editing;
using SociaalDomein.Infrastructure.Forecasts;
using SociaalDomein.Web.Auth;

namespace SociaalDomein.Web.Api;

/// <summary>/api/forecast/claim-groups: which claims (law and product categories) belong to which budget line, the link
/// the lag-adjusted and commitment-based forecasts use (docs/domain.md §7). Read by every role, like the forecast; changed by
/// Controller and Beheerder (<see cref="ClaimGroupService"/>: the version read, a category of another line refused, audited).</summary>
public static class ClaimGroupEndpoints
{
    [Description("Een begrotingspost met de declaraties die erbij horen.")]
    public sealed record ClaimGroupDto(
        [property: Description("Code van de post, zoals JGD-03.")] string Code,
        [property: Description("Naam van de post.")] string Name,
        [property: Description("Domein: Beschermd wonen, Wmo, Jeugd, Participatie, Bijstand of Armoede.")] string Domain,
        [property: Description("Wet van de gekoppelde declaraties: Wmo, Jeugdwet of Participatiewet; null als de post niet gekoppeld is.")] string? Law,
        [property: Description("Productcategorieën van de gekoppelde declaraties (twee cijfers, zoals 45); leeg als de post niet gekoppeld is: " +
            "dan is alleen de lineaire prognose te berekenen.")] IReadOnlyList<string> ProductCategories,
        [property: Description("Versie; geef die mee bij wijzigen. Null zolang de post nooit gekoppeld is geweest (geef dan geen versie mee).")] int? Version);

    [Description("Welke declaraties bij een post horen.")]
    public sealed record ClaimGroupBody(
        [property: Description("Wet: Wmo, Jeugdwet of Participatiewet; verplicht bij productcategorieën, mag leeg zijn bij een lege lijst.")] string? Law,
        [property: Description("Productcategorieën, twee cijfers elk, zoals [\"45\"] of [\"40\", \"43\"]; een lege lijst ontkoppelt de post. " +
            "Een categorie die al bij een andere post hoort, wordt geweigerd: een declaratie telt maar bij één post.")] IReadOnlyList<string?>? ProductCategories,
        [property: Description("De versie die u las; leeg (null) als de post nog nooit gekoppeld was.")] int? Version);

    public static RouteGroupBuilder MapClaimGroups(this IEndpointRouteBuilder api)
    {
        var groups = api.MapGroup("/forecast/claim-groups")
            .WithTags(ApiTags.Prognose)
            .RequireAuthorization(AuthenticationSetup.Policies.Aanbieders);

        groups.MapGet("", ListAsync)
            .WithName("GetClaimGroups")
            .WithSummary("Koppeling van begrotingsposten aan declaraties")
            .WithDescription("Per begrotingspost (per domein, in de volgorde van Bijlage 1) de wet en productcategorieën van de declaraties die " +
                "erbij horen, met de versie. Een post zonder categorieën is niet gekoppeld: daar rekent alleen de lineaire prognose.");

        groups.MapPut("/{code}", SetAsync)
            .RequireAuthorization(AuthenticationSetup.Policies.Financieel)
            .WithName("SetClaimGroup")
            .WithSummary("Koppeling van een post aan declaraties wijzigen")
            .WithDescription("Zet de wet en productcategorieën van een post, met de versie die u las (leeg bij een post die nooit gekoppeld was); " +
                "een lege lijst ontkoppelt de post. Fouten (een categorie die geen twee cijfers is, een onbekende wet, een categorie die al bij " +
                "een andere post hoort) geven 400 met de melding onder het veld; is de koppeling intussen gewijzigd, dan 409 en wordt er niets " +
                "opgeslagen. Komt in het auditlog (voor → na). Voor Controller en Beheerder.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return groups;
    }

    private static async Task<Ok<List<ClaimGroupDto>>> ListAsync(ClaimGroupService groups, CancellationToken ct) =>
        TypedResults.Ok((await groups.ListAsync(ct)).Select(ToDto).ToList());

    private static async Task<Results<Ok<ClaimGroupDto>, ValidationProblem, ProblemHttpResult>> SetAsync(
        [Description("Code van de post, zoals JGD-03.")] string code, ClaimGroupBody body, ClaimGroupService groups, ClaimsPrincipal user,
        CancellationToken ct)
    {
        // An unknown line is the service's 404, whatever the body; a body without a list or, for a line that has a link,
        // without the version it read is told here, so that a script that forgot a field is not answered "intussen gewijzigd".
        var current = await FindAsync(groups, code, ct);
        ChangeResult result;
        if (current is not null && body.ProductCategories is null)
        {
            result = ChangeResult.Invalid("productCategories", "Geef de productcategorieën als lijst, zoals [\"45\"]; een lege lijst ontkoppelt de post.");
        }
        else if (current is { Version: not null } && body.Version is null)
        {
            result = ChangeResult.Invalid("version",
                $"Post {current.Code} is al eens gekoppeld; geef de versie mee die u las (GET {ApiEndpoints.Prefix}/forecast/claim-groups).");
        }
        else
        {
            result = await groups.SetAsync(code, body.Law, body.ProductCategories, body.Version, user.AuditName(), ct);
        }

        return await result.AnswerAsync(async () => TypedResults.Ok(ToDto((await FindAsync(groups, code, ct))!)));
    }

    private static async Task<ClaimGroupSummary?> FindAsync(ClaimGroupService groups, string code, CancellationToken ct) =>
        (await groups.ListAsync(ct)).FirstOrDefault(g => string.Equals(g.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));

    private static ClaimGroupDto ToDto(ClaimGroupSummary g) =>
        new(g.Code, g.Name, g.Domain.DutchName(), g.Law?.ToString(), g.ProductCategories, g.Version);
}
