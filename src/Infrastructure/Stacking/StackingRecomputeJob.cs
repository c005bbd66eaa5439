namespace SociaalDomein.Infrastructure.Stacking;

/// <summary>Recomputes the stored stacking results (<see cref="StackingService.RefreshAsync"/>). Enqueued after each
/// successful import; not scheduled on its own.</summary>
public sealed class StackingRecomputeJob(StackingService stacking)
{
    /// <summary>For <paramref name="referenceDate"/> when given; otherwise for every reference date already stored
    /// plus the default one (1 November of the latest year in which an assignment starts, as the council did).</summary>
    public async Task RunAsync(DateOnly? referenceDate, CancellationToken ct)
    {
        var dates = new SortedSet<DateOnly>();
        if (referenceDate is { } given)
        {
            dates.Add(given);
        }
        else
        {
            dates.UnionWith(await stacking.StoredReferenceDatesAsync(ct));
            if (await stacking.DefaultReferenceDateAsync(ct) is { } defaultDate)
            {
                dates.Add(defaultDate);
            }
        }

        foreach (var date in dates)
        {
            ct.ThrowIfCancellationRequested();
            await stacking.RefreshAsync(date, ct);
        }
    }
}
