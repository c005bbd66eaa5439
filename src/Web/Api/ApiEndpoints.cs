using SociaalDomein.Domain.Budgets;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.Identity;
using SociaalDomein.Infrastructure.Scenarios;
using SociaalDomein.Web.Auth;

namespace SociaalDomein.Web.Api;

/// <summary>The JSON API for scripts and BI tools (authenticate with X-Api-Key). Amounts are euros.</summary>
public static class ApiEndpoints
{
    public sealed record BudgetFiguresDto(decimal Budget, decimal Actual, decimal Balance);
    public sealed record BudgetLineDto(string Line, BudgetFiguresDto Figures);
    public sealed record BudgetDomainDto(string Domain, IReadOnlyList<BudgetLineDto> Lines, BudgetFiguresDto Subtotal);
    public sealed record BudgetTableDto(int Year, IReadOnlyList<BudgetDomainDto> Domains, BudgetFiguresDto Total);
    public sealed record ScenarioDeficitDto(string Scenario, int Year, decimal Deficit, bool Indicative, int PmMeasures);

    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapImports();
        api.MapDistricts();
        api.MapStacking();
        api.MapStackingExport();
        api.MapAudit();

        api.MapGet("/budget/years", (BudgetService budgets, CancellationToken ct) => budgets.YearsAsync(ct));

        api.MapGet("/budget/{year:int}", async Task<IResult> (int year, BudgetService budgets, CancellationToken ct) =>
            await budgets.TableAsync(year, ct) is { } table
                ? TypedResults.Ok(ToDto(table))
                : TypedResults.Problem($"Geen begrotingscijfers voor {year}.", statusCode: StatusCodes.Status404NotFound));

        api.MapGet("/scenarios/deficits", async (ScenarioService scenarios, CancellationToken ct) =>
            (await scenarios.DeficitsAsync(ct)).Select(d => new ScenarioDeficitDto(d.Scenario, d.Year, d.Deficit, d.IsIndicative, d.PmMeasures)));

        api.MapGet("/users", (UserDirectory users, CancellationToken ct) => users.ListAsync(ct))
            .RequireAuthorization(AuthenticationSetup.Policies.Beheerder);

        return app;
    }

    private static BudgetTableDto ToDto(BudgetTable table) => new(
        table.Year,
        table.Domains.Select(d => new BudgetDomainDto(
            d.Domain.DutchName(),
            d.Lines.Select(l => new BudgetLineDto(l.Line, ToDto(l.Figures))).ToList(),
            ToDto(d.Subtotal))).ToList(),
        ToDto(table.Total));

    private static BudgetFiguresDto ToDto(BudgetFigures f) => new(f.Budget, f.Actual, f.Balance);
}
