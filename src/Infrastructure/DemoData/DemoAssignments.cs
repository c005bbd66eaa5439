using System.Security.Cryptography;
using System.Text;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Districts;

namespace SociaalDomein.Infrastructure.DemoData;

/// <summary>
/// Synthetic assignments for the demo municipality, generated reproducibly (fixed seed), shaped like Zwolle's answer
/// to motion M12-6 (docs/sources.md: Stapeling M12-6, reference date 1 November 2018): about 5,700 / 470 / 86 / 33
/// households with 1–4 clients, a few dozen care locations, about 7,300 clients, Wmo and Jeugd, 20 providers, and the dirt the council
/// had to clean (revoked and duplicate rows). Nobody in it exists: client and address keys are hashes of synthetic
/// ids, never of a BSN or a real address.
/// </summary>
public static class DemoAssignments
{
    public const int Seed = 2018;
    public static readonly DateOnly ReferenceDate = new(2018, 11, 1);

    /// <summary>Zwolle's five districts with the 4-digit postcodes of the city, approximately (demonstration only).</summary>
    public static IReadOnlyList<District> Districts() =>
    [
        District("Stad", 8011, 8012, 8013, 8014),
        District("Oost", 8015, 8016, 8026, 8027, 8028),
        District("Zuid", 8021, 8022, 8023, 8024, 8025),
        District("West", 8017, 8018, 8019, 8031, 8032),
        District("Noord", 8033, 8034, 8035, 8041, 8042, 8043, 8044, 8045, 8046),
    ];

