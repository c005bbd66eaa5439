using Microsoft.AspNetCore.Http.HttpResults;
using System.ComponentModel;
using System.Security.Claims;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.Editing;
using SociaalDomein.Web.Auth;
using static SociaalDomein.Web.Api.AuditEndpoints;

namespace SociaalDomein.Web.Api;

/// <summary>/api/budget: the budget per year as Bijlage 1 shows it (every role) and its mutations: entered, submitted,
/// approved or rejected by Controller and Beheerder (<see cref="MutationService"/>: checks, four eyes, version, audit).
/// The user in the audit log is the login name or, for a script, its API key's name.</summary>
public static class BudgetEndpoints
{
    [Description("Oorspronkelijke begroting, goedgekeurde mutaties, actuele begroting, werkelijk en saldo, in euro's.")]
    public sealed record AmountsDto(
        [property: Description("De oorspronkelijke (primitieve) begroting.")] decimal OriginalBudget,
        [property: Description("Som van de goedgekeurde mutaties die voor dit jaar gelden (een structurele geldt ook in latere jaren).")] decimal Mutations,
        [property: Description("Actuele begroting: oorspronkelijk plus mutaties.")] decimal Budget,
        [property: Description("Werkelijk tot nu toe: de som van de ingelezen maandrealisaties, anders het jaarcijfer.")] decimal Actual,
        [property: Description("Actuele begroting min werkelijk; negatief is een overschrijding.")] decimal Balance);

    [Description("Eén begrotingspost met zijn bedragen.")]
    public sealed record BudgetYearLineDto(
        [property: Description("Code van de post, zoals WMO-04.")] string Code,
        [property: Description("Naam van de post.")] string Name,
        [property: Description("Oorspronkelijke begroting.")] decimal OriginalBudget,
        [property: Description("Goedgekeurde mutaties voor dit jaar.")] decimal Mutations,
        [property: Description("Actuele begroting.")] decimal Budget,
        [property: Description("Werkelijk tot nu toe.")] decimal Actual,
        [property: Description("Saldo; negatief is een overschrijding.")] decimal Balance);

    [Description("Een domein met zijn posten en subtotaal.")]
    public sealed record BudgetYearDomainDto(
        [property: Description("Naam van het domein.")] string Name,
        [property: Description("Oorspronkelijke begroting.")] decimal OriginalBudget,
        [property: Description("Goedgekeurde mutaties.")] decimal Mutations,
        [property: Description("Actuele begroting.")] decimal Budget,
        [property: Description("Werkelijk tot nu toe.")] decimal Actual,
        [property: Description("Saldo.")] decimal Balance,
        [property: Description("De posten van het domein.")] IReadOnlyList<BudgetYearLineDto> Lines);

    [Description("De begroting van één jaar zoals Bijlage 1 van de raadsstukken haar toont.")]
    public sealed record BudgetYearDto(
        [property: Description("Begrotingsjaar.")] int Year,
        [property: Description("Waar: het jaar is afgesloten; er verandert niets meer aan.")] bool Closed,
        [property: Description("Waar: de begroting van dit jaar is een meerjarenraming.")] bool Estimate,
        [property: Description("De domeinen.")] IReadOnlyList<BudgetYearDomainDto> Domains,
        [property: Description("Totaal over alle domeinen.")] AmountsDto Total);

