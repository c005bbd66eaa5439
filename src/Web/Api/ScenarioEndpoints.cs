using Microsoft.AspNetCore.Http.HttpResults;
using System.ComponentModel;
using System.Security.Claims;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Scenarios;
using SociaalDomein.Web.Auth;

namespace SociaalDomein.Web.Api;

/// <summary>/api/scenarios (every role reads): the stored scenario figures (docs/domain.md §8), the custom scenarios
/// (saved and removed by Wethouder, Controller and Beheerder) and the Excel export (in the audit log).</summary>
public static class ScenarioEndpoints
{
    [Description("Het tekort van één scenario in één jaar.")]
    public sealed record ScenarioDeficitDto(
        [property: Description("Naam van het scenario.")] string Scenario,
        [property: Description("Jaar.")] int Year,
        [property: Description("Verwacht tekort in euro's.")] decimal Deficit,
        [property: Description("Waar: het bedrag is indicatief.")] bool Indicative,
        [property: Description("Aantal maatregelen zonder bedrag (p.m.).")] int PmMeasures);

    [Description("Eén scenario met zijn tekort per jaar.")]
    public sealed record ScenarioLineDto(
        [property: Description("Naam van het scenario.")] string Name,
        [property: Description("Korte omschrijving van het scenario.")] string Description,
        [property: Description("Waar: niet doorgerekend; de bedragen zijn een streefpad dat met de hand is ingevoerd.")] bool Indicative,
        [property: Description("Het tekort per jaar in euro's (negatief is een tekort), in de volgorde van years.")] IReadOnlyList<decimal> Deficits,
        [property: Description("Per jaar het aantal maatregelen waarvan de opbrengst p.m. is (telt als 0).")] IReadOnlyList<int> PmMeasures,
        [property: Description("De codes van de maatregelen die in het scenario meetellen, zoals W1.")] IReadOnlyList<string> Measures);

    [Description("De opgeslagen scenariocijfers: het tekort zonder maatregelen, de behoedzaamheidsmarge en elk scenario per jaar. " +
        "Bedragen in euro's.")]
    public sealed record ScenarioFiguresDto(
        [property: Description("De jaren van de prognose, oplopend; elke lijst per jaar volgt deze volgorde.")] IReadOnlyList<int> Years,
        [property: Description("Wanneer de cijfers zijn berekend (met tijdzone); leeg als ze nooit zijn berekend.")] DateTimeOffset? ComputedAt,
        [property: Description("Waar: er is na de berekening iets gewijzigd en een herberekening staat klaar of loopt.")] bool RecomputePending,
        [property: Description("Het tekort zonder maatregelen per jaar (de som van de tekortcomponenten).")] IReadOnlyList<decimal> Baseline,
        [property: Description("De behoedzaamheidsmarge per jaar; leeg (null) voor een jaar zonder marge.")] IReadOnlyList<decimal?> PrudenceMargin,
        [property: Description("De scenario's in volgorde: elk scenario telt de maatregelen van de scenario's ervoor mee.")] IReadOnlyList<ScenarioLineDto> Scenarios);

    [Description("Een maatregel in een eigen scenario.")]
    public sealed record CustomMeasureDto(
        [property: Description("Code van de maatregel, zoals W1.")] string Code,
        [property: Description("Aantal jaren dat de maatregel later start dan gepland (0 = zoals gepland, hoogstens 10).")] int ShiftYears);

    [Description("Een eigen scenario: een keuze van maatregelen, met het tekort per jaar dat eruit volgt.")]
    public sealed record CustomScenarioDto(
        [property: Description("Naam van het eigen scenario.")] string Name,
        [property: Description("Wie het heeft opgeslagen.")] string CreatedBy,
        [property: Description("Wanneer het is opgeslagen (met tijdzone).")] DateTimeOffset CreatedAt,
        [property: Description("De maatregelen die aan staan, met hun verschuiving.")] IReadOnlyList<CustomMeasureDto> Measures,
        [property: Description("Het tekort per jaar in euro's, in de volgorde van years, berekend uit de opgeslagen cijfers.")] IReadOnlyList<decimal> Deficits);

