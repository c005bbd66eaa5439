using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Providers;
using SociaalDomein.Web.Auth;

namespace SociaalDomein.Web.Api;

/// <summary>/api/providers (policy Aanbieders: Contractmanager, Controller, Wethouder, Beheerder): the provider figures of
/// a year (docs/domain.md §9) from the stored aggregates, one provider with its years, product mix, client profile and
/// ceilings, and its utilisation per product in a year. Amounts in euros rounded to cents, growth and rates as fractions (0.25 = 25 %), null where undefined.</summary>
public static class ProviderEndpoints
{
    [Description("Eén zorgaanbieder in het jaar.")]
    public sealed record ProviderDto(
        [property: Description("AGB-code (8 cijfers).")] string Agb,
        [property: Description("Naam van de aanbieder.")] string Name,
        [property: Description("Type aanbieder (referentiegroep), of null als het nog niet is vastgelegd.")] string? Type,
        [property: Description("Aantal cliënten met een toewijzing die op minstens één dag van het jaar liep.")] int Clients,
        [property: Description("Groei van het aantal cliënten ten opzichte van het jaar ervoor, als fractie; null als dat jaar 0 was.")] decimal? ClientsGrowth,
        [property: Description("Uitgaven: goedgekeurde declaraties naar rato van de dagen van hun periode in het jaar, in euro's.")] decimal Expenditure,
        [property: Description("Groei van de uitgaven als fractie; null als het jaar ervoor 0 was.")] decimal? ExpenditureGrowth,
        [property: Description("Uitgaven gedeeld door het aantal (cliënt, maand)-paren met een declaratie, in euro's; null zonder.")] decimal? AverageCostPerClientMonth,
        [property: Description("Instroom: trajecten die in het jaar begonnen.")] int Inflow,
        [property: Description("Uitstroom: trajecten die in het jaar eindigden.")] int Outflow,
        [property: Description("Uitstroom gedeeld door het aantal cliënten, als fractie; null zonder cliënten.")] decimal? OutflowRate,
        [property: Description("Mediane duur in dagen van de trajecten die in het jaar eindigden; null als er geen eindigde.")] decimal? MedianTrajectoryDays,
        [property: Description("Herinstroom: nieuwe trajecten binnen 183 dagen na het einde van een traject (zelfde wet, elke aanbieder).")] int Reentries,
        [property: Description("Som van de budgetplafonds van de aanbieder in het jaar, in euro's; null zonder plafond.")] decimal? Ceiling,
        [property: Description("Besteed gedeeld door plafond, als fractie (0.7 = 70 %); null zonder plafond.")] decimal? CeilingUsed);

    [Description("Een type aanbieder (referentiegroep) in het jaar; een cliënt telt één keer per type.")]
    public sealed record TypeDto(
        [property: Description("Type aanbieder.")] string Type,
        [property: Description("Aantal verschillende cliënten bij aanbieders van dit type.")] int Clients,
        [property: Description("Uitgaven in euro's.")] decimal Expenditure);

    [Description("De vijf aanbieders met de grootste groei in cliënten.")]
    public sealed record Top5Dto(
        [property: Description("Hun AGB-codes, grootste groei eerst.")] IReadOnlyList<string> Agbs,
        [property: Description("Hun groei gedeeld door de groei van alle aanbieders samen, als fractie; null als het totaal niet groeide.")] decimal? ShareOfGrowth);

    [Description("De aanbieders van een jaar.")]
    public sealed record ProvidersDto(
        [property: Description("Het jaar.")] int Year,
        [property: Description("Alle aanbieders van het jaar (na de filters), op AGB-code.")] IReadOnlyList<ProviderDto> Providers,
        [property: Description("Per type aanbieder.")] IReadOnlyList<TypeDto> Types,
        [property: Description("De vijf grootste groeiers en hun aandeel in de groei.")] Top5Dto Top5);

