using SociaalDomein.Domain.Assignments;

namespace SociaalDomein.Domain.Providers;

/// <summary>An assignment as the provider figures see it: who, which provider, which law and product, and when.
/// <see cref="ClientKey"/> is the pseudonymous key in any stable text form (the store uses hex).</summary>
public sealed record ProviderAssignment(string ClientKey, string ProviderAgb, Law Law, string ProductCode, DateOnly Start, DateOnly? End);

/// <summary>A claim as the provider figures see it; a credit has a negative <see cref="Amount"/>.</summary>
public sealed record ProviderClaimInput(
    string ClientKey, string ProviderAgb, Law Law, string ProductCode, DateOnly PeriodStart, DateOnly PeriodEnd, decimal Amount, ClaimStatus Status);

/// <summary>What a provider is called and which reference group it belongs to (null: not yet classified).</summary>
public sealed record ProviderInfo(string Name, ProviderType? Type);

/// <summary>The page's filter, applied to assignments and claims before anything is counted: one law, one product code,
/// or both. Stored as a key: "" (everything), "wet:Wmo", "product:02A06", "wet:Wmo;product:02A06".</summary>
public sealed record ProviderFilter(Law? Law = null, string? ProductCode = null)
{
    public static readonly ProviderFilter All = new();

    public string Key => string.Join(';', new[]
    {
        Law is { } law ? "wet:" + law : null,
        string.IsNullOrEmpty(ProductCode) ? null : "product:" + ProductCode,
    }.Where(p => p is not null));

    public static bool TryParse(string? key, out ProviderFilter filter)
    {
        filter = All;
        Law? law = null;
        string? product = null;
        foreach (var part in (key ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("wet:", StringComparison.Ordinal) && law is null && Enum.TryParse<Law>(part[4..], out var l) && Enum.IsDefined(l)
                && !int.TryParse(part[4..], out _))
            {
                law = l;
            }
            else if (part.StartsWith("product:", StringComparison.Ordinal) && product is null && part.Length > 8)
            {
                product = part[8..];
            }
            else
            {
                return false;
            }
        }

        filter = new ProviderFilter(law, product);
        return true;
    }

    public bool Admits(Law law, string productCode) =>
        (Law is null || Law == law) && (string.IsNullOrEmpty(ProductCode) || string.Equals(ProductCode, productCode, StringComparison.Ordinal));
}

/// <summary>A trajectory (docs/domain.md §9): a client's assignments with one provider under one law, merged while the
/// days without an assignment between one end and the next start are at most 31; from the first start to the last end,
/// <see cref="End"/> null when it is still open.</summary>
public sealed record Trajectory(string ClientKey, string ProviderAgb, Law Law, DateOnly Start, DateOnly? End)
{
    /// <summary>End − start + 1 days; null while open.</summary>
    public int? Days => End is { } end ? end.DayNumber - Start.DayNumber + 1 : null;
}

/// <summary>What can be counted per provider and year; everything of <see cref="ProviderYearFigures"/> follows from
/// these (and the previous year's) by division. The SQL of the store returns exactly these.</summary>
public sealed record ProviderYearCounts(
    string Agb,
    int Year,
    int Clients,
    decimal Expenditure,
    int ClientMonths,
    int Inflow,
    int Outflow,
    int Reentries,
    int EndedTrajectories,
    long EndedTrajectoryDays,
    decimal? MedianTrajectoryDays);

/// <summary>What can be counted per group (a provider type, or <see cref="Type"/> null: every provider) and year, each
/// client once: clients active at a provider of the group, distinct (client, month) pairs with a positive net claim
/// amount in the group, clients with a trajectory at a provider of the group starting (inflow) or ending (outflow) in
/// the year.</summary>
public sealed record GroupYearCounts(ProviderType? Type, int Year, int Clients, int ClientMonths, int Inflow, int Outflow);

public sealed record ProviderCounts(IReadOnlyList<ProviderYearCounts> Providers, IReadOnlyList<GroupYearCounts> Groups);

/// <summary>
/// The provider figures of docs/domain.md §9 over plain inputs: the oracle the SQL of the store is tested against.
/// <see cref="Count"/> does the counting (the part the SQL repeats), <see cref="Build"/> turns counts into the figures
/// the page shows (shared with the store, so the divisions are written once).
/// </summary>
public static class ProviderCalculator
{
    /// <summary>Assignments with at most this many days without care between them form one trajectory.</summary>
    public const int MergeGapDays = 31;

    /// <summary>A new trajectory starting at most this many days after one of the client's trajectories (same law, any
    /// provider) ended is a re-entry.</summary>
    public const int ReentryDays = 183;

    public const int TopCount = 5;