    [Description("De opgeslagen eigen scenario's met hun tekort per jaar.")]
    public sealed record CustomScenariosDto(
        [property: Description("De jaren van de prognose, oplopend.")] IReadOnlyList<int> Years,
        [property: Description("De eigen scenario's, op naam.")] IReadOnlyList<CustomScenarioDto> Scenarios);

    [Description("Een eigen scenario om op te slaan.")]
    public sealed record CustomScenarioBody(
        [property: Description("De maatregelen die aan staan, elk met code en verschuiving in jaren (0 tot en met 10).")] IReadOnlyList<CustomMeasureDto>? Measures,
        [property: Description("true: vervang een eigen scenario met dezelfde naam. Standaard false: een bestaande naam is een fout.")] bool? Replace);

    public static RouteGroupBuilder MapScenarios(this IEndpointRouteBuilder api)
    {
        var scenarios = api.MapGroup("/scenarios")
            .WithTags(ApiTags.Scenarios)
            .RequireAuthorization(AuthenticationSetup.Policies.AlleRollen);

        scenarios.MapGet("", GetAsync)
            .WithName("GetScenarios")
            .WithSummary("Scenario's met hun tekort per jaar")
            .WithDescription("De opgeslagen scenariocijfers: per jaar het tekort zonder maatregelen en de behoedzaamheidsmarge, en per " +
                "scenario het tekort per jaar en zijn maatregelen. Bedragen in euro's, een tekort is negatief. De cijfers worden na " +
                "elke wijziging op de achtergrond herberekend; computedAt zegt wanneer, recomputePending of er een herberekening klaarstaat.");

        scenarios.MapGet("/deficits", GetDeficitsAsync)
            .WithName("GetScenarioDeficits")
            .WithSummary("Tekort per scenario per jaar")
            .WithDescription("Voor elk scenario en elk jaar het verwachte tekort in euro's, of het bedrag indicatief is en hoeveel " +
                "maatregelen nog p.m. staan. Dezelfde cijfers als GET /api/scenarios, als platte lijst.");

        scenarios.MapGet("/custom", GetCustomAsync)
            .WithName("GetCustomScenarios")
            .WithSummary("Eigen scenario's")
            .WithDescription("De opgeslagen eigen scenario's met hun maatregelen en het tekort per jaar dat eruit volgt. Een eigen " +
                "scenario verandert de scenario's van het plan niet.");

        scenarios.MapPut("/custom/{name}", SaveCustomAsync)
            .RequireAuthorization(AuthenticationSetup.Policies.EigenScenario)
            .WithName("SaveCustomScenario")
            .WithSummary("Eigen scenario opslaan")
            .WithDescription("Slaat een eigen scenario op onder de naam in het pad: de maatregelen die aan staan, elk eventueel een " +
                "aantal jaren later. Met replace=true wordt een bestaand eigen scenario met die naam vervangen. Voor Wethouder, " +
                "Controller en Beheerder; het komt in het auditlog. Het antwoord is het opgeslagen scenario met zijn tekort per jaar.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        scenarios.MapDelete("/custom/{name}", DeleteCustomAsync)
            .RequireAuthorization(AuthenticationSetup.Policies.EigenScenario)
            .WithName("DeleteCustomScenario")
            .WithSummary("Eigen scenario verwijderen")
            .WithDescription("Verwijdert een eigen scenario. Voor Wethouder, Controller en Beheerder; het komt in het auditlog. " +
                "Het antwoord is de lijst van eigen scenario's die overblijven; 404 als er geen eigen scenario met die naam is.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        scenarios.MapGet("/export.xlsx", ExportAsync)
            .WithName("ExportScenariosXlsx")
            .WithSummary("Prognose en scenario's als Excel-werkmap")
            .WithDescription("Een Excel-werkmap met de tekortcomponenten en het tekort per scenario per jaar, de maatregelen met hun " +
                "opbrengsten en uitvoeringskosten, en de realisaties per kwartaal; de totalen als formules. Elke export komt in het auditlog.")
            .Produces(StatusCodes.Status200OK, typeof(Stream), ScenarioExcelExport.ContentType);

        return scenarios;
    }

    private static async Task<Ok<ScenarioFiguresDto>> GetAsync(ScenarioService scenarios, CancellationToken ct)
    {
        var stored = await scenarios.GetAsync(ct);
        var f = stored.Figures;
        return TypedResults.Ok(new ScenarioFiguresDto(
            f.Years, stored.ComputedAt, stored.RecomputePending, f.Baseline, f.PrudenceMargin,
            f.Scenarios.Select(s => new ScenarioLineDto(s.Name, s.Description, s.Indicative, s.Deficits, s.PmMeasures, s.Measures)).ToList()));
    }

    private static async Task<Ok<List<ScenarioDeficitDto>>> GetDeficitsAsync(ScenarioService scenarios, CancellationToken ct) =>
        TypedResults.Ok((await scenarios.DeficitsAsync(ct))
            .Select(d => new ScenarioDeficitDto(d.Scenario, d.Year, d.Deficit, d.IsIndicative, d.PmMeasures)).ToList());

    private static async Task<Ok<CustomScenariosDto>> GetCustomAsync(ScenarioService scenarios, CancellationToken ct) =>
        TypedResults.Ok(await CustomAsync(scenarios, ct));

    private static async Task<Results<Ok<CustomScenarioDto>, ValidationProblem, ProblemHttpResult>> SaveCustomAsync(
        [Description("Naam van het eigen scenario (hoogstens 100 tekens; niet de naam van een scenario uit het plan).")] string name,
        CustomScenarioBody body, ScenarioService scenarios, ClaimsPrincipal user, CancellationToken ct)
    {
        var measures = (body.Measures ?? []).Select(m => ((m.Code ?? "").Trim().ToUpperInvariant(), m.ShiftYears)).ToList();
        var result = await scenarios.SaveCustomAsync(name, measures, body.Replace ?? false, user.AuditName(), ct);
        return await result.AnswerAsync(async () =>
        {
            var saved = await CustomAsync(scenarios, ct);
            return TypedResults.Ok(saved.Scenarios.FirstOrDefault(s => s.Name == name.Trim())
                ?? new CustomScenarioDto(name.Trim(), user.AuditName(), DateTimeOffset.UtcNow, [], [])); // removed again meanwhile
        });
    }

    private static async Task<Results<Ok<CustomScenariosDto>, ValidationProblem, ProblemHttpResult>> DeleteCustomAsync(
        [Description("Naam van het eigen scenario.")] string name, ScenarioService scenarios, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await scenarios.DeleteCustomAsync(name.Trim(), user.AuditName(), ct);
        return await result.AnswerAsync(async () => TypedResults.Ok(await CustomAsync(scenarios, ct)));
    }

    private static async Task<CustomScenariosDto> CustomAsync(ScenarioService scenarios, CancellationToken ct)
    {
        var figures = (await scenarios.GetAsync(ct)).Figures;
        var saved = await scenarios.CustomScenariosAsync(ct);
        return new CustomScenariosDto(figures.Years, saved.Select(c => new CustomScenarioDto(
            c.Name, c.CreatedBy, c.CreatedAt,
            c.Measures.Select(m => new CustomMeasureDto(m.Code, m.ShiftYears)).ToList(),
            figures.CustomDeficits(c.Measures))).ToList());
    }

    private static async Task<FileContentHttpResult> ExportAsync(ScenarioExcelExport export, AuditLog audit, ClaimsPrincipal user, CancellationToken ct)
    {
        var workbook = await export.CreateAsync(ct);
        // Recorded before the file goes out: an export the log cannot record does not happen.
        await audit.RecordAsync(user.AuditName(), AuditAction.Export, "Prognose en scenario's (Excel)", ScenarioExcelExport.FileName, ct);
        return TypedResults.File(workbook, ScenarioExcelExport.ContentType, ScenarioExcelExport.FileName);
    }
}
