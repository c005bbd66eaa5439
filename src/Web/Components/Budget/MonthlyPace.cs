using SociaalDomein.Infrastructure.Budgets;

namespace SociaalDomein.Web.Components.Budget;

/// <summary>One month of a line's drill-down: what was booked (null: nothing booked that month), the cumulative actual
/// up to the month (null after the last booked month) and the budget's pace: the current budget × month / 12.</summary>
public sealed record PaceMonth(int Month, decimal? Actual, decimal? Cumulative, decimal Pace);

/// <summary>A line's actual per month against the even spending of its current budget over the year.</summary>
public static class MonthlyPace
{
    public static IReadOnlyList<PaceMonth> Build(decimal budget, IReadOnlyList<MonthAmount> months)
    {
        var booked = months.GroupBy(m => m.Month).ToDictionary(g => g.Key, g => g.Sum(m => m.Amount));
        var last = booked.Count == 0 ? 0 : booked.Keys.Max();
        var cumulative = 0m;
        var result = new List<PaceMonth>(12);
        for (var month = 1; month <= 12; month++)
        {
            var actual = booked.TryGetValue(month, out var amount) ? amount : (decimal?)null;
            cumulative += actual ?? 0m;
            result.Add(new PaceMonth(month, actual, month <= last ? cumulative : null, budget * month / 12m));
        }

        return result;
    }
}