    /// <summary>The figures of one year: counts for that year and the one before, then <see cref="Build"/>.</summary>
    public static ProviderYearSet Calculate(int year, IEnumerable<ProviderAssignment> assignments, IEnumerable<ProviderClaimInput> claims,
        ProviderFilter filter, IReadOnlyDictionary<string, ProviderInfo> providers) =>
        Build(year, Count(assignments, claims, filter, providers, year, year), providers);

    /// <summary>Whether an assignment is care: a revoked one (end = start) or one ending before it starts is not.</summary>
    public static bool IsCare(DateOnly start, DateOnly? end) => end is not { } e || e > start;

    /// <summary>The amount of a claim that falls in a year: prorated by the days of its service period in the year.</summary>
    public static decimal AmountInYear(DateOnly periodStart, DateOnly periodEnd, decimal amount, int year)
    {
        var periodDays = periodEnd.DayNumber - periodStart.DayNumber + 1;
        var from = Max(periodStart, new DateOnly(year, 1, 1));
        var to = Min(periodEnd, new DateOnly(year, 12, 31));
        var days = to.DayNumber - from.DayNumber + 1;
        return periodDays <= 0 || days <= 0 ? 0m : amount * days / periodDays;
    }

    /// <summary>(Y − (Y−1)) / (Y−1); null when the previous value is 0.</summary>
    public static decimal? Growth(decimal current, decimal previous) => previous == 0 ? null : (current - previous) / previous;

    /// <summary>The middle value, or the mean of the two middle values of an even count; null for none.</summary>
    public static decimal? Median(IReadOnlyList<int> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2m;
    }

    /// <summary>The trajectories of the given assignments (callers pass care only, see <see cref="IsCare"/>).</summary>
    public static IReadOnlyList<Trajectory> Trajectories(IEnumerable<ProviderAssignment> assignments)
    {
        var result = new List<Trajectory>();
        foreach (var group in assignments.GroupBy(a => (a.ClientKey, a.ProviderAgb, a.Law)))
        {
            DateOnly? start = null;
            DateOnly? end = null;
            var open = false;
            foreach (var a in group.OrderBy(a => a.Start).ThenBy(a => a.End ?? DateOnly.MaxValue))
            {
                // A new trajectory when the previous is closed and more than MergeGapDays days without care lie between.
                if (start is null || (!open && a.Start.DayNumber - end!.Value.DayNumber - 1 > MergeGapDays))
                {
                    if (start is { } s)
                    {
                        result.Add(new Trajectory(group.Key.ClientKey, group.Key.ProviderAgb, group.Key.Law, s, open ? null : end));
                    }

                    start = a.Start;
                    end = a.End;
                    open = a.End is null;
                }
                else if (open)
                {
                    // an open trajectory takes in everything after its start
                }
                else if (a.End is not { } e)
                {
                    open = true;
                }
                else if (e > end!.Value)
                {
                    end = e;
                }
            }

            result.Add(new Trajectory(group.Key.ClientKey, group.Key.ProviderAgb, group.Key.Law, start!.Value, open ? null : end));
        }

        return result;
    }

    /// <summary>Whether a trajectory is a re-entry: another trajectory of the client under the same law (any provider)
    /// ended 1 to <see cref="ReentryDays"/> days before it started.</summary>
    public static bool IsReentry(Trajectory trajectory, IEnumerable<Trajectory> clientTrajectories) =>
        clientTrajectories.Any(p => p.Law == trajectory.Law && p.End is { } end
            && trajectory.Start.DayNumber - end.DayNumber is >= 1 and <= ReentryDays);

