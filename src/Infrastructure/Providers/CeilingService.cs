using SociaalDomein.Domain.Providers;

namespace SociaalDomein.Infrastructure.Providers;

// SKELETON — owned by the ceilings/warnings engineer; signatures agreed with the provider pages.
public sealed class CeilingService
{
    /// <summary>The status of every ceiling of a year (all providers), ordered by provider.</summary>
    public Task<IReadOnlyList<CeilingStatus>> StatusesAsync(int year, CancellationToken ct) => throw new NotImplementedException();

    /// <summary>The statuses of one provider's ceilings, all years, newest year first.</summary>
    public Task<IReadOnlyList<CeilingStatus>> ForProviderAsync(string agb, CancellationToken ct) => throw new NotImplementedException();
}