    [Description("De cijfers van één aanbieder in één jaar.")]
    public sealed record ProviderYearDto(
        [property: Description("Het jaar.")] int Year,
        [property: Description("Aantal cliënten.")] int Clients,
        [property: Description("Groei van het aantal cliënten als fractie, of null.")] decimal? ClientsGrowth,
        [property: Description("Uitgaven in euro's.")] decimal Expenditure,
        [property: Description("Groei van de uitgaven als fractie, of null.")] decimal? ExpenditureGrowth,
        [property: Description("Gemiddelde kosten per cliënt per maand in euro's, of null.")] decimal? AverageCostPerClientMonth,
        [property: Description("Instroom (trajecten).")] int Inflow,
        [property: Description("Uitstroom (trajecten).")] int Outflow,
        [property: Description("Uitstroompercentage als fractie, of null.")] decimal? OutflowRate,
        [property: Description("Mediane trajectduur in dagen, of null.")] decimal? MedianTrajectoryDays,
        [property: Description("Gemiddelde trajectduur in dagen, of null.")] decimal? MeanTrajectoryDays,
        [property: Description("Herinstroom (trajecten).")] int Reentries);

    [Description("Cliënten en uitgaven van één productcode in een jaar (de productmix).")]
    public sealed record ProductMixDto(
        [property: Description("Het jaar.")] int Year,
        [property: Description("Productcode, bijvoorbeeld 02A06.")] string ProductCode,
        [property: Description("Omschrijving van het product, of null.")] string? Description,
        [property: Description("Aantal cliënten met dit product in het jaar.")] int Clients,
        [property: Description("Uitgaven voor dit product in euro's.")] decimal Expenditure);

    [Description("Cliënten van de aanbieder in een jaar naar leeftijdsklasse en geslacht.")]
    public sealed record ProfileDto(
        [property: Description("Het jaar.")] int Year,
        [property: Description("Leeftijdsklasse: 0-17, 18-25, 26-45, 46-65, 66-80, 81+ of onbekend.")] string AgeBand,
        [property: Description("Geslacht: M, V, X of onbekend.")] string Sex,
        [property: Description("Aantal cliënten.")] int Clients);

    [Description("Een budgetplafond van de aanbieder met de besteding tot nu toe en de prognose.")]
    public sealed record CeilingDto(
        [property: Description("Het jaar van het plafond.")] int Year,
        [property: Description("Alleen deze wet, of null voor alle wetten.")] string? Law,
        [property: Description("Alleen deze productcode, of null voor alle producten.")] string? ProductCode,
        [property: Description("Het plafond in euro's.")] decimal Ceiling,
        [property: Description("Besteed tot en met de peildatum in euro's.")] decimal Spent,
        [property: Description("Besteed gedeeld door plafond, als fractie.")] decimal Used,
        [property: Description("Peildatum van de besteding (JJJJ-MM-DD).")] DateOnly AsOf,
        [property: Description("Verwachte besteding aan het eind van het jaar in dit tempo, in euro's.")] decimal Projection,
        [property: Description("Datum waarop het plafond in dit tempo bereikt wordt, of null als dat niet dit jaar is.")] DateOnly? ProjectedDate);

    [Description("Eén zorgaanbieder met de cijfers per jaar, de productmix, het cliëntprofiel en de budgetplafonds.")]
    public sealed record ProviderDetailDto(
        [property: Description("AGB-code (8 cijfers).")] string Agb,
        [property: Description("Naam van de aanbieder.")] string Name,
        [property: Description("Type aanbieder, of null.")] string? Type,
        [property: Description("Financieringsvorm, of null.")] string? FundingModel,
        [property: Description("Begin van het contract, of null.")] DateOnly? ContractStart,
        [property: Description("Einde van het contract, of null.")] DateOnly? ContractEnd,
        [property: Description("De cijfers per jaar, oudste eerst.")] IReadOnlyList<ProviderYearDto> Years,
        [property: Description("De productmix per jaar.")] IReadOnlyList<ProductMixDto> ProductMix,
        [property: Description("Het cliëntprofiel per jaar.")] IReadOnlyList<ProfileDto> Profile,
        [property: Description("De budgetplafonds, nieuwste jaar eerst.")] IReadOnlyList<CeilingDto> Ceilings);