    /// <summary>The counts per provider and per group that <see cref="Build"/> needs for the figures of the years
    /// <paramref name="firstYear"/> to <paramref name="lastYear"/>, after the filter: every count for those years and
    /// the year before, except client-months, which only a figure year's own figures use (the year before is read for
    /// growth: clients and expenditure) and which are the dearest count over many claims. Providers without anything in
    /// a year have no row for it.</summary>
    public static ProviderCounts Count(IEnumerable<ProviderAssignment> assignments, IEnumerable<ProviderClaimInput> claims,
        ProviderFilter filter, IReadOnlyDictionary<string, ProviderInfo> providers, int firstYear, int lastYear)
    {
        var care = assignments.Where(a => IsCare(a.Start, a.End) && filter.Admits(a.Law, a.ProductCode)).ToList();
        var approved = claims
            .Where(c => c.Status == ClaimStatus.Approved && c.PeriodEnd >= c.PeriodStart && filter.Admits(c.Law, c.ProductCode))
            .ToList();
        ProviderType? TypeOf(string agb) => providers.TryGetValue(agb, out var info) ? info.Type : null;
        IEnumerable<ProviderType?> GroupsOf(string agb) => TypeOf(agb) is { } type ? [type, null] : [null];
        var years = Enumerable.Range(firstYear - 1, Math.Max(0, lastYear - firstYear + 2)).ToList();

        var rows = new Dictionary<(string Agb, int Year), Row>();
        var groups = new Dictionary<(ProviderType? Type, int Year), GroupRow>();
        Row RowOf(string agb, int year) => rows.TryGetValue((agb, year), out var r) ? r : rows[(agb, year)] = new Row();
        GroupRow GroupOf(ProviderType? type, int year) => groups.TryGetValue((type, year), out var g) ? g : groups[(type, year)] = new GroupRow();

        // clients(Y): active on at least one day of Y
        foreach (var a in care)
        {
            foreach (var year in years.Where(y => a.Start <= new DateOnly(y, 12, 31) && (a.End is not { } end || end >= new DateOnly(y, 1, 1))))
            {
                RowOf(a.ProviderAgb, year).Clients.Add(a.ClientKey);
                foreach (var type in GroupsOf(a.ProviderAgb))
                {
                    GroupOf(type, year).Clients.Add(a.ClientKey);
                }
            }
        }

        // trajectories: inflow, outflow, durations, re-entries
        var trajectories = Trajectories(care);
        var byClient = trajectories.ToLookup(t => t.ClientKey);
        foreach (var t in trajectories)
        {
            if (years.Contains(t.Start.Year))
            {
                var row = RowOf(t.ProviderAgb, t.Start.Year);
                row.Inflow++;
                row.Reentries += IsReentry(t, byClient[t.ClientKey]) ? 1 : 0;
                foreach (var type in GroupsOf(t.ProviderAgb))
                {
                    GroupOf(type, t.Start.Year).Inflow.Add(t.ClientKey);
                }
            }

            if (t.End is { } end && years.Contains(end.Year))
            {
                var row = RowOf(t.ProviderAgb, end.Year);
                row.Outflow++;
                row.Durations.Add(t.Days!.Value);
                foreach (var type in GroupsOf(t.ProviderAgb))
                {
                    GroupOf(type, end.Year).Outflow.Add(t.ClientKey);
                }
            }
        }

        // expenditure(Y) and the client-months: the net amount of the approved claims touching a month, > 0
        foreach (var c in approved)
        {
            foreach (var year in years.Where(y => c.PeriodStart.Year <= y && c.PeriodEnd.Year >= y))
            {
                RowOf(c.ProviderAgb, year).Expenditure += AmountInYear(c.PeriodStart, c.PeriodEnd, c.Amount, year);
            }

            for (var month = new DateOnly(c.PeriodStart.Year, c.PeriodStart.Month, 1); month <= c.PeriodEnd; month = month.AddMonths(1))
            {
                if (month.Year < firstYear || month.Year > lastYear)
                {
                    continue;
                }

                Add(RowOf(c.ProviderAgb, month.Year).MonthNet, (c.ClientKey, month), c.Amount);
                foreach (var type in GroupsOf(c.ProviderAgb))
                {
                    Add(GroupOf(type, month.Year).MonthNet, (c.ClientKey, month), c.Amount);
                }
            }
        }

        return new ProviderCounts(
            rows.OrderBy(r => r.Key.Agb, StringComparer.Ordinal).ThenBy(r => r.Key.Year)
                .Select(r => new ProviderYearCounts(
                    r.Key.Agb, r.Key.Year, r.Value.Clients.Count, r.Value.Expenditure, r.Value.MonthNet.Values.Count(v => v > 0),
                    r.Value.Inflow, r.Value.Outflow, r.Value.Reentries, r.Value.Durations.Count, r.Value.Durations.Sum(d => (long)d),
                    Median(r.Value.Durations)))
                .ToList(),
            groups.OrderBy(g => g.Key.Type.HasValue ? (int)g.Key.Type.Value : 0).ThenBy(g => g.Key.Year)
                .Select(g => new GroupYearCounts(
                    g.Key.Type, g.Key.Year, g.Value.Clients.Count, g.Value.MonthNet.Values.Count(v => v > 0), g.Value.Inflow.Count, g.Value.Outflow.Count))
                .ToList());
    }

