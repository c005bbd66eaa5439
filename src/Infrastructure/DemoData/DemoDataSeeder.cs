using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Domain.Forecasts;
using SociaalDomein.Domain.Municipalities;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Domain.Scenarios;
using SociaalDomein.Infrastructure.Imports;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.DemoData;

/// <summary>
/// Fills an empty database with the demonstration municipality: Zwolle's figures from the Interventieplan sociaal
/// domein (docs/sources.md: Interventieplan 2018): the budget table 2015–2017 of Bijlage 1, the deficit components
/// 2017–2022 of §3.5, the four scenarios and the measures of §4.2 with their yields as the plan gives them; Zwolle's
/// five districts and synthetic assignments shaped like the stacking answer (docs/sources.md: Stapeling M12-6;
/// <see cref="DemoAssignments"/>), extended to 2015–2019 like Table 1 of the Drechtsteden study (<see cref="DemoHistory"/>),
/// with synthetic providers (<see cref="DemoProviders"/>), claims (<see cref="DemoClaims"/>) and budget ceilings
/// (<see cref="DemoCeilings"/>).
/// </summary>
public static class DemoDataSeeder
{
    public const string MunicipalityName = "Demogemeente (gebaseerd op Zwolle)";
    private const decimal Million = 1_000_000m;

    /// <summary>Seeds what the database lacks of the demonstration set; returns whether it added anything. A database
    /// holding a real municipality gets nothing.</summary>
    public static async Task<bool> SeedAsync(AppDbContext db, CancellationToken ct = default)
    {
        var seeded = false;
        if (!await db.Municipalities.AnyAsync(ct))
        {
            db.Municipalities.Add(new Municipality
            {
                Name = MunicipalityName,
                IsDemo = true,
                PrognosisAdoptedOn = new DateOnly(2018, 5, 15), // the Interventieplan
                StackingReferenceDate = DemoAssignments.ReferenceDate, // Zwolle's answer to motion M12-6
                Populations = [new MunicipalityPopulation { Year = 2018, Inhabitants = 126_138 }],
            });
            db.BudgetLines.AddRange(ReadBudgetLines());
            db.DeficitComponents.AddRange(DeficitComponents());
            db.PrudenceMargins.AddRange(
                new PrudenceMargin { Year = 2018, Amount = 1.0m * Million },
                new PrudenceMargin { Year = 2019, Amount = 2.0m * Million },
                new PrudenceMargin { Year = 2020, Amount = 2.5m * Million },
                new PrudenceMargin { Year = 2021, Amount = 2.5m * Million },
                new PrudenceMargin { Year = 2022, Amount = 2.5m * Million });
            AddScenariosAndMeasures(db);
            await db.SaveChangesAsync(ct);
            seeded = true;
        }

        if (!await db.Municipalities.AnyAsync(m => m.IsDemo, ct))
        {
            return seeded;
        }

        if (await db.Municipalities.AnyAsync(m => m.IsDemo && m.StackingReferenceDate == null, ct))
        {
            // A demo database from before the demo reached 2019: keep opening on Zwolle's reference date.
            await db.Municipalities.Where(m => m.IsDemo).ExecuteUpdateAsync(u => u.SetProperty(m => m.StackingReferenceDate, DemoAssignments.ReferenceDate), ct);
            seeded = true;
        }

        if (!await db.BudgetLineYears.AnyAsync(y => y.IsEstimate, ct))
        {
            await AddMultiYearEstimateAsync(db, ct);
            seeded = true;
        }

        if (!await db.ClaimGroups.AnyAsync(ct))
        {
            seeded |= await DemoClaimGroups.AddAsync(db, ct);
        }

        if (!await db.ActualMonths.AnyAsync(ct))
        {
            await AddMonthlyActualsAsync(db, ct);
            seeded = true;
        }

        if (!await db.Districts.AnyAsync(ct))
        {
            db.Districts.AddRange(DemoAssignments.Districts());
            await db.SaveChangesAsync(ct);
            seeded = true;
        }

        IReadOnlyList<Domain.Assignments.Assignment>? world = null;
        if (!await db.Assignments.AnyAsync(ct))
        {
            // The import's own set-based path: tens of thousands of rows through EF would take seconds.
            world = DemoAssignments.World();
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var loader = await AssignmentLoader.BeginAsync(connection, importRunId: 0, ct);
            foreach (var record in DemoAssignments.GenerateWorld(world))
            {
                loader.Write(record);
            }

            await loader.CompleteAsync(connection, ct);
            await transaction.CommitAsync(ct);
            seeded = true;
        }

        seeded |= await AddProvidersAsync(db, ct);

        if (!await db.Claims.AnyAsync(ct))
        {
            // Only for the demo's own assignments: a database seeded before the demo had claims keeps having none.
            world ??= DemoAssignments.World();
            var last = world[^1].IdentityKey;
            if (await db.Assignments.AnyAsync(a => a.IdentityKey == last, ct))
            {
                await AddClaimsAsync(db, world, ct);
                seeded = true;
            }
        }

        seeded |= await AddLedgerLineActualsAsync(db, ct);

        if (!await db.BudgetCeilings.AnyAsync(ct) && await db.Claims.AnyAsync(ct))
        {
            await DemoCeilings.AddAsync(db, ct);
            seeded = true;
        }

        return seeded;
    }

