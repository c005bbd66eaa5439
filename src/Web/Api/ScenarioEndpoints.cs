using Microsoft.AspNetCore.Http.HttpResults;
using System.ComponentModel;
using SociaalDomein.Infrastructure.Scenarios;
using SociaalDomein.Web.Auth;

namespace SociaalDomein.Web.Api;

/// <summary>/api/scenarios (every role): the deficit per scenario per year.</summary>
public static class ScenarioEndpoints
{
    [Description("Het tekort van één scenario in één jaar.")]
    public sealed record ScenarioDeficitDto(
        [property: Description("Naam van het scenario.")] string Scenario,
        [property: Description("Jaar.")] int Year,
        [property: Description("Verwacht tekort in euro's.")] decimal Deficit,
        [property: Description("Waar: het bedrag is indicatief.")] bool Indicative,
        [property: Description("Aantal maatregelen zonder bedrag (p.m.).")] int PmMeasures);

    public static RouteGroupBuilder MapScenarios(this IEndpointRouteBuilder api)
    {
        var scenarios = api.MapGroup("/scenarios")
            .WithTags(ApiTags.Scenarios)
            .RequireAuthorization(AuthenticationSetup.Policies.AlleRollen);

        scenarios.MapGet("/deficits", GetDeficitsAsync)
            .WithName("GetScenarioDeficits")
            .WithSummary("Tekort per scenario per jaar")
            .WithDescription("Voor elk scenario en elk jaar het verwachte tekort in euro's, of het bedrag indicatief is en hoeveel " +
                "maatregelen nog p.m. staan.");

        return scenarios;
    }

    private static async Task<Ok<List<ScenarioDeficitDto>>> GetDeficitsAsync(ScenarioService scenarios, CancellationToken ct) =>
        TypedResults.Ok((await scenarios.DeficitsAsync(ct))
            .Select(d => new ScenarioDeficitDto(d.Scenario, d.Year, d.Deficit, d.IsIndicative, d.PmMeasures)).ToList());
}
