using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Providers;

namespace SociaalDomein.Infrastructure.DemoData;

/// <summary>
/// The years around the synthetic stacking world (<see cref="DemoAssignments"/>, which starts in 2017): its history from
/// the decentralisation on 1 January 2015 and its continuation to September 2019, shaped like Table 1 of the Drechtsteden
/// study (docs/sources.md; seeds/004): clients per provider type growing 2015–2019 — GGZ and psychosocial providers
/// strongly, autism markedly, disability, home and elderly care moderately — with the outflow percentage rising, and with
/// trajectories (a reassessment at the same provider a few days after the previous assignment) and re-entries.
/// Synthetic throughout: nobody in it exists, keys are hashes of invented ids.
/// <para>
/// The stacking analysis on <see cref="DemoAssignments.ReferenceDate"/> must stay Zwolle's, so this only adds
/// assignments that ended before that date or start after it, drawn from a Random of its own: the stacking world's
/// assignments and their random sequence are untouched.
/// </para>
/// </summary>
internal static class DemoHistory
{
    public const int Seed = 2015;
    private static readonly DateOnly First = new(2015, 1, 1);
    private static readonly DateOnly LastEndBefore = DemoAssignments.ReferenceDate.AddDays(-1);
    private static readonly DateOnly FirstStartAfter = DemoAssignments.ReferenceDate.AddDays(1);

    /// <summary>The demo world runs until here: no assignment starts later, claims run to this month.</summary>
    public static readonly DateOnly LastStart = new(2019, 9, 30);

    /// <summary>Per type: chance that a stacking-world assignment had a predecessor, clients who left before the reference
    /// date (with the weights of their start years 2015–2018), newcomers after it, the share of youth, the products.</summary>
    private sealed record Shape(
        ProviderType Type, double Predecessor, int Leavers, int[] LeaverYears, int Newcomers, double Youth, string[] Wmo, string[] Jeugd);

    private static readonly Shape[] Shapes =
    [
        new(ProviderType.DisabilityCare, 0.6, 3_200, [10, 3, 2, 0], 1_100, 0.3, ["02A07", "02A09", "07A01", "06A01"], ["45A48", "45A12"]),
        new(ProviderType.MentalHealthCare, 0.15, 1_300, [3, 5, 2, 1], 1_800, 0.3, ["02A06", "02A07", "02A09", "15A01"], ["54A01", "45A12"]),
        new(ProviderType.Psychosocial, 0.1, 130, [1, 2, 2, 1], 300, 0.05, ["02A06", "02A07", "01A01"], ["45A12"]),
        new(ProviderType.Autism, 0.3, 1_300, [5, 4, 2, 0], 1_100, 0.55, ["02A06", "02A07", "07A01"], ["45A12", "40A01", "45A48"]),
        new(ProviderType.HomeCareAndSocialServices, 0.5, 1_900, [7, 4, 2, 0], 1_000, 0.05, ["01A01", "03A01", "02A06"], ["45A12"]),
        new(ProviderType.ElderlyCare, 0.55, 800, [6, 2, 2, 0], 420, 0, ["01A01", "03A01", "07A01", "02A06"], []),
    ];

    /// <summary>Where growth concentrates (the top growers of the Aanbieders page): relative weights for newcomers.</summary>
    private static double GrowthWeight(string agb) => agb switch
    {
        "75750015" or "75750022" => 4, // Ambulant Plus, GGZ Nieuw Perspectief
        "75750023" => 3,               // Herstelkracht Zwolle
        "75750018" or "75750007" => 2, // Het Anker, Jeugd-GGZ Overijssel
        _ => 1,
    };

    private sealed record Person(byte[] ClientKey, string CaseNumber, byte[] AddressKey, string Postcode4, int? BirthYear, Sex? Sex, bool Youth);

