using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.Database;
using SociaalDomein.Infrastructure.Health;
using SociaalDomein.Infrastructure.Identity;
using SociaalDomein.Infrastructure.Imports;
using SociaalDomein.Infrastructure.Jobs;
using SociaalDomein.Infrastructure.Municipalities;
using SociaalDomein.Infrastructure.Overview;
using SociaalDomein.Infrastructure.Persistence;
using SociaalDomein.Infrastructure.Privacy;
using SociaalDomein.Infrastructure.Scenarios;

namespace SociaalDomein.Infrastructure;

public static class DependencyInjection
{
    public const string HangfireSchema = "hangfire";

    /// <summary>The database, Identity stores, background jobs, health checks and the feature services.
    /// Expects ConnectionStrings:SociaalDomein to be set (see <see cref="DatabaseStartup"/>). Throws
    /// <see cref="StartupException"/> outside Development when no pseudonymisation key is configured.</summary>
    public static IHostApplicationBuilder AddInfrastructure(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(DatabaseStartup.ConnectionStringName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{DatabaseStartup.ConnectionStringName} is not set.");
        var services = builder.Services;

        // First of the hosted services: the migrations must have run before Data Protection, Hangfire or imports look.
        services.AddHostedService<DatabaseInitializer>();
        var pseudonymisationKey = PseudonymisationKey.Resolve(builder.Configuration, builder.Environment);
        services.AddSingleton(new Pseudonymiser(pseudonymisationKey));
        services.AddSingleton(new FileCipher(ImportFileKey.Resolve(builder.Configuration, pseudonymisationKey)));
        var dataSource = NpgsqlDataSource.Create(connectionString);
        services.AddSingleton(dataSource);
        services.AddDbContextFactory<AppDbContext>(o => o.UseNpgsql(dataSource));
        services.AddDataProtection().SetApplicationName("SociaalDomein").PersistKeysToDbContext<AppDbContext>();
        services.AddIdentityCore<IdentityUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddScoped<IdentitySeeder>();
        services.AddOptions<ImportSettings>().BindConfiguration(ImportSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ImportWatchdog>().AddHostedService(p => p.GetRequiredService<ImportWatchdog>()); // after the migrations
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ImportFiles>();
        services.AddSingleton<ImportService>();
        services.AddTransient<ImportJob>();
        services.AddTransient<ImportFileRetentionJob>();

        var jobOptions = new PostgreSqlStorageOptions
        {
            SchemaName = HangfireSchema,
            PrepareSchemaIfNecessary = true,
            // Someone who uploads a file watches its progress: start within a second, not the default 15.
            QueuePollInterval = TimeSpan.FromSeconds(1),
        };
        // This app's own storage in DI, used by the job client, the server, the dashboard and the health check.
        // AddHangfire alone falls back to the process-wide JobStorage.Current, which the last configured app wins.
        var jobStorage = new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(connectionString, jobOptions), jobOptions);
        services.AddSingleton<JobStorage>(jobStorage);
        services.AddHangfire((provider, config) => config
            .UseLogProvider(new HangfireLogProvider(provider.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(jobStorage));
        // Jobs wait on PostgreSQL more than on the CPU; four workers keep an import from queueing behind recomputes.
        // The server resolves jobs from this app's container, not from the process-wide JobActivator.Current.
        services.AddHangfireServer((provider, o) =>
        {
            o.WorkerCount = Math.Max(4, Environment.ProcessorCount);
            o.Activator = new Hangfire.AspNetCore.AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>());
        });
        services.AddTransient<DatabaseMaintenanceJob>();

        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<JobStorageHealthCheck>("taken");

        services.AddSingleton<AuditLog>();
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<MunicipalityService>();
        services.AddSingleton<Districts.DistrictService>();
        services.AddSingleton<BudgetService>();
        services.AddSingleton<Budgets.MutationService>();
        services.AddSingleton<Budgets.BudgetLineService>();
        services.AddSingleton<Providers.TariffService>();
        services.AddSingleton<Budgets.BudgetExcelExport>();
        services.AddSingleton<Reports.QuarterlyReport>();
        services.AddSingleton<ScenarioService>();
        services.AddSingleton<Scenarios.ScenarioFigureStore>().AddTransient<Scenarios.ScenarioRecomputeJob>();
        services.AddSingleton<Scenarios.MeasureService>();
        services.AddSingleton<Scenarios.ScenarioExcelExport>();
        services.AddSingleton<Forecasts.DeficitComponentService>();
        services.AddSingleton<Forecasts.ForecastService>().AddSingleton<Forecasts.ClaimGroupService>();
        services.AddSingleton<Forecasts.ForecastMethodChoiceService>();
        services.AddSingleton<Forecasts.ForecastFigureStore>().AddTransient<Forecasts.ForecastRecomputeJob>();
        services.AddSingleton<OverviewService>();
        services.AddSingleton(Stacking.StackingSettings.From(builder.Configuration));
        services.AddSingleton<Stacking.StackingService>().AddTransient<Stacking.StackingRecomputeJob>();
        services.AddSingleton<Stacking.StackingExcelExport>();
        services.AddSingleton<Providers.ProviderFigureStore>().AddTransient<Providers.ProviderRecomputeJob>();
        services.AddSingleton<Providers.ProviderService>();
        services.AddSingleton(Providers.ProviderSettings.From(builder.Configuration));
        services.AddSingleton<Providers.CeilingService>().AddSingleton<Providers.ProviderEditService>().AddTransient<Providers.ProviderWarningJob>();
        services.AddSingleton<Providers.ProviderWarningService>().AddSingleton<Providers.ProviderWarningExcelExport>();
        return builder;
    }
}
