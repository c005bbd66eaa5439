using SociaalDomein.Domain.Assignments;

namespace SociaalDomein.Domain.Stacking;

/// <summary>What the stacking analysis needs of one assignment (a projection of <see cref="Assignment"/>).
/// <see cref="Id"/> decides which of a set of duplicates is kept: the lowest.</summary>
public sealed record StackingRow(
    long Id,
    byte[] ClientKey,
    string CaseNumber,
    byte[] AddressKey,
    string Postcode4,
    Law Law,
    string ProductCode,
    string ProviderAgb,
    DateOnly StartDate,
    DateOnly? EndDate,
    decimal? Volume,
    Frequency? Frequency,
    decimal? Tariff,
    decimal? Budget)
{
    public static StackingRow From(Assignment a) => new(
        a.Id, a.ClientKey, a.CaseNumber, a.AddressKey, a.Postcode4, a.Law, a.ProductCode, a.ProviderAgb,
        a.StartDate, a.EndDate, a.Volume, a.Frequency, a.Tariff, a.Budget);

    /// <summary>Revoked (ingetrokken): end equals start.</summary>
    public bool IsRevoked => EndDate == StartDate;

    /// <summary>Active on a date: start ≤ date and (no end or end ≥ date).</summary>
    public bool IsActiveOn(DateOnly date) => StartDate <= date && (EndDate is null || EndDate >= date);

    public decimal AmountInYear(int year) => AssignmentAmount.InYear(StartDate, EndDate, Budget, Volume, Tariff, Frequency, year);

    /// <summary>The amount in a year valued with the price list where the row has no budget and no tariff of its own;
    /// null: no amount at all (docs/domain.md §4).</summary>
    public decimal? AmountInYear(int year, PriceList priceList) =>
        AssignmentAmount.InYear(StartDate, EndDate, Budget, Volume, Tariff, Frequency, year, priceList.For(ProductCode, ProviderAgb));
}