    [Description("Uitputting van één product: gedeclareerd gedeeld door toegewezen in het jaar.")]
    public sealed record UtilisationProductDto(
        [property: Description("Productcode, bijvoorbeeld 02A06.")] string ProductCode,
        [property: Description("Omschrijving van het product, of null.")] string? Description,
        [property: Description("Toegewezen: som van de bedragen van de toewijzingen in het jaar (met de tarievenlijst), in euro's; zonder de toewijzingen zonder bedrag.")] decimal Assigned,
        [property: Description("Gedeclareerd: goedgekeurde declaraties (creditdeclaraties negatief) naar rato van de dagen van hun periode in het jaar, in euro's.")] decimal Claimed,
        [property: Description("Gedeclareerd gedeeld door toegewezen, als fractie (0.8 = 80 %); null als er niets is toegewezen.")] decimal? Ratio,
        [property: Description("Waar als de uitputting onder de drempel ligt.")] bool Flagged,
        [property: Description("Aantal toewijzingen in het jaar zonder bedrag (geen budget en geen tarief); niet als € 0 meegeteld.")] int Unpriced);

    [Description("De uitputting van een aanbieder per product in een jaar.")]
    public sealed record UtilisationDto(
        [property: Description("AGB-code van de aanbieder.")] string Agb,
        [property: Description("Het jaar.")] int Year,
        [property: Description("De drempel als fractie: een product met een lagere uitputting is gemarkeerd (0.8 = 80 %).")] decimal Threshold,
        [property: Description("Per productcode, op code.")] IReadOnlyList<UtilisationProductDto> Products);

    /// <summary>The filters of the list. Strings, so a wrong value gets a Dutch 400 rather than the framework's binding error.</summary>
    public sealed record ProviderFilterQuery(
        [property: FromQuery(Name = "year"), Required, Description("Het jaar, bijvoorbeeld 2019.")] string? Year,
        [property: FromQuery(Name = "law"), Description("Alleen deze wet: Wmo, Jeugdwet of Participatiewet (hoofdletters maken niet uit).")] string? Law,
        [property: FromQuery(Name = "type"), Description("Alleen aanbieders van dit type, bijvoorbeeld GGZ of Ouderenzorg.")] string? Type,
        [property: FromQuery(Name = "product"), Description("Alleen deze productcode, bijvoorbeeld 02A06.")] string? Product);

    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    public static RouteGroupBuilder MapProviders(this IEndpointRouteBuilder api)
    {
        var providers = api.MapGroup("/providers")
            .WithTags(ApiTags.Aanbieders)
            .RequireAuthorization(AuthenticationSetup.Policies.Aanbieders);

        providers.MapGet("", ListAsync)
            .WithName("GetProviders")
            .WithSummary("Aanbieders van een jaar")
            .WithDescription("Alle zorgaanbieders van het jaar met cliënten, uitgaven, gemiddelde kosten per cliënt per maand, instroom, " +
                "uitstroom, trajectduur, herinstroom en budgetplafond, met de groei ten opzichte van het jaar ervoor; daarnaast de cijfers " +
                "per type aanbieder en de vijf grootste groeiers. Optioneel alleen één wet, één type of één productcode. De cijfers komen " +
                "uit de opgeslagen berekening die na elke import van toewijzingen of declaraties opnieuw wordt gemaakt.");

        providers.MapGet("/{agb}", DetailAsync) // a literal segment such as /warnings wins over the parameter; a bad code gets a Dutch 400
            .WithName("GetProvider")
            .WithSummary("Eén aanbieder")
            .WithDescription("De gegevens van één zorgaanbieder met de cijfers per jaar, de productmix, het cliëntprofiel (leeftijd en " +
                "geslacht) en de budgetplafonds met besteding en prognose.");

        providers.MapGet("/" + ProviderWarningEndpoints.Agb + "/utilisation", UtilisationAsync)
            .WithName("GetProviderUtilisation")
            .WithSummary("Uitputting van één aanbieder")
            .WithDescription("Per productcode van de aanbieder in het jaar: toegewezen (de bedragen van de toewijzingen die in het jaar " +
                "liepen, met de tarievenlijst; ingetrokken toewijzingen niet), gedeclareerd (goedgekeurde declaraties naar rato van de dagen " +
                "in het jaar, creditdeclaraties negatief) en de uitputting gedeclareerd ÷ toegewezen, gemarkeerd onder 80 %. Toewijzingen " +
                "zonder bedrag worden apart geteld. Zonder year: het laatste jaar met cijfers van de aanbieder.");

        return providers;
    }

