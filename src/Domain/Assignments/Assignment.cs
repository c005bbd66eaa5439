namespace SociaalDomein.Domain.Assignments;

public enum Law
{
    Wmo = 1,
    Jeugdwet = 2,
    Participatiewet = 3,
}

public enum DeliveryForm
{
    /// <summary>Zorg in natura (ZIN).</summary>
    InKind = 1,

    /// <summary>Persoonsgebonden budget (PGB).</summary>
    PersonalBudget = 2,
}

/// <summary>Frequency of a volume (iWmo/iJw: 1 per dag, 2 per week, 4 per maand, 6 totaal).</summary>
public enum Frequency
{
    PerDay = 1,
    PerWeek = 2,
    Per4Weeks = 3,
    PerMonth = 4,
    PerYear = 5,

    /// <summary>Totaal binnen geldigheidsduur: volume × tariff is the budget of the whole (closed) period.</summary>
    Total = 6,
}

public enum Sex
{
    Male = 1,
    Female = 2,
    Other = 3,
}

/// <summary>
/// A decision that a client gets a product from a provider for a period (toewijzing). Stored pseudonymised
/// (docs/domain.md §10): the BSN only as <see cref="ClientKey"/> (keyed hash), the address only as <see cref="AddressKey"/>
/// (keyed hash of postcode + number + addition) plus its 4-digit postcode; of the birth date only the year.
/// </summary>
public class Assignment
{
    public long Id { get; set; }

    /// <summary>Identity across imports: "nr:" + toewijzingsnummer when the source has one, otherwise
    /// "key:" + dossiernummer|productcode|aanbieder_agb|ingangsdatum (docs/import-formats.md).</summary>
    public required string IdentityKey { get; set; }

    public required byte[] ClientKey { get; set; }
    public required string CaseNumber { get; set; }
    public required byte[] AddressKey { get; set; }
    public required string Postcode4 { get; set; }
    public int? BirthYear { get; set; }
    public Sex? Sex { get; set; }
    public Law Law { get; set; }
    public string? ProductCategory { get; set; }
    public required string ProductCode { get; set; }
    public string? ProductDescription { get; set; }
    public required string ProviderAgb { get; set; }
    public string? ProviderName { get; set; }
    public DeliveryForm DeliveryForm { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public string? AssignmentNumber { get; set; }
    public decimal? Volume { get; set; }
    public string? Unit { get; set; }
    public Frequency? Frequency { get; set; }
    public decimal? Tariff { get; set; }
    public decimal? Budget { get; set; }

    /// <summary>The import that last inserted or updated this assignment.</summary>
    public long ImportRunId { get; set; }
}