    /// <summary>The assignments the stacking world lacks, the same every time.</summary>
    public static IReadOnlyList<Assignment> Extend(IReadOnlyList<Assignment> core)
    {
        var random = new Random(Seed);
        var products = DemoAssignments.WmoProducts.Concat(DemoAssignments.JeugdProducts).ToDictionary(p => p.Code);
        var identities = core.Select(a => a.IdentityKey).ToHashSet(StringComparer.Ordinal);
        var added = new List<Assignment>();
        void Add(Assignment a)
        {
            if (a.StartDate <= a.EndDate.GetValueOrDefault(DateOnly.MaxValue) && identities.Add(a.IdentityKey))
            {
                added.Add(a);
            }
        }

        var shapeOf = Shapes.ToDictionary(s => s.Type);
        foreach (var assignment in core.Where(a => !a.IdentityKey.StartsWith("nr:DUBBEL-", StringComparison.Ordinal) && a.EndDate != a.StartDate))
        {
            var provider = DemoProviders.ByAgb(assignment.ProviderAgb);
            var shape = shapeOf[provider.Type];
            // Before: the assignment this one followed up (a reassessment), most without a gap, some after a pause.
            var earlier = assignment.StartDate < new DateOnly(2017, 7, 1) ? 1.0 : assignment.StartDate < new DateOnly(2018, 1, 1) ? 0.4 : 0.15;
            if (random.NextDouble() < shape.Predecessor * earlier)
            {
                var end = assignment.StartDate.AddDays(-1 - Gap(random));
                var start = Latest(First, provider.ContractStart, BornBy(assignment.BirthYear), end.AddDays(-random.Next(200, 1100)));
                if (start.AddDays(30) < end)
                {
                    Add(Like(assignment, start, end, 1.25m));
                }
            }

            // After: a follow-up at the same provider, or a re-entry after a pause.
            if (assignment.EndDate is { } ended && ended >= DemoAssignments.ReferenceDate && ended < LastStart)
            {
                var roll = random.NextDouble();
                if (roll < 0.38)
                {
                    var start = ended.AddDays(1 + (roll < 0.08 ? random.Next(32, 184) : random.Next(0, 10) < 8 ? 0 : random.Next(1, 32)));
                    DateOnly? end = random.NextDouble() < 0.5 ? null : start.AddDays(random.Next(180, 700));
                    if (start <= LastStart)
                    {
                        Add(Like(assignment, start, end, 0.97m));
                    }
                }
            }
        }

        var nextClient = 100_000;
        var postcodes = DemoAssignments.Districts().SelectMany(d => d.Postcodes).Select(p => p.Postcode4).ToArray();
        Person NewPerson(bool youth)
        {
            nextClient++;
            return new Person(
                DemoAssignments.Key("client", nextClient), $"D-{nextClient:000000}", DemoAssignments.Key("adres", nextClient),
                postcodes[random.Next(postcodes.Length)], youth ? random.Next(2000, 2013) : random.Next(1925, 1998), (Sex)random.Next(1, 3), youth);
        }

        foreach (var shape in Shapes)
        {
            // Clients who left before the reference date: from the transition on, most in the first years.
            for (var i = 0; i < shape.Leavers; i++)
            {
                var youth = random.NextDouble() < shape.Youth;
                var person = NewPerson(youth);
                var year = 2015 + Pick(random, shape.LeaverYears);
                var start = year == 2015 && random.NextDouble() < 0.35 ? First : new DateOnly(year, 1, 1).AddDays(random.Next(0, year == 2018 ? 240 : 365));
                var candidates = DemoProviders.OfType(shape.Type, start);
                if (candidates.Count == 0)
                {
                    continue;
                }

                var provider = candidates[random.Next(candidates.Count)];
                var limit = Earliest(LastEndBefore, provider.ContractEnd ?? LastEndBefore);
                var end = start.AddDays(random.Next(150, 1300));
                if (end > limit)
                {
                    continue; // care that would run past the reference date belongs to the stacking world, not to a leaver
                }

                var product = products[ProductFor(random, shape, youth, light: false)];
                Add(New(random, person, product, provider, start, end, 2.2m));
                var next = end.AddDays(1 + Gap(random));
                if (random.NextDouble() < 0.35 && next.AddDays(60) < limit)
                {
                    // A follow-up assignment, or after a pause a re-entry.
                    var followUp = Earliest(limit, next.AddDays(random.Next(60, 700)));
                    Add(New(random, person, products[ProductFor(random, shape, youth, light: true)], provider, next, followUp, 2.0m));
                }
            }

            // Newcomers after the reference date, lighter care on average (the growth is mostly 'licht').
            for (var i = 0; i < shape.Newcomers; i++)
            {
                var youth = random.NextDouble() < shape.Youth;
                var person = NewPerson(youth);
                var start = FirstStartAfter.AddDays(random.Next(0, LastStart.DayNumber - FirstStartAfter.DayNumber + 1));
                var candidates = DemoProviders.OfType(shape.Type, start);
                var provider = PickWeighted(random, candidates);
                DateOnly? end = random.NextDouble() < 0.3 ? start.AddDays(random.Next(60, 400)) : null;
                Add(New(random, person, products[ProductFor(random, shape, youth, light: true)], provider, start, end, 1.6m));
            }
        }

        return added;
    }

