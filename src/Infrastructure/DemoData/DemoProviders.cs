using SociaalDomein.Domain.Providers;

namespace SociaalDomein.Infrastructure.DemoData;

/// <summary>A synthetic demo provider: AGB code, name, reference group (docs/domain.md §9), funding model and contract
/// period. Invented for the demonstration; no real organisation is meant.</summary>
public sealed record DemoProvider(string Agb, string Name, ProviderType Type, FundingModel FundingModel, DateOnly ContractStart, DateOnly? ContractEnd)
{
    public Provider ToEntity(DateTimeOffset createdAt) => new()
    {
        Agb = Agb, Name = Name, Type = Type, FundingModel = FundingModel, ContractStart = ContractStart, ContractEnd = ContractEnd, CreatedAt = createdAt,
    };
}

/// <summary>
/// The demo's providers (synthetic): the twenty of the stacking world (<see cref="DemoAssignments"/>; same names and AGB
/// codes, in the same order) with a type and funding model each, plus three that only the years around it know: an
/// elderly-care provider whose contract ended in 2017 and two newcomers contracted from 2019. The types are spread
/// roughly like Table 1 of the Drechtsteden study (docs/sources.md; seeds/004): disability care the largest group,
/// then GGZ, autism and home care, a small psychosocial and elderly-care group.
/// </summary>
public static class DemoProviders
{
    private static readonly DateOnly Transition = new(2015, 1, 1); // the decentralisation of the social domain
    private static readonly DateOnly ContractEnd = new(2020, 12, 31);

    public static readonly IReadOnlyList<DemoProvider> All =
    [
        P(1, "Zorggroep IJsseldelta", ProviderType.ElderlyCare, FundingModel.EffortBased),
        P(2, "Thuishulp Zwolle", ProviderType.HomeCareAndSocialServices, FundingModel.EffortBased),
        P(3, "Begeleiding Vechtdal", ProviderType.DisabilityCare, FundingModel.EffortBased),
        P(4, "De Kern Jeugd", ProviderType.MentalHealthCare, FundingModel.EffortBased),
        P(5, "Dagbesteding Assendorp", ProviderType.DisabilityCare, FundingModel.EffortBased),
        P(6, "Wijkzorg Holtenbroek", ProviderType.HomeCareAndSocialServices, FundingModel.TaskBased),
        P(7, "Jeugd-GGZ Overijssel", ProviderType.MentalHealthCare, FundingModel.EffortBased),
        P(8, "Lichtpunt LVB", ProviderType.DisabilityCare, FundingModel.EffortBased),
        P(9, "Huishoudhulp Stadshagen", ProviderType.HomeCareAndSocialServices, FundingModel.EffortBased),
        P(10, "Beschermd Wonen Noordoost", ProviderType.MentalHealthCare, FundingModel.OutputBased),
        P(11, "Kindplein Zuid", ProviderType.Autism, FundingModel.EffortBased),
        P(12, "Hulpmiddelen Direct", ProviderType.DisabilityCare, FundingModel.OutputBased),
        P(13, "Samen Thuis", ProviderType.Psychosocial, FundingModel.TaskBased),
        P(14, "Perspectief Jeugdhulp", ProviderType.MentalHealthCare, FundingModel.OutputBased),
        P(15, "Ambulant Plus", ProviderType.MentalHealthCare, FundingModel.EffortBased, new DateOnly(2016, 1, 1)),
        P(16, "Zorgkracht", ProviderType.DisabilityCare, FundingModel.EffortBased),
        P(17, "Werk & Dag", ProviderType.DisabilityCare, FundingModel.TaskBased),
        P(18, "Het Anker", ProviderType.Autism, FundingModel.EffortBased),
        P(19, "Gezinshuis De Linde", ProviderType.Autism, FundingModel.OutputBased),
        P(20, "Dyslexiecentrum IJssel", ProviderType.Autism, FundingModel.OutputBased),
        new("75750021", "Ouderenzorg De Weide", ProviderType.ElderlyCare, FundingModel.EffortBased, Transition, new DateOnly(2017, 12, 31)),
        new("75750022", "GGZ Nieuw Perspectief", ProviderType.MentalHealthCare, FundingModel.EffortBased, new DateOnly(2019, 1, 1), ContractEnd),
        new("75750023", "Herstelkracht Zwolle", ProviderType.Psychosocial, FundingModel.OutputBased, new DateOnly(2019, 1, 1), ContractEnd),
    ];

    private static DemoProvider P(int number, string name, ProviderType type, FundingModel model, DateOnly? start = null) =>
        new($"7575{number:0000}", name, type, model, start ?? Transition, ContractEnd);

    public static DemoProvider ByAgb(string agb) => All.First(p => p.Agb == agb);

    /// <summary>The providers of a type whose contract covers the date.</summary>
    internal static IReadOnlyList<DemoProvider> OfType(ProviderType type, DateOnly on) =>
        All.Where(p => p.Type == type && p.ContractStart <= on && (p.ContractEnd is not { } end || on <= end)).ToList();
}