    [Description("Een begrotingsmutatie.")]
    public sealed record MutationDto(
        [property: Description("Nummer.")] int Id,
        [property: Description("Code van de begrotingspost.")] string LineCode,
        [property: Description("Naam van de begrotingspost.")] string Line,
        [property: Description("Jaar (bij een structurele mutatie het eerste jaar).")] int Year,
        [property: Description("Bedrag in euro's; positief verhoogt de begroting.")] decimal Amount,
        [property: Description("Soort: berap1, berap2, voorjaarsnota, najaarsnota, raadsbesluit of overig.")] string Kind,
        [property: Description("Waar: geldt voor dit jaar en alle latere jaren; onwaar: alleen dit jaar.")] bool Structural,
        [property: Description("Reden.")] string Reason,
        [property: Description("Status: concept, ingediend, goedgekeurd of afgewezen.")] string Status,
        [property: Description("Wie de mutatie opstelde.")] string CreatedBy,
        [property: Description("Wanneer opgesteld.")] DateTimeOffset CreatedAt,
        [property: Description("Wanneer ingediend.")] DateTimeOffset? SubmittedAt,
        [property: Description("Wie goedkeurde of afwees.")] string? DecidedBy,
        [property: Description("Wanneer goedgekeurd of afgewezen.")] DateTimeOffset? DecidedAt,
        [property: Description("Reden van afwijzing.")] string? DecisionReason,
        [property: Description("Versie; geef die mee bij wijzigen (en desgewenst bij indienen, goedkeuren of afwijzen).")] int Version);

    [Description("Een nieuwe of gewijzigde mutatie.")]
    public sealed record MutationBody(
        [property: Description("Code van de begrotingspost, zoals WMO-04.")] string? LineCode,
        [property: Description("Jaar (bij structureel het eerste jaar); niet een afgesloten jaar.")] int? Year,
        [property: Description("Bedrag in euro's, hoogstens twee decimalen; positief verhoogt de begroting.")] decimal? Amount,
        [property: Description("berap1, berap2, voorjaarsnota, najaarsnota, raadsbesluit of overig.")] string? Kind,
        [property: Description("Waar: geldt voor dit jaar en alle latere jaren.")] bool? Structural,
        [property: Description("Reden (verplicht).")] string? Reason,
        [property: Description("Alleen bij wijzigen (PUT), en dan verplicht: de versie die u las.")] int? Version);

    [Description("Een stap in de goedkeuring.")]
    public sealed record DecisionBody(
        [property: Description("De versie die u las (optioneel; dan wordt gecontroleerd dat niemand haar intussen wijzigde).")] int? Version,
        [property: Description("Reden; verplicht bij afwijzen.")] string? Reason);

    [Description("Het nummer van de nieuwe mutatie.")]
    public sealed record CreatedMutationDto([property: Description("Nummer.")] int Id);

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