    /// <summary>Days between two consecutive assignments: mostly none, some up to a month (one trajectory), a few a pause
    /// of one to six months (a re-entry).</summary>
    private static int Gap(Random random)
    {
        var roll = random.NextDouble();
        return roll < 0.72 ? 0 : roll < 0.9 ? random.Next(1, 32) : random.Next(32, 184);
    }

    private static string ProductFor(Random random, Shape shape, bool youth, bool light)
    {
        var list = youth && shape.Jeugd.Length > 0 ? shape.Jeugd : shape.Wmo;
        var index = light ? Math.Min(random.Next(list.Length), random.Next(list.Length)) : random.Next(list.Length);
        return list[index];
    }

    private static int Pick(Random random, int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; ; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }
    }

    private static DemoProvider PickWeighted(Random random, IReadOnlyList<DemoProvider> providers)
    {
        var roll = random.NextDouble() * providers.Sum(p => GrowthWeight(p.Agb));
        foreach (var provider in providers)
        {
            roll -= GrowthWeight(provider.Agb);
            if (roll < 0)
            {
                return provider;
            }
        }

        return providers[^1];
    }

    private static DateOnly BornBy(int? birthYear) => birthYear is { } year ? new DateOnly(year + 1, 1, 1) : First;

    private static DateOnly Latest(params DateOnly[] dates) => dates.Max();

    private static DateOnly Earliest(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>An assignment of the same client, product and provider for another period, at the same rate (scaled).</summary>
    private static Assignment Like(Assignment a, DateOnly start, DateOnly? end, decimal scale)
    {
        var copy = DemoAssignments.Copy(a, AssignmentRecord.IdentityFor(null, a.CaseNumber, a.ProductCode, a.ProviderAgb, start));
        copy.AssignmentNumber = null;
        copy.StartDate = start;
        copy.EndDate = end;
        if (a.Budget is { } budget)
        {
            // A budget for the period: the same amount per day.
            var perDay = budget / (a.EndDate!.Value.DayNumber - a.StartDate.DayNumber + 1);
            if (end is { } closed)
            {
                copy.Budget = Math.Round(perDay * (closed.DayNumber - start.DayNumber + 1) * scale, 2);
            }
            else
            {
                copy.Budget = null;
                copy.Volume = 1;
                copy.Unit = "euro";
                copy.Frequency = Frequency.PerMonth;
                copy.Tariff = Math.Round(perDay * 365m / 12m * scale, 2);
            }
        }
        else if (a.Unit == "euro" && a.Tariff is { } monthly)
        {
            copy.Tariff = Math.Round(monthly * scale, 2);
        }
        else if (a.Volume is { } volume)
        {
            copy.Volume = Math.Max(0.25m, Math.Round(volume * scale * 4) / 4);
        }

        return copy;
    }

    private static Assignment New(Random random, Person person, DemoAssignments.Product product, DemoProvider provider, DateOnly start, DateOnly? end, decimal scale)
    {
        var intensity = 0.42m * scale;
        var assignment = new Assignment
        {
            IdentityKey = AssignmentRecord.IdentityFor(null, person.CaseNumber, product.Code, provider.Agb, start),
            ClientKey = person.ClientKey,
            CaseNumber = person.CaseNumber,
            AddressKey = person.AddressKey,
            Postcode4 = person.Postcode4,
            BirthYear = person.BirthYear,
            Sex = person.Sex,
            Law = product.Law,
            ProductCategory = product.Category,
            ProductCode = product.Code,
            ProductDescription = product.Description,
            ProviderAgb = provider.Agb,
            ProviderName = provider.Name,
            DeliveryForm = random.NextDouble() < 0.1 ? DeliveryForm.PersonalBudget : DeliveryForm.InKind,
            StartDate = start,
            EndDate = end,
        };
        if (product.YearBudget is { } perYear && end is { } closed)
        {
            assignment.Budget = Math.Round(perYear * (closed.DayNumber - start.DayNumber + 1) / 365m * intensity * DemoAssignments.Spread(random), 2);
        }
        else if (product.YearBudget is { } open)
        {
            assignment.Volume = 1;
            assignment.Unit = "euro";
            assignment.Frequency = Frequency.PerMonth;
            assignment.Tariff = Math.Round(open / 12m * intensity * DemoAssignments.Spread(random), 2);
        }
        else
        {
            assignment.Volume = Math.Max(0.25m, Math.Round(product.WeeklyHours * intensity * DemoAssignments.Spread(random) * 4) / 4);
            assignment.Unit = "uur";
            assignment.Frequency = Frequency.PerWeek;
            assignment.Tariff = product.Tariff;
        }

        return assignment;
    }
}
