using Microsoft.AspNetCore.Http.HttpResults;
using System.ComponentModel;
using System.Security.Claims;
using SociaalDomein.Domain.Forecasts;
using SociaalDomein.Infrastructure.Editing;
using SociaalDomein.Infrastructure.Forecasts;
using SociaalDomein.Web.Auth;

namespace SociaalDomein.Web.Api;

/// <summary>/api/deficit-components: the multi-year prognosis (docs/domain.md §7) as it is entered: the components per
/// year, the prudence margin and the indicative target paths (every role reads); a component's amount and note are
/// changed by Controller and Beheerder, with a reason and the version they read (<see cref="DeficitComponentService"/>).</summary>
public static class DeficitComponentEndpoints
{
    [Description("Eén tekortcomponent in één jaar.")]
    public sealed record DeficitComponentDto(
        [property: Description("Nummer van de component in dit jaar; gebruik het bij wijzigen.")] int Id,
        [property: Description("Jaar.")] int Year,
        [property: Description("Naam, zoals Wmo of Geraamde transformatieopgave.")] string Name,
        [property: Description("Soort: Structureel tekort, Transformatieopgave, Transformatieopbrengst, Begrotingswijziging of Overig.")] string Kind,
        [property: Description("Bedrag in euro's: een tekort negatief, een opbrengst positief.")] decimal Amount,
        [property: Description("Waar het bedrag vandaan komt.")] string? Note,
        [property: Description("Versie; geef die mee bij wijzigen.")] int Version);

    [Description("Een bedrag in één jaar.")]
    public sealed record PrognosisYearDto(
        [property: Description("Jaar.")] int Year,
        [property: Description("Bedrag in euro's.")] decimal Amount);

    [Description("Het met de hand ingevoerde streefpad van een indicatief scenario.")]
    public sealed record IndicativePathDto(
        [property: Description("Naam van het indicatieve scenario, zoals Herstructureren.")] string Scenario,
        [property: Description("Per jaar het tekort waar het pad op mikt (0 = evenwicht).")] IReadOnlyList<PrognosisYearDto> Years);

    [Description("De meerjarenprognose: de tekortcomponenten per jaar, hun som (het tekort zonder maatregelen), de " +
        "behoedzaamheidsmarge en de indicatieve paden. Bedragen in euro's.")]
    public sealed record PrognosisDto(
        [property: Description("De tekortcomponenten, per component de jaren.")] IReadOnlyList<DeficitComponentDto> Components,
        [property: Description("Per jaar de som van de componenten: het tekort zonder maatregelen.")] IReadOnlyList<PrognosisYearDto> Baseline,
        [property: Description("Per jaar de behoedzaamheidsmarge.")] IReadOnlyList<PrognosisYearDto> PrudenceMargins,
        [property: Description("De streefpaden van de indicatieve scenario's.")] IReadOnlyList<IndicativePathDto> IndicativePaths);

    [Description("Een nieuw bedrag voor een tekortcomponent.")]
    public sealed record DeficitComponentBody(
        [property: Description("Bedrag in euro's (hoogstens twee decimalen): een tekort negatief, een opbrengst positief.")] decimal? Amount,
        [property: Description("Toelichting: waar het bedrag vandaan komt (hoogstens 1000 tekens).")] string? Note,
        [property: Description("Waarom het bedrag verandert (verplicht, hoogstens 500 tekens); komt in het auditlog.")] string? Reason,
        [property: Description("De versie van de component die u las. Is hij intussen gewijzigd, dan is het antwoord 409.")] int? Version);

    public static RouteGroupBuilder MapDeficitComponents(this IEndpointRouteBuilder api)
    {
        var components = api.MapGroup("/deficit-components")
            .WithTags(ApiTags.Prognose)
            .RequireAuthorization(AuthenticationSetup.Policies.AlleRollen);

        components.MapGet("", ListAsync)
            .WithName("GetDeficitComponents")
            .WithSummary("Tekortcomponenten van de prognose")
            .WithDescription("De meerjarenprognose zoals ingevoerd: per component en jaar het bedrag met toelichting en versie, per jaar " +
                "hun som (het tekort zonder maatregelen), de behoedzaamheidsmarge en de streefpaden van de indicatieve scenario's.");

        components.MapPut("/{id:int}", UpdateAsync)
            .RequireAuthorization(AuthenticationSetup.Policies.Financieel)
            .WithName("UpdateDeficitComponent")
            .WithSummary("Tekortcomponent wijzigen")
            .WithDescription("Zet het bedrag en de toelichting van een tekortcomponent in één jaar. Een reden is verplicht en komt met de " +
                "wijziging (voor → na) in het auditlog; geef de versie mee die u las. Voor Controller en Beheerder. De scenario's worden " +
                "daarna op de achtergrond herberekend. 404 als de component niet bestaat, 409 als hij intussen is gewijzigd.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return components;
    }

    private static async Task<Ok<PrognosisDto>> ListAsync(DeficitComponentService prognosis, CancellationToken ct)
    {
        var inputs = await prognosis.ListAsync(ct);
        return TypedResults.Ok(new PrognosisDto(
            inputs.Components.Select(ToDto).ToList(),
            inputs.Components.GroupBy(c => c.Year).OrderBy(g => g.Key).Select(g => new PrognosisYearDto(g.Key, g.Sum(c => c.Amount))).ToList(),
            inputs.PrudenceMargins.Select(m => new PrognosisYearDto(m.Year, m.Amount)).ToList(),
            inputs.IndicativePaths.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new IndicativePathDto(p.Key, p.Value.Select(y => new PrognosisYearDto(y.Year, y.Amount)).ToList())).ToList()));
    }

    private static async Task<Results<Ok<DeficitComponentDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        [Description("Nummer van de component (id uit GET /api/deficit-components).")] int id,
        DeficitComponentBody body, DeficitComponentService prognosis, ClaimsPrincipal user, CancellationToken ct)
    {
        var missing = new Dictionary<string, string>();
        if (body.Amount is null)
        {
            missing["amount"] = "Vul het bedrag in euro's in.";
        }

        if (body.Version is null)
        {
            missing["version"] = "Geef de versie mee die u las (version), zodat een wijziging van iemand anders niet wordt overschreven.";
        }

        if (string.IsNullOrWhiteSpace(body.Reason))
        {
            missing["reason"] = "Geef een reden voor de wijziging; die komt in het auditlog.";
        }

        var result = missing.Count > 0
            ? ChangeResult.Invalid(missing)
            : await prognosis.UpdateAsync(id, body.Amount!.Value, body.Note, body.Reason, body.Version!.Value, user.AuditName(), ct);
        return await result.AnswerAsync(async () =>
            TypedResults.Ok((await prognosis.ListAsync(ct)).Components.Where(c => c.Id == id).Select(ToDto).First()));
    }

    private static DeficitComponentDto ToDto(DeficitComponentRow c) => new(c.Id, c.Year, c.Name, c.Kind.DutchName(), c.Amount, c.Note, c.Version);
}
