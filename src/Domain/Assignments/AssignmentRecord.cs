namespace SociaalDomein.Domain.Assignments;

/// <summary>One valid, already pseudonymised row of a toewijzingen file (CSV, Excel or iWmo/iJw 301), as the
/// readers produce it and the import loads it. <see cref="Row"/> is the row number in the file (header = row 1).</summary>
public sealed record AssignmentRecord(
    int Row,
    string IdentityKey,
    byte[] ClientKey,
    string CaseNumber,
    byte[] AddressKey,
    string Postcode4,
    int? BirthYear,
    Sex? Sex,
    Law Law,
    string? ProductCategory,
    string ProductCode,
    string? ProductDescription,
    string ProviderAgb,
    string? ProviderName,
    DeliveryForm DeliveryForm,
    DateOnly StartDate,
    DateOnly? EndDate,
    string? AssignmentNumber,
    decimal? Volume,
    string? Unit,
    Frequency? Frequency,
    decimal? Tariff,
    decimal? Budget)
{
    /// <summary>Revoked (ingetrokken): end equals start.</summary>
    public bool IsRevoked => EndDate == StartDate;

    public static string IdentityFor(string? assignmentNumber, string caseNumber, string productCode, string providerAgb, DateOnly start) =>
        !string.IsNullOrWhiteSpace(assignmentNumber)
            ? "nr:" + assignmentNumber.Trim()
            : $"key:{caseNumber}|{productCode}|{providerAgb}|{start:yyyy-MM-dd}";
}