        budget.MapGet("", GetYearAsync)
            .WithName("GetBudgetYear")
            .WithSummary("Begroting van een jaar (Bijlage 1)")
            .WithDescription("Per domein en post de oorspronkelijke begroting, de goedgekeurde mutaties, de actuele begroting, het werkelijke " +
                "bedrag tot nu toe en het saldo, met subtotalen en totaal; of het jaar is afgesloten of een meerjarenraming. 404 zonder cijfers.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        budget.MapGet("/export.xlsx", ExportAsync)
            .WithName("ExportBudgetExcel")
            .WithSummary("Begroting van een jaar als Excel")
            .WithDescription("Bijlage 1 van een jaar als Excel-werkmap met echte formules (mutaties via SOMMEN.ALS over het blad " +
                "Mutaties, actueel, saldo, subtotalen, totaal), een blad met de goedgekeurde mutaties en een met de werkelijke bedragen per " +
                "maand. De download komt in het auditlog. 404 zonder cijfers.")
            .Produces(StatusCodes.Status200OK, typeof(Stream), BudgetExcelExport.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var mutations = budget.MapGroup("/mutations");
        mutations.MapGet("", ListMutationsAsync)
            .WithName("GetBudgetMutations")
            .WithSummary("Begrotingsmutaties")
            .WithDescription("De mutaties, nieuwste eerst; te filteren op status (concept, ingediend, goedgekeurd, afgewezen), post en jaar. " +
                "`status=ingediend` is de lijst die op goedkeuring wacht.");

        mutations.MapPost("", CreateMutationAsync)
            .RequireAuthorization(AuthenticationSetup.Policies.Financieel)
            .WithName("CreateBudgetMutation")
            .WithSummary("Mutatie opstellen")
            .WithDescription("Stelt een mutatie op als concept. Fouten (geen reden, onbekende post, afgesloten jaar, bedrag met meer dan twee " +
                "decimalen) geven 400 met de melding onder het veld en slaan niets op. Voor Controller en Beheerder.");

        mutations.MapPut("/{id:int}", UpdateMutationAsync)
            .RequireAuthorization(AuthenticationSetup.Policies.Financieel)
            .WithName("UpdateBudgetMutation")
            .WithSummary("Concept-mutatie wijzigen")
            .WithDescription("Wijzigt een concept met de versie die u las; is het intussen gewijzigd, dan 409 en blijft die wijziging staan. " +
                "Een ingediende of goedgekeurde mutatie wordt niet gewijzigd: corrigeer met een nieuwe.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        mutations.MapPost("/{id:int}/submit", SubmitAsync)
            .RequireAuthorization(AuthenticationSetup.Policies.Financieel)
            .WithName("SubmitBudgetMutation")
            .WithSummary("Mutatie indienen")
            .WithDescription("Zet een concept op ingediend: het wacht dan op goedkeuring door een andere controller.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        mutations.MapPost("/{id:int}/approve", ApproveAsync)
            .RequireAuthorization(AuthenticationSetup.Policies.Financieel)
            .WithName("ApproveBudgetMutation")
            .WithSummary("Mutatie goedkeuren")
            .WithDescription("Keurt een ingediende mutatie goed; vanaf dan telt zij in de actuele begroting (en, na vaststelling van de " +
                "prognose, in de tekortprognose). Wie de mutatie opstelde, kan haar niet goedkeuren: 403. Twee keer goedkeuren: 400.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        mutations.MapPost("/{id:int}/reject", RejectAsync)
            .RequireAuthorization(AuthenticationSetup.Policies.Financieel)
            .WithName("RejectBudgetMutation")
            .WithSummary("Mutatie afwijzen")
            .WithDescription("Wijst een ingediende mutatie af, met een reden (verplicht). Wie haar opstelde, kan haar niet afwijzen: 403.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        mutations.MapGet("/{id:int}/history", MutationHistoryAsync)
            .WithName("GetBudgetMutationHistory")
            .WithSummary("Geschiedenis van een mutatie")
            .WithDescription("De regels van het auditlog over deze mutatie, nieuwste eerst: wie, wanneer en wat (voor → na).");

        MapLines(budget);
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

    private static async Task<Results<Ok<BudgetYearDto>, ProblemHttpResult>> GetYearAsync(
        [Description("Het begrotingsjaar, bijvoorbeeld 2017.")] int year, BudgetService budgets, CancellationToken ct)
    {
        if (await budgets.TableAsync(year, ct) is not { } table)
        {
            return ApiProblems.NotFound($"Geen begrotingscijfers voor {year}.");
        }

        var closed = (await budgets.YearSummariesAsync(ct)).Any(y => y.Year == year && y.ClosedAt is not null);
        return TypedResults.Ok(new BudgetYearDto(
            table.Year, closed, table.IsEstimate,
            table.Domains.Select(d => new BudgetYearDomainDto(
                d.Domain.DutchName(), d.Subtotal.Original, d.Subtotal.Mutations, d.Subtotal.Budget, d.Subtotal.Actual, d.Subtotal.Balance,
                d.Lines.Select(l => new BudgetYearLineDto(l.Code, l.Line, l.Figures.Original, l.Figures.Mutations, l.Figures.Budget, l.Figures.Actual, l.Figures.Balance)).ToList()))
                .ToList(),
            Amounts(table.Total)));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(
        [Description("Het begrotingsjaar, bijvoorbeeld 2017.")] int year, BudgetExcelExport export, AuditLog audit, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await export.CreateAsync(year, ct) is not { } workbook)
        {
            return ApiProblems.NotFound($"Geen begrotingscijfers voor {year}.");
        }

        await audit.RecordAsync(user.AuditName(), Domain.Audit.AuditAction.Export, $"Begroting {year} (Excel)", BudgetExcelExport.FileName(year), ct);
        return TypedResults.File(workbook, BudgetExcelExport.ContentType, BudgetExcelExport.FileName(year));
    }

    private static AmountsDto Amounts(BudgetFigures f) => new(f.Original, f.Mutations, f.Budget, f.Actual, f.Balance);

    private static async Task<Results<Ok<List<MutationDto>>, ValidationProblem>> ListMutationsAsync(
        [Description("concept, ingediend, goedgekeurd of afgewezen.")] string? status,
        [Description("Code van de post.")] string? line,
        [Description("Jaar: de mutaties die in dat jaar gelden.")] int? year,
        MutationService mutations, CancellationToken ct)
    {
        MutationStatus? parsed = null;
        if (!string.IsNullOrWhiteSpace(status) && (parsed = MutationKinds.ParseStatus(status)) is null)
        {
            return ApiProblems.Invalid("status", "Onbekende status", $"'{status}' is geen status; kies concept, ingediend, goedgekeurd of afgewezen.");
        }

        return TypedResults.Ok((await mutations.ListAsync(parsed, line, year, ct)).Select(ToDto).ToList());
    }

    private static async Task<Results<Created<CreatedMutationDto>, ValidationProblem, ProblemHttpResult>> CreateMutationAsync(
        MutationBody body, MutationService mutations, ClaimsPrincipal user, CancellationToken ct)
    {
        var (result, id) = body.Year is null || body.Amount is null
            ? (MissingYearOrAmount(body), null)
            : await mutations.CreateAsync(ToDraft(body), user.AuditName(), ct);
        return await result.AnswerAsync(() => Task.FromResult(TypedResults.Created($"{ApiEndpoints.Prefix}/budget/mutations/{id}", new CreatedMutationDto(id!.Value))));
    }

    private static async Task<Results<Ok<MutationDto>, ValidationProblem, ProblemHttpResult>> UpdateMutationAsync(
        [Description("Nummer van de mutatie.")] int id, MutationBody body, MutationService mutations, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = body.Year is null || body.Amount is null ? MissingYearOrAmount(body)
            : body.Version is not { } version ? ChangeResult.Invalid("version", "Geef de versie mee die u las.")
            : await mutations.UpdateAsync(id, ToDraft(body), version, user.AuditName(), ct);
        return await result.AnswerAsync(() => CurrentAsync(mutations, id, ct));
    }

    private static async Task<Results<Ok<MutationDto>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        [Description("Nummer van de mutatie.")] int id, DecisionBody? body, MutationService mutations, ClaimsPrincipal user, CancellationToken ct) =>
        await (await mutations.SubmitAsync(id, body?.Version, user.AuditName(), ct)).AnswerAsync(() => CurrentAsync(mutations, id, ct));

    private static async Task<Results<Ok<MutationDto>, ValidationProblem, ProblemHttpResult>> ApproveAsync(
        [Description("Nummer van de mutatie.")] int id, DecisionBody? body, MutationService mutations, ClaimsPrincipal user, CancellationToken ct) =>
        await (await mutations.ApproveAsync(id, body?.Version, user.AuditName(), ct)).AnswerAsync(() => CurrentAsync(mutations, id, ct));

    private static async Task<Results<Ok<MutationDto>, ValidationProblem, ProblemHttpResult>> RejectAsync(
        [Description("Nummer van de mutatie.")] int id, DecisionBody? body, MutationService mutations, ClaimsPrincipal user, CancellationToken ct) =>
        await (await mutations.RejectAsync(id, body?.Version, body?.Reason, user.AuditName(), ct)).AnswerAsync(() => CurrentAsync(mutations, id, ct));

    private static async Task<Ok<AuditPageDto>> MutationHistoryAsync(
        [Description("Nummer van de mutatie.")] int id,
        [Description("Paginanummer, vanaf 1 (50 regels per pagina). Standaard 1.")] int? page,
        AuditLog audit, CancellationToken ct) =>
        TypedResults.Ok(AuditEndpoints.ToDto(await audit.ListAsync(new AuditQuery(Page: page ?? 1, SubjectPrefix: MutationService.Subject(id)), ct)));

    private static async Task<Ok<MutationDto>> CurrentAsync(MutationService mutations, int id, CancellationToken ct) =>
        TypedResults.Ok(ToDto((await mutations.ListAsync(ct: ct)).Single(m => m.Id == id)));

    private static MutationDraft ToDraft(MutationBody body) =>
        new(body.LineCode, body.Year!.Value, body.Amount!.Value, body.Kind, body.Structural ?? false, body.Reason);

    private static ChangeResult MissingYearOrAmount(MutationBody body)
    {
        var errors = new Dictionary<string, string>();
        if (body.Year is null)
        {
            errors["year"] = "Vul het jaar in.";
        }

        if (body.Amount is null)
        {
            errors["amount"] = "Vul het bedrag in.";
        }

        return ChangeResult.Invalid(errors);
    }

    private static MutationDto ToDto(MutationSummary m) => new(
        m.Id, m.LineCode, m.Line, m.Year, m.Amount, m.Kind.Code(), m.Structural, m.Reason, m.Status.Code(), m.CreatedBy, m.CreatedAt, m.SubmittedAt,
        m.DecidedBy, m.DecidedAt, m.DecisionReason, m.Version);

    [Description("Het oorspronkelijke bedrag van een post in één jaar.")]
    public sealed record LineYearDto(
        [property: Description("Begrotingsjaar.")] int Year,
        [property: Description("Oorspronkelijke (primitieve) begroting in euro's.")] decimal OriginalBudget,
        [property: Description("Waar: een meerjarenraming, geen vastgestelde begroting.")] bool Estimate,
        [property: Description("Versie; geef die mee bij wijzigen.")] int Version);

    [Description("Een begrotingspost met zijn oorspronkelijke begroting per jaar.")]
    public sealed record BudgetLineStructureDto(
        [property: Description("Code, zoals WMO-04; verandert nooit.")] string Code,
        [property: Description("Naam.")] string Name,
        [property: Description("Domein: Beschermd wonen, Wmo, Jeugd, Participatie, Bijstand of Armoede.")] string Domain,
        [property: Description("Iv3-taakveld, zoals 6.71; kan leeg zijn.")] string? Taakveld,
        [property: Description("Wet: Wmo, Jeugdwet of Participatiewet; kan leeg zijn.")] string? Law,
        [property: Description("Versie; geef die mee bij wijzigen.")] int Version,
        [property: Description("Oorspronkelijke begroting per jaar.")] IReadOnlyList<LineYearDto> Years);

    [Description("Een nieuwe of gewijzigde begrotingspost.")]
    public sealed record BudgetLineBody(
        [property: Description("Code (alleen bij toevoegen), uniek, zoals WMO-12.")] string? Code,
        [property: Description("Naam, uniek binnen het domein.")] string? Name,
        [property: Description("Domein (alleen bij toevoegen): Beschermd wonen, Wmo, Jeugd, Participatie, Bijstand of Armoede.")] string? Domain,
        [property: Description("Iv3-taakveld, zoals 6.71; optioneel.")] string? Taakveld,
        [property: Description("Wet: Wmo, Jeugdwet of Participatiewet; optioneel.")] string? Law,
        [property: Description("Alleen bij wijzigen (PUT), en dan verplicht: de versie die u las.")] int? Version);

    [Description("De oorspronkelijke begroting van een post in een jaar.")]
    public sealed record OriginalBudgetBody(
        [property: Description("Bedrag in euro's, hoogstens twee decimalen.")] decimal? OriginalBudget,
        [property: Description("Reden (verplicht).")] string? Reason,
        [property: Description("De versie die u las; leeg als de post voor dit jaar nog geen bedrag had.")] int? Version);

    private static void MapLines(RouteGroupBuilder budget)
    {
        var lines = budget.MapGroup("/lines");
        lines.MapGet("", ListLinesAsync)
            .WithName("GetBudgetLines")
            .WithSummary("Begrotingsposten")
            .WithDescription("Alle posten per domein met code, naam, taakveld, wet, versie en de oorspronkelijke begroting per jaar.");

        lines.MapPost("", AddLineAsync)
            .RequireAuthorization(AuthenticationSetup.Policies.Financieel)
            .WithName("AddBudgetLine")
            .WithSummary("Begrotingspost toevoegen")
            .WithDescription("Voegt een post toe aan een domein. Code uniek, naam uniek binnen het domein; fouten geven 400 met de melding " +
                "onder het veld. Komt in het auditlog. Voor Controller en Beheerder.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        lines.MapPut("/{code}", UpdateLineAsync)
            .RequireAuthorization(AuthenticationSetup.Policies.Financieel)
            .WithName("UpdateBudgetLine")
            .WithSummary("Begrotingspost wijzigen")
            .WithDescription("Wijzigt naam, taakveld en wet van een post met de versie die u las (de code en het domein blijven); is de post " +
                "intussen gewijzigd, dan 409. Komt in het auditlog (voor → na).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        lines.MapPut("/{code}/years/{year:int}", SetOriginalBudgetAsync)
            .RequireAuthorization(AuthenticationSetup.Policies.Financieel)
            .WithName("SetBudgetLineOriginalBudget")
            .WithSummary("Oorspronkelijke begroting van een post zetten")
            .WithDescription("Zet of wijzigt de oorspronkelijke begroting van een post in een jaar, met een reden (verplicht) en de versie " +
                "die u las (leeg bij een nieuw jaar). Niet voor een afgesloten jaar. Komt in het auditlog (voor → na).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Ok<List<BudgetLineStructureDto>>> ListLinesAsync(BudgetLineService lines, CancellationToken ct) =>
        TypedResults.Ok((await lines.ListAsync(ct)).Select(ToDto).ToList());

    private static async Task<Results<Created<BudgetLineStructureDto>, ValidationProblem, ProblemHttpResult>> AddLineAsync(
        BudgetLineBody body, BudgetLineService lines, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await lines.AddLineAsync(body.Code, body.Name, body.Domain, body.Taakveld, body.Law, user.AuditName(), ct);
        return await result.AnswerAsync(async () =>
        {
            var line = await LineAsync(lines, body.Code!, ct);
            return TypedResults.Created($"{ApiEndpoints.Prefix}/budget/lines/{Uri.EscapeDataString(line.Code)}", line);
        });
    }

    private static async Task<Results<Ok<BudgetLineStructureDto>, ValidationProblem, ProblemHttpResult>> UpdateLineAsync(
        [Description("Code van de post, zoals WMO-04.")] string code, BudgetLineBody body, BudgetLineService lines, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = body.Version is not { } version
            ? ChangeResult.Invalid("version", "Geef de versie mee die u las.")
            : await lines.UpdateLineAsync(code, body.Name, body.Taakveld, body.Law, version, user.AuditName(), ct);
        return await result.AnswerAsync(async () => TypedResults.Ok(await LineAsync(lines, code, ct)));
    }

    private static async Task<Results<Ok<BudgetLineStructureDto>, ValidationProblem, ProblemHttpResult>> SetOriginalBudgetAsync(
        [Description("Code van de post, zoals WMO-04.")] string code, [Description("Begrotingsjaar.")] int year, OriginalBudgetBody body,
        BudgetLineService lines, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = body.OriginalBudget is not { } amount
            ? ChangeResult.Invalid("originalBudget", "Vul het bedrag in.")
            : await lines.SetOriginalBudgetAsync(code, year, amount, body.Reason, body.Version, user.AuditName(), ct);
        return await result.AnswerAsync(async () => TypedResults.Ok(await LineAsync(lines, code, ct)));
    }

    private static async Task<BudgetLineStructureDto> LineAsync(BudgetLineService lines, string code, CancellationToken ct) =>
        ToDto((await lines.ListAsync(ct)).Single(l => string.Equals(l.Code, code.Trim(), StringComparison.OrdinalIgnoreCase)));

    private static BudgetLineStructureDto ToDto(BudgetLineSummary l) => new(
        l.Code, l.Name, l.Domain.DutchName(), l.Taakveld, l.Law?.ToString(), l.Version,
        l.Years.Select(y => new LineYearDto(y.Year, y.OriginalBudget, y.IsEstimate, y.Version)).ToList());
}
