using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SociaalDomein.Infrastructure.DemoData;
using SociaalDomein.Infrastructure.Identity;

namespace SociaalDomein.Infrastructure.Persistence;

/// <summary>At start-up, before the app serves requests: applies the migrations, creates the roles and accounts,
/// and on an empty database seeds the demonstration data when SociaalDomein:SeedDemoData says so.</summary>
public sealed class DatabaseInitializer(IServiceProvider services, IHostEnvironment environment, IConfiguration configuration, ILogger<DatabaseInitializer> logger)
    : IHostedService
{
    public const string SeedDemoDataKey = "SociaalDomein:SeedDemoData";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);

        await scope.ServiceProvider.GetRequiredService<IdentitySeeder>().SeedAsync(demoAccounts: environment.IsDevelopment());

        if (configuration.GetValue(SeedDemoDataKey, environment.IsDevelopment()) && await DemoDataSeeder.SeedAsync(db, cancellationToken))
        {
            logger.LogInformation("Demonstratiegegevens geladen: {Municipality}.", DemoDataSeeder.MunicipalityName);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