    /// <summary>The figures of one year from the counts of that year and the one before. A provider is listed when it
    /// has clients in the year or the year before, or expenditure or client-months in the year.</summary>
    public static ProviderYearSet Build(int year, ProviderCounts counts, IReadOnlyDictionary<string, ProviderInfo> providers)
    {
        var current = counts.Providers.Where(c => c.Year == year).ToDictionary(c => c.Agb);
        var previous = counts.Providers.Where(c => c.Year == year - 1).ToDictionary(c => c.Agb);
        ProviderType? TypeOf(string agb) => providers.TryGetValue(agb, out var info) ? info.Type : null;
        var empty = new ProviderYearCounts("", 0, 0, 0m, 0, 0, 0, 0, 0, 0, null);

        var listed = current.Keys.Union(previous.Keys)
            .Select(agb => (Agb: agb, Now: current.GetValueOrDefault(agb) ?? empty, Before: previous.GetValueOrDefault(agb) ?? empty))
            .Where(p => p.Now.Clients > 0 || p.Before.Clients > 0 || p.Now.Expenditure != 0 || p.Now.ClientMonths > 0)
            .OrderBy(p => p.Agb, StringComparer.Ordinal)
            .ToList();

        var figures = listed.Select(p => new ProviderYearFigures(
                p.Agb,
                providers.TryGetValue(p.Agb, out var info) ? info.Name : DefaultName(p.Agb),
                TypeOf(p.Agb),
                p.Now.Clients,
                Growth(p.Now.Clients, p.Before.Clients),
                p.Now.Expenditure,
                Growth(p.Now.Expenditure, p.Before.Expenditure),
                p.Now.ClientMonths > 0 ? p.Now.Expenditure / p.Now.ClientMonths : null,
                p.Now.Inflow,
                p.Now.Outflow,
                p.Now.Clients > 0 ? (decimal)p.Now.Outflow / p.Now.Clients : null,
                p.Now.MedianTrajectoryDays,
                p.Now.EndedTrajectories > 0 ? (decimal)p.Now.EndedTrajectoryDays / p.Now.EndedTrajectories : null,
                p.Now.Reentries))
            .ToList();

        ProviderGroupFigures Group(ProviderType? type)
        {
            bool InGroup(string agb) => type is null || TypeOf(agb) == type;
            var now = counts.Groups.FirstOrDefault(g => g.Type == type && g.Year == year);
            var before = counts.Groups.FirstOrDefault(g => g.Type == type && g.Year == year - 1);
            var expenditure = current.Values.Where(c => InGroup(c.Agb)).Sum(c => c.Expenditure);
            var expenditureBefore = previous.Values.Where(c => InGroup(c.Agb)).Sum(c => c.Expenditure);
            var clients = now?.Clients ?? 0;
            var clientMonths = now?.ClientMonths ?? 0;
            var outflow = now?.Outflow ?? 0;
            return new ProviderGroupFigures(
                type,
                listed.Count(p => InGroup(p.Agb)),
                clients,
                Growth(clients, before?.Clients ?? 0),
                expenditure,
                Growth(expenditure, expenditureBefore),
                clientMonths > 0 ? expenditure / clientMonths : null,
                now?.Inflow ?? 0,
                outflow,
                clients > 0 ? (decimal)outflow / clients : null);
        }

        var growth = listed.Select(p => (p.Agb, Growth: p.Now.Clients - p.Before.Clients)).ToList();
        var top = growth.Where(g => g.Growth > 0).OrderByDescending(g => g.Growth).ThenBy(g => g.Agb, StringComparer.Ordinal).Take(TopCount).ToList();
        var topGrowth = top.Sum(g => g.Growth);
        var totalGrowth = growth.Sum(g => g.Growth);

        return new ProviderYearSet(
            year,
            figures,
            Enum.GetValues<ProviderType>().Select(t => Group(t)).ToList(),
            Group(null),
            new TopGrowers(top.Select(g => g.Agb).ToList(), topGrowth, totalGrowth, totalGrowth > 0 ? (decimal)topGrowth / totalGrowth : null));
    }

    /// <summary>The name of a provider the register does not know (yet).</summary>
    public static string DefaultName(string agb) => "Aanbieder " + agb;

    private static void Add<TKey>(Dictionary<TKey, decimal> sums, TKey key, decimal amount) where TKey : notnull =>
        sums[key] = sums.GetValueOrDefault(key) + amount;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private sealed class Row
    {
        public HashSet<string> Clients { get; } = [];
        public decimal Expenditure { get; set; }
        public Dictionary<(string Client, DateOnly Month), decimal> MonthNet { get; } = [];
        public int Inflow { get; set; }
        public int Outflow { get; set; }
        public int Reentries { get; set; }
        public List<int> Durations { get; } = [];
    }

    private sealed class GroupRow
    {
        public HashSet<string> Clients { get; } = [];
        public Dictionary<(string Client, DateOnly Month), decimal> MonthNet { get; } = [];
        public HashSet<string> Inflow { get; } = [];
        public HashSet<string> Outflow { get; } = [];
    }
}