    private static async Task<Results<Ok<ProvidersDto>, ValidationProblem>> ListAsync(
        [AsParameters] ProviderFilterQuery filter, ProviderService providers, CancellationToken ct)
    {
        if (!int.TryParse(filter.Year, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < FirstYear or > LastYear)
        {
            return ApiProblems.Invalid("year", "Ongeldig jaar", $"Geef een jaar van {FirstYear} tot en met {LastYear} op, bijvoorbeeld year=2019.");
        }

        Law? law = null;
        if (!string.IsNullOrWhiteSpace(filter.Law))
        {
            law = Enum.GetValues<Law>().Cast<Law?>().FirstOrDefault(l => string.Equals(l.ToString(), filter.Law.Trim(), StringComparison.OrdinalIgnoreCase));
            if (law is null)
            {
                return ApiProblems.Invalid("law", "Onbekende wet", $"Onbekende wet: {filter.Law}. Kies uit {string.Join(", ", Enum.GetNames<Law>())}.");
            }
        }

        ProviderType? type = null;
        if (!string.IsNullOrWhiteSpace(filter.Type))
        {
            if (!ProviderNames.TryParseType(filter.Type, out var parsed))
            {
                return ApiProblems.Invalid("type", "Onbekend type aanbieder",
                    $"Onbekend type aanbieder. Kies uit {string.Join(", ", Enum.GetValues<ProviderType>().Select(t => t.DutchName()))}.");
            }

            type = parsed;
        }

        string? product = null;
        if (!string.IsNullOrWhiteSpace(filter.Product))
        {
            product = (await providers.ProductCodesAsync(ct)).FirstOrDefault(p => string.Equals(p, filter.Product.Trim(), StringComparison.OrdinalIgnoreCase));
            if (product is null)
            {
                return ApiProblems.Invalid("product", "Onbekende productcode",
                    "Onbekende productcode: geen toewijzing of declaratie heeft deze code.");
            }
        }

        var overview = await providers.AllRowsAsync(new ProviderQuery(year, law, type, product, SortBy: "agb", Descending: false), ct);
        return TypedResults.Ok(new ProvidersDto(
            year,
            overview.Rows.Select(r => new ProviderDto(
                r.Figures.Agb, r.Figures.Name, r.Figures.Type?.DutchName(), r.Figures.Clients, Fraction(r.Figures.ClientsGrowth),
                Euros(r.Figures.Expenditure), Fraction(r.Figures.ExpenditureGrowth), Euros(r.Figures.AverageCostPerClientMonth),
                r.Figures.Inflow, r.Figures.Outflow, Fraction(r.Figures.OutflowRate), r.Figures.MedianTrajectoryDays, r.Figures.Reentries,
                Euros(r.Ceiling), Fraction(r.CeilingUsed))).ToList(),
            overview.Types.Select(t => new TypeDto(t.Type!.Value.DutchName(), t.Clients, Euros(t.Expenditure))).ToList(),
            new Top5Dto(overview.Top5?.Agbs ?? [], Fraction(overview.Top5?.ShareOfGrowth))));
    }

    private static async Task<Results<Ok<ProviderDetailDto>, ValidationProblem, ProblemHttpResult>> DetailAsync(
        [Description("AGB-code van de aanbieder (8 cijfers).")] string agb, ProviderService providers, CancellationToken ct)
    {
        if (agb.Length != 8 || !agb.All(char.IsAsciiDigit))
        {
            return ApiProblems.Invalid("agb", "Ongeldige AGB-code", "Een AGB-code bestaat uit precies 8 cijfers.");
        }

        if (await providers.DetailAsync(agb, ct) is not { } detail)
        {
            return ApiProblems.NotFound($"Geen aanbieder met AGB-code {agb}.");
        }

        var ceilings = await providers.CeilingsAsync(agb, ct);
        var p = detail.Provider;
        return TypedResults.Ok(new ProviderDetailDto(
            p.Agb, p.Name, p.Type?.DutchName(), p.FundingModel?.DutchName(), p.ContractStart, p.ContractEnd,
            detail.Years.Select((y, i) => new ProviderYearDto(
                detail.FigureYears[i], y.Clients, Fraction(y.ClientsGrowth), Euros(y.Expenditure), Fraction(y.ExpenditureGrowth),
                Euros(y.AverageCostPerClientMonth), y.Inflow, y.Outflow, Fraction(y.OutflowRate), y.MedianTrajectoryDays,
                Round(y.MeanTrajectoryDays, 1), y.Reentries)).ToList(),
            detail.ProductMix.Select(m => new ProductMixDto(m.Year, m.ProductCode, m.Description, m.Clients, Euros(m.Expenditure))).ToList(),
            detail.ClientProfile.Select(c => new ProfileDto(c.Year, c.AgeBand, c.Sex, c.Clients)).ToList(),
            ceilings.Select(c => new CeilingDto(c.Year, c.Law?.ToString(), c.ProductCode, Euros(c.Ceiling), Euros(c.Spent), Fraction(c.Used),
                c.AsOf, Euros(c.Projection), c.ProjectedDate)).ToList()));
    }

    private static async Task<Results<Ok<UtilisationDto>, ValidationProblem, ProblemHttpResult>> UtilisationAsync(
        [Description("AGB-code van de aanbieder (8 cijfers).")] string agb,
        [FromQuery(Name = "year"), Description("Het jaar, bijvoorbeeld 2019; zonder: het laatste jaar met cijfers van de aanbieder.")] string? year,
        ProviderService providers, CancellationToken ct)
    {
        if (!await providers.ExistsAsync(agb, ct))
        {
            return ApiProblems.NotFound($"Geen aanbieder met AGB-code {agb}.");
        }

        int chosen;
        if (!string.IsNullOrWhiteSpace(year))
        {
            if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out chosen) || chosen is < FirstYear or > LastYear)
            {
                return ApiProblems.Invalid("year", "Ongeldig jaar", $"Geef een jaar van {FirstYear} tot en met {LastYear} op, bijvoorbeeld year=2019.");
            }
        }
        else if (await providers.LatestFigureYearAsync(agb, ct) is { } latest)
        {
            chosen = latest;
        }
        else
        {
            return ApiProblems.Invalid("year", "Geef een jaar op", "Deze aanbieder heeft nog geen cijfers; geef een jaar op, bijvoorbeeld year=2019.");
        }

        var rows = await providers.UtilisationAsync(agb, chosen, ct);
        return TypedResults.Ok(new UtilisationDto(agb, chosen, Utilisation.Threshold,
            rows.Select(r => new UtilisationProductDto(r.ProductCode, r.Description, Euros(r.Assigned), Euros(r.Claimed), Fraction(r.Ratio), r.Flagged, r.Unpriced))
                .ToList()));
    }

    private static decimal Euros(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    private static decimal? Euros(decimal? amount) => Round(amount, 2);

    private static decimal Fraction(decimal value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);

    private static decimal? Fraction(decimal? value) => Round(value, 4);

    private static decimal? Round(decimal? value, int decimals) => value is { } v ? Math.Round(v, decimals, MidpointRounding.AwayFromZero) : null;
}
