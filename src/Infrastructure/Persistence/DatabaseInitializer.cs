using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using SociaalDomein.Infrastructure.DemoData;
using SociaalDomein.Infrastructure.Identity;
using SociaalDomein.Infrastructure.Providers;

namespace SociaalDomein.Infrastructure.Persistence;

/// <summary>At start-up, before the app serves requests: applies the migrations, creates the roles and accounts,
/// and on an empty database seeds the demonstration data when SociaalDomein:SeedDemoData says so, queueing the recompute
/// of the provider figures so the Aanbieders page opens from stored figures (computing them takes seconds), of the
/// forecasts (likewise the forecast page) and the ceiling warnings. Under a database-wide
/// lock, so two instances starting together on one database do this one after the other: the second finds the
/// migrations applied and the data seeded.</summary>
public sealed class DatabaseInitializer(IServiceProvider services, IHostEnvironment environment, IConfiguration configuration, ILogger<DatabaseInitializer> logger)
    : IHostedService
{
    public const string SeedDemoDataKey = "SociaalDomein:SeedDemoData";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({StartupLock})", connection))
        {
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await InitialiseAsync(cancellationToken);
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({StartupLock})", connection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>The advisory lock of the start-up ("SDstart1").</summary>
    private const long StartupLock = 0x53_44_73_74_61_72_74_31;

    private async Task InitialiseAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);

        await scope.ServiceProvider.GetRequiredService<IdentitySeeder>().SeedAsync(demoAccounts: environment.IsDevelopment());

        if (configuration.GetValue(SeedDemoDataKey, environment.IsDevelopment()) && await DemoDataSeeder.SeedAsync(db, cancellationToken))
        {
            logger.LogInformation("Demonstratiegegevens geladen: {Municipality}.", DemoDataSeeder.MunicipalityName);
            // Seeding into an existing database can add actuals, claims or claim groups: stored forecasts are stale.
            Analysis.InputChanges.Add(db, DateTimeOffset.UtcNow, "demogegevens", Analysis.StoredAnalysis.Forecasts);
            await db.SaveChangesAsync(cancellationToken);
            var jobs = scope.ServiceProvider.GetRequiredService<IBackgroundJobClient>();
            ProviderRecomputeJob.Enqueue(jobs);
            ProviderWarningJob.Enqueue(jobs); // the demo's ceiling warning shows from the first start, not from the next morning
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
