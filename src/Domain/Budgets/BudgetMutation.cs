namespace SociaalDomein.Domain.Budgets;

/// <summary>Why the budget changes (docs/domain.md §6). Stored by number; never renumber.</summary>
public enum MutationKind
{
    Berap1 = 1,
    Berap2 = 2,
    Voorjaarsnota = 3,
    Najaarsnota = 4,
    Raadsbesluit = 5,
    Overig = 6,
}

/// <summary>concept → ingediend → goedgekeurd / afgewezen. Stored by number; never renumber.</summary>
public enum MutationStatus
{
    Concept = 1,
    Submitted = 2,
    Approved = 3,
    Rejected = 4,
}

/// <summary>
/// A change to a line's budget (begrotingswijziging; docs/domain.md §6). Only an approved mutation changes the current
/// budget; a structural one applies to its year and every later year, a one-off one to its year only. A controller
/// cannot approve their own. An approved mutation is never edited: a new one corrects it.
/// </summary>
public class BudgetMutation
{
    public int Id { get; set; }
    public int BudgetLineId { get; set; }
    public BudgetLine? BudgetLine { get; set; }
    public int Year { get; set; }

    /// <summary>Euros; positive raises the budget.</summary>
    public decimal Amount { get; set; }

    public MutationKind Kind { get; set; }
    public bool Structural { get; set; }
    public required string Reason { get; set; }
    public MutationStatus Status { get; set; } = MutationStatus.Concept;

    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>Who approved or rejected it, when, and (for a rejection) why.</summary>
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionReason { get; set; }

    /// <summary>Raised by every change (optimistic concurrency).</summary>
    public int Version { get; set; }

    /// <summary>Whether the mutation changes the budget of <paramref name="year"/> once approved.</summary>
    public bool AppliesTo(int year) => Structural ? year >= Year : year == Year;
}

public static class MutationKinds
{
    /// <summary>The API's name (<c>berap1</c>).</summary>
    public static string Code(this MutationKind kind) => kind.ToString().ToLowerInvariant();

    public static string DutchName(this MutationKind kind) => kind switch
    {
        MutationKind.Berap1 => "Berap 1",
        MutationKind.Berap2 => "Berap 2",
        MutationKind.Voorjaarsnota => "Voorjaarsnota",
        MutationKind.Najaarsnota => "Najaarsnota",
        MutationKind.Raadsbesluit => "Raadsbesluit",
        MutationKind.Overig => "Overig",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>By its code (<c>berap1</c>) or Dutch name (<c>Berap 1</c>), case- and space-insensitive.</summary>
    public static MutationKind? Parse(string? text)
    {
        var key = text?.Replace(" ", "").Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(key) ? null : Enum.GetValues<MutationKind>().Select(k => (MutationKind?)k).FirstOrDefault(k => k!.Value.Code() == key);
    }

    public static string DutchName(this MutationStatus status) => status switch
    {
        MutationStatus.Concept => "Concept",
        MutationStatus.Submitted => "Ingediend",
        MutationStatus.Approved => "Goedgekeurd",
        MutationStatus.Rejected => "Afgewezen",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The API's name: concept, ingediend, goedgekeurd, afgewezen.</summary>
    public static string Code(this MutationStatus status) => status.DutchName().ToLowerInvariant();

    public static MutationStatus? ParseStatus(string? text) =>
        Enum.GetValues<MutationStatus>().Select(s => (MutationStatus?)s)
            .FirstOrDefault(s => string.Equals(s!.Value.Code(), text?.Trim(), StringComparison.OrdinalIgnoreCase)
                                 || string.Equals(s.Value.ToString(), text?.Trim(), StringComparison.OrdinalIgnoreCase));
}
