using System.Globalization;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Security;
using SociaalDomein.Domain.Stacking;
using SociaalDomein.Infrastructure.Districts;
using SociaalDomein.Infrastructure.Stacking;

namespace SociaalDomein.Web.Api;

/// <summary>GET /api/stacking: the stacking tables (docs/domain.md §5) on a reference date, for every role.</summary>
public sealed record StackingQuery(DateOnly ReferenceDate, Law? Law, string? District);

public static class StackingEndpoints
{
    public sealed record HouseholdDto(int Clients, int Addresses, decimal Amount, decimal AveragePerInhabitant);
    public sealed record InstitutionsDto(int Addresses, int Clients, decimal Amount);

    /// <summary><see cref="Provisions"/> = 5 means 5 or more.</summary>
    public sealed record ProvisionDto(int Provisions, int Clients, decimal Amount, decimal AveragePerClient);

    public sealed record StackingDto(
        DateOnly ReferenceDate, int Revoked, int Duplicates, int ActiveAssignments, int Clients, decimal TotalAmount,
        IReadOnlyList<HouseholdDto> Households, InstitutionsDto Institutions, IReadOnlyList<ProvisionDto> Provisions);

    /// <summary>The filters of a stacking request (?referenceDate=YYYY-MM-DD[&amp;law=Wmo][&amp;district=Noord]), or the Dutch
    /// 400 problem that says what is wrong with them. Shared by the JSON and the Excel endpoint.</summary>
    internal static async Task<(StackingQuery? Query, IResult? Problem)> ParseAsync(
        string? referenceDate, string? law, string? district, DistrictService districts, CancellationToken ct)
    {
        if (!DateOnly.TryParseExact(referenceDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (null, TypedResults.Problem(
                "Geef een geldige peildatum op: referenceDate=JJJJ-MM-DD, bijvoorbeeld referenceDate=2018-11-01.",
                statusCode: StatusCodes.Status400BadRequest, title: "Ongeldige peildatum"));
        }

        Law? lawFilter = null;
        if (!string.IsNullOrWhiteSpace(law))
        {
            lawFilter = Enum.GetValues<Law>().Cast<Law?>().FirstOrDefault(l => string.Equals(l.ToString(), law.Trim(), StringComparison.OrdinalIgnoreCase));
            if (lawFilter is null)
            {
                return (null, TypedResults.Problem(
                    $"Onbekende wet: {law}. Kies uit {string.Join(", ", Enum.GetNames<Law>())}.",
                    statusCode: StatusCodes.Status400BadRequest, title: "Onbekende wet"));
            }
        }

        string? districtName = null;
        if (!string.IsNullOrWhiteSpace(district))
        {
            districtName = await districts.FindAsync(district, ct);
            if (districtName is null)
            {
                return (null, TypedResults.Problem(
                    $"Onbekend stadsdeel: {district}.", statusCode: StatusCodes.Status400BadRequest, title: "Onbekend stadsdeel"));
            }
        }

        return (new StackingQuery(date, lawFilter, districtName), null);
    }

    public static RouteGroupBuilder MapStacking(this RouteGroupBuilder api)
    {
        // ?referenceDate=YYYY-MM-DD[&law=Wmo][&district=Noord]. The result reflects every import that succeeded
        // before the call: a stored result older than the latest successful import is recomputed (StackingService.GetAsync).
        api.MapGet("/stacking", async Task<IResult> (string? referenceDate, string? law, string? district, StackingService stacking, DistrictService districts, CancellationToken ct) =>
            {
                var (query, problem) = await StackingEndpoints.ParseAsync(referenceDate, law, district, districts, ct);
                if (query is null)
                {
                    return problem!;
                }

                var (date, lawFilter, districtName) = query;

                return TypedResults.Ok(ToDto(await stacking.GetAsync(date, lawFilter, districtName, ct)));
            })
            .RequireAuthorization(policy => policy.RequireRole(Roles.All));
        return api;
    }

    private static decimal Euros(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    private static StackingDto ToDto(StackingResult r) => new(
        r.ReferenceDate, r.Revoked, r.Duplicates, r.ActiveAssignments, r.Clients, Euros(r.TotalAmount),
        r.Households.Select(h => new HouseholdDto(h.Clients, h.Addresses, Euros(h.Amount), Euros(h.AveragePerInhabitant))).ToList(),
        new InstitutionsDto(r.Institutions.Addresses, r.Institutions.Clients, Euros(r.Institutions.Amount)),
        r.Provisions.Select(p => new ProvisionDto(p.Provisions, p.Clients, Euros(p.Amount), Euros(p.AveragePerClient))).ToList());
}
