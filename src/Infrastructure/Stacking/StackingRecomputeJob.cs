namespace SociaalDomein.Infrastructure.Stacking;

/// <summary>Recomputes stored stacking results. Enqueued after each successful import and each district mapping change
/// (every result the pages will ask for: <see cref="StackingService.RefreshAllAsync"/>) and by "Opnieuw berekenen" for
/// one reference date (<see cref="StackingService.RefreshAsync"/>); not scheduled on its own.</summary>
public sealed class StackingRecomputeJob(StackingService stacking)
{
    public async Task RunAsync(DateOnly? referenceDate, CancellationToken ct)
    {
        if (referenceDate is { } date)
        {
            await stacking.RefreshAsync(date, ct);
        }
        else
        {
            await stacking.RefreshAllAsync(ct);
        }
    }
}
