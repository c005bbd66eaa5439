namespace SociaalDomein.Web.Api;

/// <summary>The JSON API for scripts and BI tools (authenticate with X-Api-Key or the login cookie). Amounts are euros.
/// One class per resource, each with one route group that names its tag and its authorization policy once; the
/// handlers are named methods with typed results, so the OpenAPI document (<see cref="OpenApiSetup"/>) knows every
/// answer. Every route needs a Dutch summary and description: OpenApiTests fails on one without.</summary>
public static class ApiEndpoints
{
    public const string Prefix = "/api";

    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix);
        api.MapBudget();
        api.MapScenarios();
        api.MapMeasures();
        api.MapDeficitComponents();
        api.MapForecast();
        api.MapClaimGroups();
        api.MapReports();
        api.MapStacking();
        api.MapDistricts();
        api.MapProviders();
        api.MapImports();
        api.MapUsers();
        api.MapAudit();
        api.MapProviderCeilings();
        api.MapTariffs();
        return app;
    }
}
