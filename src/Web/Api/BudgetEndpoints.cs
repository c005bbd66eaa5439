using Microsoft.AspNetCore.Http.HttpResults;
using System.ComponentModel;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Web.Auth;

namespace SociaalDomein.Web.Api;

/// <summary>/api/budget (every role): the years with figures and the budget table of one year.</summary>
public static class BudgetEndpoints
{
    [Description("Begroot, werkelijk en saldo, in euro's.")]
    public sealed record BudgetFiguresDto(
        [property: Description("Begroot bedrag.")] decimal Budget,
        [property: Description("Werkelijk bedrag.")] decimal Actual,
        [property: Description("Begroot min werkelijk; negatief is een overschrijding.")] decimal Balance);

    [Description("Eén begrotingsregel (product) met zijn bedragen.")]
    public sealed record BudgetLineDto(
        [property: Description("Naam van het product.")] string Line,
        [property: Description("Bedragen van deze regel.")] BudgetFiguresDto Figures);

    [Description("Een domein (Wmo, Jeugd, Participatie) met zijn regels en subtotaal.")]
    public sealed record BudgetDomainDto(
        [property: Description("Naam van het domein.")] string Domain,
        [property: Description("De regels van het domein.")] IReadOnlyList<BudgetLineDto> Lines,
        [property: Description("Subtotaal van het domein.")] BudgetFiguresDto Subtotal);

    [Description("De begrotingstabel van één jaar.")]
    public sealed record BudgetTableDto(
        [property: Description("Begrotingsjaar.")] int Year,
        [property: Description("De domeinen met hun regels.")] IReadOnlyList<BudgetDomainDto> Domains,
        [property: Description("Totaal over alle domeinen.")] BudgetFiguresDto Total);

    public static RouteGroupBuilder MapBudget(this IEndpointRouteBuilder api)
    {
        var budget = api.MapGroup("/budget")
            .WithTags(ApiTags.Begroting)
            .RequireAuthorization(AuthenticationSetup.Policies.AlleRollen);

        budget.MapGet("/years", GetYearsAsync)
            .WithName("GetBudgetYears")
            .WithSummary("Jaren met begrotingscijfers")
            .WithDescription("De jaren waarvoor begrotingscijfers zijn ingelezen, oplopend.");

        budget.MapGet("/{year:int}", GetTableAsync)
            .WithName("GetBudgetTable")
            .WithSummary("Begrotingstabel van een jaar")
            .WithDescription("Per domein de begrotingsregels met begroot, werkelijk en saldo, het subtotaal per domein en het totaal. " +
                "Bedragen in euro's. 404 als er voor dat jaar geen cijfers zijn.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return budget;
    }

    private static async Task<Ok<IReadOnlyList<int>>> GetYearsAsync(BudgetService budgets, CancellationToken ct) =>
        TypedResults.Ok(await budgets.YearsAsync(ct));

    private static async Task<Results<Ok<BudgetTableDto>, ProblemHttpResult>> GetTableAsync(
        [Description("Het begrotingsjaar, bijvoorbeeld 2017.")] int year, BudgetService budgets, CancellationToken ct) =>
        await budgets.TableAsync(year, ct) is { } table
            ? TypedResults.Ok(ToDto(table))
            : ApiProblems.NotFound($"Geen begrotingscijfers voor {year}.");

    private static BudgetTableDto ToDto(BudgetTable table) => new(
        table.Year,
        table.Domains.Select(d => new BudgetDomainDto(
            d.Domain.DutchName(),
            d.Lines.Select(l => new BudgetLineDto(l.Line, ToDto(l.Figures))).ToList(),
            ToDto(d.Subtotal))).ToList(),
        ToDto(table.Total));

    private static BudgetFiguresDto ToDto(BudgetFigures f) => new(f.Budget, f.Actual, f.Balance);
}
