namespace SociaalDomein.Domain.Forecasts;

/// <summary>The three ways a budget line's year-end is forecast (docs/domain.md §7, issue 11), in the order the page lists
/// them; that order also breaks a tie in <see cref="ForecastAccuracy.Recommend"/>.</summary>
public enum ForecastMethod
{
    /// <summary>Lineair: actual to date × 12 ÷ months elapsed (<see cref="LinearForecast"/>).</summary>
    Linear = 1,

    /// <summary>Corrected for late claims: chain ladder on the run-off triangle of claims (<see cref="LagAdjustedForecast"/>).</summary>
    LagAdjusted = 2,

    /// <summary>From the assignments: claimed to date + remaining assigned × historical utilisation (<see cref="CommitmentForecast"/>).</summary>
    Commitment = 3,
}

public static class ForecastMethods
{
    /// <summary>Every method, in enum order.</summary>
    public static readonly IReadOnlyList<ForecastMethod> All = [ForecastMethod.Linear, ForecastMethod.LagAdjusted, ForecastMethod.Commitment];

    public static string DutchName(this ForecastMethod method) => method switch
    {
        ForecastMethod.Linear => "Lineair",
        ForecastMethod.LagAdjusted => "Gecorrigeerd voor late declaraties",
        ForecastMethod.Commitment => "Op basis van toewijzingen",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };
}

/// <summary>
/// One method's year-end forecast: an amount in euros (exact, unrounded, docs/domain.md §3), or "niet te berekenen" with a
/// Dutch reason a user can read. Never both, never neither; a forecast is never NaN or infinite because it is a
/// <see cref="decimal"/> and every division in the calculators is guarded.
/// </summary>
public sealed record YearEndForecast
{
    /// <summary>What a page or workbook shows instead of an amount.</summary>
    public const string NotComputableText = "niet te berekenen";

    private YearEndForecast(ForecastMethod method, decimal? amount, string? reason)
    {
        Method = method;
        Amount = amount;
        Reason = reason;
    }

    public ForecastMethod Method { get; }

    /// <summary>The forecast for the whole year; null when not computable.</summary>
    public decimal? Amount { get; }

    /// <summary>Why it cannot be computed, in Dutch; null when <see cref="Amount"/> is set.</summary>
    public string? Reason { get; }

    public bool IsComputable => Amount is not null;

    public static YearEndForecast Of(ForecastMethod method, decimal amount) => new(method, amount, null);

    public static YearEndForecast NotComputable(ForecastMethod method, string reason) =>
        string.IsNullOrWhiteSpace(reason)
            ? throw new ArgumentException("A forecast that cannot be computed needs a reason.", nameof(reason))
            : new YearEndForecast(method, null, reason);
}