    private static District District(string name, params int[] postcodes) => new()
    {
        Name = name,
        Postcodes = postcodes.Select(p => new PostcodeDistrict { Postcode4 = p.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToList(),
    };

    internal sealed record Product(string Code, string Category, string Description, Law Law, decimal WeeklyHours, decimal Tariff, decimal? YearBudget);

    internal static readonly Product[] WmoProducts =
    [
        new("01A01", "01", "Hulp bij het huishouden", Law.Wmo, 0, 0, 3_120m),
        new("02A06", "02", "Begeleiding licht", Law.Wmo, 2, 58.40m, null),
        new("02A07", "02", "Begeleiding middel", Law.Wmo, 4, 58.40m, null),
        new("02A09", "02", "Begeleiding zwaar", Law.Wmo, 6, 62.10m, null),
        new("07A01", "07", "Dagbesteding", Law.Wmo, 0, 0, 9_800m),
        new("03A01", "03", "Persoonlijke verzorging", Law.Wmo, 3, 52.00m, null),
        new("06A01", "06", "Individuele voorziening (hulpmiddel)", Law.Wmo, 0, 0, 1_450m),
        new("15A01", "15", "Beschermd wonen", Law.Wmo, 0, 0, 41_000m),
    ];

    internal static readonly Product[] JeugdProducts =
    [
        new("45A12", "45", "Jeugdhulp ambulant", Law.Jeugdwet, 2, 71.50m, null),
        new("54A01", "54", "Jeugd-GGZ behandeling", Law.Jeugdwet, 1.5m, 96.00m, null),
        new("45A48", "45", "Jeugdhulp LVB", Law.Jeugdwet, 3, 68.00m, null),
        new("43A01", "43", "Jeugdhulp verblijf", Law.Jeugdwet, 0, 0, 48_000m),
        new("40A01", "40", "Dyslexiezorg", Law.Jeugdwet, 0, 0, 4_200m),
    ];

    private static readonly string[] ProviderNames =
    [
        "Zorggroep IJsseldelta", "Thuishulp Zwolle", "Begeleiding Vechtdal", "De Kern Jeugd", "Dagbesteding Assendorp",
        "Wijkzorg Holtenbroek", "Jeugd-GGZ Overijssel", "Lichtpunt LVB", "Huishoudhulp Stadshagen", "Beschermd Wonen Noordoost",
        "Kindplein Zuid", "Hulpmiddelen Direct", "Samen Thuis", "Perspectief Jeugdhulp", "Ambulant Plus", "Zorgkracht",
        "Werk & Dag", "Het Anker", "Gezinshuis De Linde", "Dyslexiecentrum IJssel",
    ];

    /// <summary>The assignments of the stacking world (starting 2017–2018), the same every time, as the import's records
    /// (row = position). The whole demo adds the years around it: <see cref="GenerateWorld"/>.</summary>
    public static IEnumerable<AssignmentRecord> Generate() => GenerateAssignments().Select(Record);

    /// <summary>All demo assignments, the same every time: the stacking world plus its history from 2015 and its
    /// continuation into 2019 (<see cref="DemoHistory"/>), which add only assignments that ended before
    /// <see cref="ReferenceDate"/> or start after it, so the analysis on that date is the stacking world's.</summary>
    public static IEnumerable<AssignmentRecord> GenerateWorld() => GenerateWorld(World());

    internal static IEnumerable<AssignmentRecord> GenerateWorld(IReadOnlyList<Assignment> world) => world.Select(Record);

    /// <summary>The stacking world followed by its extension, as entities (no Id).</summary>
    internal static IReadOnlyList<Assignment> World()
    {
        var core = GenerateAssignments().ToList();
        return [.. core, .. DemoHistory.Extend(core)];
    }

    private static AssignmentRecord Record(Assignment a, int i) => new(
        i + 2, a.IdentityKey, a.ClientKey, a.CaseNumber, a.AddressKey, a.Postcode4, a.BirthYear, a.Sex, a.Law, a.ProductCategory,
        a.ProductCode, a.ProductDescription, a.ProviderAgb, a.ProviderName, a.DeliveryForm, a.StartDate, a.EndDate,
        a.AssignmentNumber, a.Volume, a.Unit, a.Frequency, a.Tariff, a.Budget);

    private static IEnumerable<Assignment> GenerateAssignments()
    {
        var random = new Random(Seed);
        var postcodes = Districts().SelectMany(d => d.Postcodes).Select(p => p.Postcode4).ToArray();
        var households = new List<int>();
        households.AddRange(Enumerable.Repeat(1, 5_712));
        households.AddRange(Enumerable.Repeat(2, 471));
        households.AddRange(Enumerable.Repeat(3, 86));
        households.AddRange(Enumerable.Repeat(4, 33));
        households.AddRange(Enumerable.Range(0, 24).Select(_ => random.Next(5, 13))); // care locations

        var client = 0;
        var address = 0;
        foreach (var size in households)
        {
            address++;
            var postcode = postcodes[random.Next(postcodes.Length)];
            var addressKey = Key("adres", address);
            for (var member = 0; member < size; member++)
            {
                client++;
                var youth = size >= 2 && member > 0 ? random.NextDouble() < 0.75 : random.NextDouble() < 0.25;
                foreach (var assignment in ClientAssignments(random, client, addressKey, postcode, youth, Math.Min(size, 4)))
                {
                    yield return assignment;
                }
            }
        }
    }

    private static IEnumerable<Assignment> ClientAssignments(Random random, int client, byte[] addressKey, string postcode, bool youth, int householdSize)
    {
        // Care is heavier where more people in a household need it (docs/sources.md: Stapeling M12-6: € 5.252 per
        // inhabitant alone, € 15.000 in households of four); the scale brings the whole to Zwolle's order of magnitude
        // (≈ € 44 mln).
        var intensity = 0.42m * (1m + 0.35m * (householdSize - 1));
        // Provisions per client shaped like Table B of Stapeling M12-6 (docs/sources.md): 71% one, 24% two, 4% three,
        // 1% four, a few five or six.
        var roll = random.NextDouble();
        var provisions = roll < 0.71 ? 1 : roll < 0.95 ? 2 : roll < 0.987 ? 3 : roll < 0.997 ? 4 : random.Next(5, 7);
        var catalogue = youth ? JeugdProducts : WmoProducts;
        var products = catalogue.OrderBy(_ => random.Next()).Take(Math.Min(provisions, catalogue.Length)).ToList();
        if (products.Count < provisions)
        {
            products.AddRange((youth ? WmoProducts : JeugdProducts).Take(provisions - products.Count));
        }

        var clientKey = Key("client", client);
        var caseNumber = $"D-{client:000000}";
        var birthYear = youth ? random.Next(2002, 2016) : random.Next(1925, 2000);
        foreach (var product in products)
        {
            var start = new DateOnly(2017, 1, 1).AddDays(random.Next(0, 660));
            DateOnly? end = random.NextDouble() < 0.55 ? start.AddDays(random.Next(420, 900)) : null;
            var revoked = random.NextDouble() < 0.02;
            if (revoked)
            {
                end = start;
            }

            var provider = random.Next(ProviderNames.Length);
            var assignment = new Assignment
            {
                IdentityKey = AssignmentRecord.IdentityFor(null, caseNumber, product.Code, Agb(provider), start),
                ClientKey = clientKey,
                CaseNumber = caseNumber,
                AddressKey = addressKey,
                Postcode4 = postcode,
                BirthYear = birthYear,
                Sex = (Sex)random.Next(1, 3),
                Law = product.Law,
                ProductCategory = product.Category,
                ProductCode = product.Code,
                ProductDescription = product.Description,
                ProviderAgb = Agb(provider),
                ProviderName = ProviderNames[provider],
                DeliveryForm = random.NextDouble() < 0.12 ? DeliveryForm.PersonalBudget : DeliveryForm.InKind,
                StartDate = start,
                EndDate = end,
            };
            if (product.YearBudget is { } perYear && end is { } closed && closed > start)
            {
                assignment.Budget = Math.Round(perYear * (closed.DayNumber - start.DayNumber + 1) / 365m * intensity * Spread(random), 2);
            }
            else if (product.YearBudget is { } open)
            {
                // An open-ended product without a volume: a monthly amount.
                assignment.Volume = 1;
                assignment.Unit = "euro";
                assignment.Frequency = Frequency.PerMonth;
                assignment.Tariff = Math.Round(open / 12m * intensity * Spread(random), 2);
            }
            else
            {
                assignment.Volume = Math.Max(0.25m, Math.Round(product.WeeklyHours * intensity * Spread(random) * 4) / 4);
                assignment.Unit = "uur";
                assignment.Frequency = Frequency.PerWeek;
                assignment.Tariff = product.Tariff;
            }

            yield return assignment;

            // The data error the council found: about 1% of the rows exported twice (another assignment number).
            if (!revoked && random.NextDouble() < 0.01)
            {
                yield return Copy(assignment, "nr:DUBBEL-" + assignment.IdentityKey);
            }
        }
    }

    internal static Assignment Copy(Assignment a, string identity) => new()
    {
        IdentityKey = identity, AssignmentNumber = identity[3..], ClientKey = a.ClientKey, CaseNumber = a.CaseNumber, AddressKey = a.AddressKey, Postcode4 = a.Postcode4,
        BirthYear = a.BirthYear, Sex = a.Sex, Law = a.Law, ProductCategory = a.ProductCategory, ProductCode = a.ProductCode,
        ProductDescription = a.ProductDescription, ProviderAgb = a.ProviderAgb, ProviderName = a.ProviderName, DeliveryForm = a.DeliveryForm,
        StartDate = a.StartDate, EndDate = a.EndDate, Volume = a.Volume, Unit = a.Unit, Frequency = a.Frequency, Tariff = a.Tariff, Budget = a.Budget,
    };

    internal static decimal Spread(Random random) => 0.6m + (decimal)random.NextDouble() * 0.8m;

    private static string Agb(int provider) => $"7575{provider + 1:0000}";

    internal static byte[] Key(string kind, int id) => SHA256.HashData(Encoding.UTF8.GetBytes($"demo-{kind}-{id}"));
}
