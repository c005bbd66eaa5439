using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Domain.Districts;
using SociaalDomein.Domain.Forecasts;
using SociaalDomein.Domain.Imports;
using SociaalDomein.Domain.Municipalities;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Domain.Scenarios;
using SociaalDomein.Domain.Stacking;

namespace SociaalDomein.Infrastructure.Persistence;

/// <summary>The one database context: application data, the ASP.NET Core Identity tables and the Data Protection keys
/// (so login cookies survive restarts and work across instances) side by side.</summary>
public class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<IdentityUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Municipality> Municipalities => Set<Municipality>();

    /// <summary>The municipality using the product: the first registered (the product serves one), ordered so that
    /// every read picks the same row.</summary>
    public IQueryable<Municipality> CurrentMunicipality => Municipalities.OrderBy(m => m.Id);

    public DbSet<MunicipalityPopulation> MunicipalityPopulations => Set<MunicipalityPopulation>();
    public DbSet<BudgetLine> BudgetLines => Set<BudgetLine>();
    public DbSet<BudgetLineYear> BudgetLineYears => Set<BudgetLineYear>();
    public DbSet<BudgetYear> BudgetYears => Set<BudgetYear>();
    public DbSet<BudgetMutation> BudgetMutations => Set<BudgetMutation>();
    public DbSet<ActualMonth> ActualMonths => Set<ActualMonth>();
    public DbSet<DeficitComponent> DeficitComponents => Set<DeficitComponent>();
    public DbSet<ClaimGroup> ClaimGroups => Set<ClaimGroup>();
    public DbSet<Forecasts.ForecastMethodChoice> ForecastMethodChoices => Set<Forecasts.ForecastMethodChoice>();
    public DbSet<ClaimGroupCategory> ClaimGroupCategories => Set<ClaimGroupCategory>();
    public DbSet<Scenario> Scenarios => Set<Scenario>();
    public DbSet<Measure> Measures => Set<Measure>();
    public DbSet<MeasureYear> MeasureYears => Set<MeasureYear>();
    public DbSet<PrudenceMargin> PrudenceMargins => Set<PrudenceMargin>();
    public DbSet<MeasureRealisation> MeasureRealisations => Set<MeasureRealisation>();
    public DbSet<ScenarioPathYear> ScenarioPathYears => Set<ScenarioPathYear>();
    public DbSet<CustomScenario> CustomScenarios => Set<CustomScenario>();
    public DbSet<Scenarios.ScenarioFigureSet> ScenarioFigureSets => Set<Scenarios.ScenarioFigureSet>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<Provider> Providers => Set<Provider>();
    public DbSet<BudgetCeiling> BudgetCeilings => Set<BudgetCeiling>();
    public DbSet<ProviderWarning> ProviderWarnings => Set<ProviderWarning>();
    public DbSet<Claim> Claims => Set<Claim>();
    public DbSet<Tariff> Tariffs => Set<Tariff>();
    public DbSet<Providers.ProviderFigureSet> ProviderFigureSets => Set<Providers.ProviderFigureSet>();
    public DbSet<Forecasts.ForecastFigureSet> ForecastFigureSets => Set<Forecasts.ForecastFigureSet>();
    public DbSet<Forecasts.ForecastAccuracySet> ForecastAccuracySets => Set<Forecasts.ForecastAccuracySet>();
    public DbSet<District> Districts => Set<District>();
    public DbSet<PostcodeDistrict> PostcodeDistricts => Set<PostcodeDistrict>();
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();
    public DbSet<ImportRowError> ImportRowErrors => Set<ImportRowError>();
    public DbSet<StackingSnapshot> StackingSnapshots => Set<StackingSnapshot>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Analysis.InputChange> InputChanges => Set<Analysis.InputChange>();
    public DbSet<Imports.ImportFileChunk> ImportFileChunks => Set<Imports.ImportFileChunk>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Money is numeric(14,2) everywhere (docs/domain.md §3): never double, never an unbounded numeric.
        configurationBuilder.Properties<decimal>().HavePrecision(14, 2);
    }
}
