using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
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

        services.AddSingleton(new Pseudonymiser(PseudonymisationKey.Resolve(builder.Configuration, builder.Environment)));
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
        services.AddHostedService<DatabaseInitializer>();
        services.AddHostedService<ImportRecovery>(); // after the migrations, before the job server
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ImportStorage>();
        services.AddSingleton<ImportService>();
        services.AddTransient<ImportJob>();

        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString),
                new PostgreSqlStorageOptions { SchemaName = HangfireSchema, PrepareSchemaIfNecessary = true }));
        services.AddHangfireServer(o => o.WorkerCount = Math.Max(2, Environment.ProcessorCount));
        services.AddTransient<DatabaseMaintenanceJob>();

        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<JobStorageHealthCheck>("taken");

        services.AddSingleton<UserDirectory>();
        services.AddSingleton<MunicipalityService>();
        services.AddSingleton<Districts.DistrictService>();
        services.AddSingleton<BudgetService>();
        services.AddSingleton<ScenarioService>();
        services.AddSingleton<OverviewService>();
        services.AddSingleton<Stacking.StackingService>().AddTransient<Stacking.StackingRecomputeJob>();
        services.AddSingleton<Stacking.StackingChoices>().AddSingleton<Stacking.StackingExcelExport>();
        return builder;
    }
}
