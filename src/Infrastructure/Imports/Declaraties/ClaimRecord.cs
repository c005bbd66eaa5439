using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Providers;

namespace SociaalDomein.Infrastructure.Imports.Declaraties;

/// <summary>
/// One valid, pseudonymised claim line of a declaraties file (docs/import-formats.md, record kind 2), as the loader
/// stores it in "Claims". The client is only its keyed hash; <see cref="IdentityKey"/> recognises the line when it is
/// sent again. <see cref="CreditOfKey"/> is the identity of the claim a credit reverses, when the source names it (a
/// 323's VorigReferentieNummer, a CSV's vorig_declaratienummer); a credit without it is matched on content.
/// </summary>
public sealed record ClaimRecord(
    int Row,
    string IdentityKey,
    byte[] ClientKey,
    string ProviderAgb,
    string? ProviderName,
    Law Law,
    string? ProductCategory,
    string ProductCode,
    string? AssignmentNumber,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    decimal Amount,
    DateOnly SubmittedOn,
    ClaimStatus Status,
    string? ClaimNumber,
    string? CreditOfKey,
    decimal? Volume,
    string? Unit,
    decimal? Tariff)
{
    /// <summary>A negative amount: it reverses (part of) an earlier claim.</summary>
    public bool IsCredit => Amount < 0;

    /// <summary>The service period runs into a later calendar month (accepted, prorated by days, counted in the report).</summary>
    public bool SpansMonths => PeriodStart.Year != PeriodEnd.Year || PeriodStart.Month != PeriodEnd.Month;

    /// <summary>The identity of a claim with a number: "nr:" + the provider's AGB code + "/" + the number (a 323 line's
    /// ReferentieNummer). The provider is part of it: a number is unique only among one provider's claims (two providers
    /// both numbering from "1" must not replace each other's claims).</summary>
    public static string NumberIdentity(string providerAgb, string claimNumber) => $"nr:{providerAgb}/{claimNumber.Trim()}";
}
