using SociaalDomein.Infrastructure.Database;

namespace SociaalDomein.Web;

/// <summary>Stops the embedded PostgreSQL server cleanly when the app stops.</summary>
internal sealed class LocalPostgresLifetime(LocalPostgresServer server) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => server.StopAsync(cancellationToken);
}
