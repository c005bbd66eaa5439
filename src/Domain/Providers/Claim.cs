namespace SociaalDomein.Domain.Providers;

public enum ClaimStatus
{
    /// <summary>Ingediend: sent, not yet approved; not counted as expenditure.</summary>
    Submitted = 1,

    /// <summary>Goedgekeurd: counted as expenditure (docs/domain.md §9).</summary>
    Approved = 2,

    /// <summary>Afgekeurd: never counted.</summary>
    Rejected = 3,
}

/// <summary>
/// A provider's claim (declaratie) for a service period, stored pseudonymised like an assignment: the client only as
/// <see cref="ClientKey"/>. A credit is a claim of its own with a negative amount that points at the claim it reverses
/// (<see cref="CreditOfId"/>), so an original and its credit add up to zero and nothing is counted twice.
/// </summary>
public class Claim
{
    public long Id { get; set; }

    /// <summary>Identity across imports: "nr:" + declaratienummer when the source has one, otherwise a hash of all
    /// columns (docs/import-formats.md). A claim sent again with the same identity replaces the stored one.</summary>
    public required string IdentityKey { get; set; }

    public required byte[] ClientKey { get; set; }
    public required string ProviderAgb { get; set; }
    public Assignments.Law Law { get; set; }
    public string? ProductCategory { get; set; }
    public required string ProductCode { get; set; }

    /// <summary>The toewijzingsnummer the claim names, as given.</summary>
    public string? AssignmentNumber { get; set; }

    /// <summary>The assignment it belongs to, when one with that number exists; null otherwise.</summary>
    public long? AssignmentId { get; set; }

    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }

    /// <summary>Claimed amount in euros; negative for a credit.</summary>
    public decimal Amount { get; set; }

    /// <summary>When the claim was submitted (ingediend_op, a 323's DeclaratieDagtekening): drives the lag analysis.</summary>
    public DateOnly SubmittedOn { get; set; }

    public ClaimStatus Status { get; set; } = ClaimStatus.Approved;
    public string? ClaimNumber { get; set; }

    /// <summary>For a credit: the claim it reverses.</summary>
    public long? CreditOfId { get; set; }

    /// <summary>Delivered volume, unit and tariff where the source gives them (a 323 does).</summary>
    public decimal? Volume { get; set; }
    public string? Unit { get; set; }
    public decimal? Tariff { get; set; }

    /// <summary>The import that last inserted or updated this claim.</summary>
    public long ImportRunId { get; set; }
}

/// <summary>A price-list entry (tarief, a contract term, docs/domain.md §4): the price per unit of a product code for a
/// period, for one provider or (null) for every provider. Entries are end-dated, never deleted, so history stays.</summary>
public class Tariff
{
    public int Id { get; set; }
    public required string ProductCode { get; set; }
    public string? ProviderAgb { get; set; }
    public DateOnly ValidFrom { get; set; }

    /// <summary>Last day the price applies; null: until further notice.</summary>
    public DateOnly? ValidTo { get; set; }

    /// <summary>Price per unit in euros.</summary>
    public decimal Amount { get; set; }

    /// <summary>The unit the price is for (uur, dagdeel, …), as informative text.</summary>
    public string? Unit { get; set; }

    public int Version { get; set; }
}
