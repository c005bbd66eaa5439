namespace SociaalDomein.Domain.Stacking;

/// <summary>A stored stacking result for a reference date and filter, so the Stapeling page opens instantly.
/// Recomputed by a background job after every import and on request.</summary>
public class StackingSnapshot
{
    public long Id { get; set; }
    public DateOnly ReferenceDate { get; set; }

    /// <summary>"" for all laws, else the law's name; "" for all districts, else the district name.</summary>
    public string Law { get; set; } = "";
    public string District { get; set; } = "";

    public DateTimeOffset ComputedAt { get; set; }

    /// <summary>How many changes to the analysis' input (succeeded imports, district mapping changes) the data it was
    /// computed from held, read in the same database snapshot. While that is still the number of changes, the result
    /// is current.</summary>
    public long InputVersion { get; set; }

    /// <summary>The result as JSON (the shape of <c>StackingResult</c>).</summary>
    public required string ResultJson { get; set; }
}