    /// <summary>The demo providers with their type, funding model and contract period (<see cref="DemoProviders"/>):
    /// missing ones added, ones an import created completed where nobody filled them in yet.</summary>
    private static async Task<bool> AddProvidersAsync(AppDbContext db, CancellationToken ct)
    {
        var stored = await db.Providers.ToDictionaryAsync(p => p.Agb, ct);
        var changed = false;
        foreach (var demo in DemoProviders.All)
        {
            if (!stored.TryGetValue(demo.Agb, out var provider))
            {
                db.Providers.Add(demo.ToEntity(DateTimeOffset.UtcNow));
                changed = true;
            }
            else if (provider is { Type: null, FundingModel: null, ContractStart: null, ContractEnd: null })
            {
                (provider.Type, provider.FundingModel, provider.ContractStart, provider.ContractEnd) =
                    (demo.Type, demo.FundingModel, demo.ContractStart, demo.ContractEnd);
                provider.Version++;
                changed = true;
            }
        }

        await db.SaveChangesAsync(ct);
        return changed;
    }

    /// <summary>The demo claims (<see cref="DemoClaims"/>), linked to the stored assignments, by binary COPY.</summary>
    private static async Task AddClaimsAsync(AppDbContext db, IReadOnlyList<Domain.Assignments.Assignment> world, CancellationToken ct)
    {
        var ids = await db.Assignments.Select(a => new { a.IdentityKey, a.Id }).ToDictionaryAsync(a => a.IdentityKey, a => a.Id, StringComparer.Ordinal, ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await DemoClaims.CopyAsync(connection, DemoClaims.Generate(world.Select(a => (a, ids.TryGetValue(a.IdentityKey, out var id) ? id : (long?)null))), ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Reads Bijlage 1 from the embedded CSV (amounts in euros, reconstructed so that every figure the
    /// source prints in thousands follows from them; see tools/reconstruct_bijlage1.py).</summary>
    internal static IEnumerable<BudgetLine> ReadBudgetLines()
    {
        using var stream = typeof(DemoDataSeeder).Assembly.GetManifestResourceStream(
            "SociaalDomein.Infrastructure.DemoData.begroting-2015-2017.csv")
            ?? throw new InvalidOperationException("Embedded demo budget table is missing.");
        using var reader = new StreamReader(stream);
        var lines = new List<BudgetLine>();
        var header = true;
        while (reader.ReadLine() is { } text)
        {
            if (text.StartsWith('#') || text.Length == 0)
            {
                continue;
            }

            if (header)
            {
                header = false;
                continue;
            }

            var cells = text.Split(';');
            var domain = BudgetDomains.FromDutchName(cells[0]) ?? throw new InvalidDataException($"Unknown domain '{cells[0]}'.");
            var sortOrder = int.Parse(cells[2], CultureInfo.InvariantCulture);
            var line = new BudgetLine
            {
                Code = $"{domain.CodePrefix()}-{sortOrder:00}",
                Domain = domain,
                Name = cells[1],
                SortOrder = sortOrder,
            };
            for (var i = 0; i < 3; i++)
            {
                line.Years.Add(new BudgetLineYear
                {
                    Year = 2015 + i,
                    Budget = decimal.Parse(cells[3 + 2 * i], CultureInfo.InvariantCulture),
                    Actual = decimal.Parse(cells[4 + 2 * i], CultureInfo.InvariantCulture),
                });
            }

            lines.Add(line);
        }

        return lines;
    }

    /// <summary>The multi-year estimate (meerjarenraming) 2018–2022: each line's 2017 budget carried forward, marked as an
    /// estimate, so that mutations for later years have a line-year to land on.</summary>
    private static async Task AddMultiYearEstimateAsync(AppDbContext db, CancellationToken ct)
    {
        var budgets2017 = await db.BudgetLineYears.Where(y => y.Year == 2017).ToListAsync(ct);
        foreach (var year in Enumerable.Range(2018, 5))
        {
            db.BudgetLineYears.AddRange(budgets2017.Select(b => new BudgetLineYear { BudgetLineId = b.BudgetLineId, Year = year, Budget = b.Budget, IsEstimate = true }));
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Monthly actuals 2015–2017 that add up, to the cent, to each line's annual actual in Bijlage 1
    /// (<see cref="MonthlyPattern"/>); all lines but LVB, whose months come from its claims
    /// (<see cref="AddLedgerLineActualsAsync"/>).</summary>
    private static async Task AddMonthlyActualsAsync(AppDbContext db, CancellationToken ct)
    {
        var ledgerLine = db.BudgetLines.Where(l => l.Code == DemoClaims.LedgerLine).Select(l => l.Id);
        var annual = await db.BudgetLineYears.Where(y => y.Actual != null && !ledgerLine.Contains(y.BudgetLineId)).ToListAsync(ct);
        db.ActualMonths.AddRange(annual.SelectMany(y => Spread(y.BudgetLineId, y.Year, y.Actual!.Value)));
        await db.SaveChangesAsync(ct);
    }

    private static IEnumerable<ActualMonth> Spread(int lineId, int year, decimal actual) =>
        MonthlyPattern.Spread(actual).Select((amount, i) => new ActualMonth { BudgetLineId = lineId, Year = year, Month = i + 1, Amount = amount });

    /// <summary>
    /// The monthly actuals of LVB (<see cref="DemoClaims.LedgerLine"/>), when it has none: its approved demo claims for care
    /// in each year of Bijlage 1, booked as the ledger books them (docs/domain.md §7): in the month a claim came in, and
    /// what came in after the year ended in December (the year-end accrual, *nog te betalen*: the annual accounts close
    /// when the late claims are in). They add up to Bijlage 1 because the claims were scaled to it
    /// (<see cref="DemoClaims.MatchLedger"/>). Without the demo claims (a database seeded before it had them) the line's
    /// months follow <see cref="MonthlyPattern"/> like the others. Returns whether it added any.
    /// </summary>
    private static async Task<bool> AddLedgerLineActualsAsync(AppDbContext db, CancellationToken ct)
    {
        var line = await db.BudgetLines.Where(l => l.Code == DemoClaims.LedgerLine).Select(l => (int?)l.Id).FirstOrDefaultAsync(ct);
        if (line is not { } lineId || await db.ActualMonths.AnyAsync(a => a.BudgetLineId == lineId, ct))
        {
            return false;
        }

        var years = await db.BudgetLineYears.Where(y => y.BudgetLineId == lineId && y.Actual != null)
            .Select(y => new { y.Year, Actual = y.Actual!.Value }).ToListAsync(ct);
        var (law, categories) = DemoClaimGroups.Links.Where(l => l.Code == DemoClaims.LedgerLine).Select(l => (l.Law, l.Categories)).Single();
        var booked = await db.Claims
            .Where(c => c.Status == ClaimStatus.Approved && c.Law == law && categories.Contains(c.ProductCategory!)
                && c.PeriodStart.Year >= DemoClaims.FirstLedgerYear && c.PeriodStart.Year <= DemoClaims.LastLedgerYear
                && c.ClaimNumber!.StartsWith("DEMO-"))
            .GroupBy(c => new { c.PeriodStart.Year, Month = c.SubmittedOn.Year > c.PeriodStart.Year ? 12 : c.SubmittedOn.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Amount = g.Sum(c => c.Amount) })
            .ToListAsync(ct);
        foreach (var year in years)
        {
            var months = booked.Where(b => b.Year == year.Year).ToDictionary(b => b.Month, b => b.Amount);
            db.ActualMonths.AddRange(months.Values.Sum() == year.Actual
                ? Enumerable.Range(1, 12).Select(m => new ActualMonth { BudgetLineId = lineId, Year = year.Year, Month = m, Amount = months.GetValueOrDefault(m) })
                : Spread(lineId, year.Year, year.Actual));
        }

        await db.SaveChangesAsync(ct);
        return years.Count > 0;
    }

    /// <summary>The table "Prognose sociaal domein" of §3.5, in € mln. 2018 has no transformation rows: the plan
    /// says they are already in the forecast ("al in prog.").</summary>
    private static IEnumerable<DeficitComponent> DeficitComponents()
    {
        (string Name, DeficitComponentKind Kind, int FirstYear, decimal[] Values)[] rows =
        [
            ("Wmo", DeficitComponentKind.StructuralDeficit, 2017, [-3.2m, -4.0m, -4.0m, -4.0m, -4.0m, -4.0m]),
            ("Jeugd", DeficitComponentKind.StructuralDeficit, 2017, [-2.4m, -5.0m, -5.0m, -5.0m, -5.0m, -5.0m]),
            ("WRA-Wezo", DeficitComponentKind.StructuralDeficit, 2017, [0.0m, -0.5m, -0.5m, -0.5m, -0.5m, -0.5m]),
            ("Sociaal wijkteam", DeficitComponentKind.StructuralDeficit, 2018, [-0.5m, -0.5m, -0.2m, -0.2m, -0.2m]),
            ("Loonschaal HH (landelijke afspraak)", DeficitComponentKind.StructuralDeficit, 2018, [-0.5m, -0.5m, -0.5m, -0.5m, -0.5m]),
            ("Geraamde transformatieopgave (PPN 18-21)", DeficitComponentKind.TransformationTarget, 2019, [0.5m, -1.3m, -1.8m, -1.8m]),
            ("Reëel te verwachten transformatieopbrengsten", DeficitComponentKind.TransformationYield, 2019, [1.0m, 2.2m, 2.8m, 3.3m]),
        ];
        return rows.SelectMany((row, order) => row.Values.Select((value, i) => new DeficitComponent
        {
            Year = row.FirstYear + i,
            Name = row.Name,
            Kind = row.Kind,
            Amount = value * Million,
            SortOrder = order + 1,
        }));
    }

    private static void AddScenariosAndMeasures(AppDbContext db)
    {
        var doorgaan = new Scenario { Rank = 1, Name = "Doorgaan", Description = "Huidige werkwijze voortzetten; geen nieuwe maatregelen (basispad)." };
        var optimaliseren = new Scenario { Rank = 2, Name = "Optimaliseren", Description = "Beter beheersen en sturen binnen de bestaande kaders." };
        var hervormen = new Scenario { Rank = 3, Name = "Hervormen", Description = "Optimaliseren plus stevige ingrepen: collectieve voorzieningen (W4)." };
        var herstructureren = new Scenario
        {
            Rank = 4,
            Name = "Herstructureren",
            Description = "Budget is leidend. Niet doorgerekend in het plan; indicatief weergegeven als pad naar evenwicht.",
            IsIndicative = true,
        };
        db.Scenarios.AddRange(doorgaan, optimaliseren, hervormen, herstructureren);

        const decimal k = 1_000m;
        decimal?[] pm5 = [null, null, null, null, null];
        Measure M(string code, string title, BudgetDomain? domain, Scenario first, decimal?[] yields, string? note = null,
            string? includedIn = null, decimal[]? costs = null, int firstYear = 2018) => new()
        {
            Code = code,
            Title = title,
            Domain = domain,
            FirstScenario = first,
            YieldNote = note,
            YieldIncludedIn = includedIn,
            Years = yields.Select((y, i) => new MeasureYear { Year = firstYear + i, Yield = y, ImplementationCost = costs?[i] ?? 0m }).ToList(),
        };

        const string jointP = "Het plan geeft één gezamenlijke opbrengst voor P1 t/m P5 (§4.2.3); die staat bij P1.";
        db.Measures.AddRange(
            M("W1", "Meer passende toekenning (voortzetting pilot SWT)", BudgetDomain.Wmo, optimaliseren,
                [250 * k, 250 * k, 250 * k, 250 * k, 250 * k],
                note: "Uitvoeringskosten € 125.000 per jaar vanaf 2019 (alleen zo volgt de tabel 'Effect scenario's' van het plan); de € 251.000 voor 2018 loopt via de berap.",
                costs: [0m, 125 * k, 125 * k, 125 * k, 125 * k]),
            M("W2", "Midden-scenario thuisondersteuning", BudgetDomain.Wmo, optimaliseren,
                [100 * k, 200 * k, 500 * k, 800 * k, 1_000 * k]),
            M("W3", "Vrijval voordeel beschermd wonen ten gunste van individuele begeleiding", BudgetDomain.Wmo, optimaliseren,
                [2_700 * k, 1_400 * k, 1_400 * k, 1_400 * k, 1_400 * k], note: "Maximale opbrengsten volgens het plan."),
            M("W4", "Collectiviseren voorzieningen door integrale contractering", BudgetDomain.Wmo, hervormen,
                [0m, 0m, 500 * k, 1_000 * k, 1_500 * k],
                note: "Het plan noemt ook € 2.000.000 in 2023; dat jaar valt buiten de prognoseperiode."),
            M("J1", "BSO+: alleen nog meerkosten financieren uit jeugdhulp", BudgetDomain.Jeugd, optimaliseren,
                [50 * k, 200 * k, 200 * k, 200 * k, 200 * k]),
            M("J2", "Onderscheid kinderen met dyslexie en andere spraak-/taalproblemen", BudgetDomain.Jeugd, optimaliseren,
                [50 * k, 100 * k, 200 * k, 200 * k, 200 * k]),
            M("J3", "Amv-plaatsen terugbrengen", BudgetDomain.Jeugd, optimaliseren,
                [0m, 0m, 0m, 0m, 0m], note: "Voorkomt verdere kostenstijging; gesaldeerd geen opbrengst."),
            M("P1", "Effectievere ondersteuning en begeleiding", BudgetDomain.Participatie, optimaliseren,
                [284 * k, 718 * k, 718 * k, 718 * k, 718 * k], note: jointP),
            M("P2", "Verhogen uitstroom en detacheringen, werkgeversdienstverlening gericht op de top 5 (publieke sector)",
                BudgetDomain.Participatie, optimaliseren, [], includedIn: "P1"),
            M("P3", "Meer gebruik van werkplekken Wezo door Participatiewet-cliënten", BudgetDomain.Participatie, optimaliseren, [], includedIn: "P1"),
            M("P4", "Afschaffen indienstnemingssubsidies", BudgetDomain.Participatie, optimaliseren, [], includedIn: "P1"),
            M("P5", "Passende ondersteuning en zorg", BudgetDomain.Participatie, optimaliseren, [], includedIn: "P1"),
            M("P6", "Passende huisvesting Wezo-WRA", BudgetDomain.Participatie, optimaliseren, pm5),
            M("S1", "Verdeelmodellen", null, optimaliseren, pm5),
            M("S2", "Passende tarieven door nadrukkelijker data-analyse", null, optimaliseren, pm5),
            M("S3", "Toepassing juiste wetten", null, optimaliseren, [null, 250 * k, 250 * k, 250 * k, 250 * k],
                note: "Concreet gemaakt voor jeugdhulp (18-/18+)."),
            M("S4", "Uitvoeringstoets", null, optimaliseren, pm5));
    }
}
