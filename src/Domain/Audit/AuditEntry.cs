namespace SociaalDomein.Domain.Audit;

/// <summary>
/// One line of the audit log (docs/domain.md §10): who did what, and when. Append-only: created once, never changed or
/// removed. What it records is named, never personal data: no BSN, address, postcode with house number or birth
/// date; text that comes from users (file names) is cleaned by <see cref="AuditText"/> on the way in.
/// </summary>
public class AuditEntry
{
    public const int UserNameMaxLength = 256;
    public const int SubjectMaxLength = 300;
    public const int DetailsMaxLength = 2000;

    /// <summary>Stands in for the user when a principal has no name (never expected behind the login).</summary>
    public const string UnknownUser = "onbekend";

    // For EF Core.
    private AuditEntry()
    {
    }

    public long Id { get; private set; }

    /// <summary>When it happened, in UTC.</summary>
    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>The user's login name, or for a script the name of its API key.</summary>
    public string UserName { get; private set; } = "";

    public AuditAction Action { get; private set; }

    /// <summary>What, in a few Dutch words: "Stapeling 01-11-2018, Wmo, alle wijken, publicatiemodus".</summary>
    public string Subject { get; private set; } = "";

    public string? Details { get; private set; }

    public static AuditEntry Create(DateTimeOffset occurredAt, string? userName, AuditAction action, string subject, string? details = null)
    {
        if (!Enum.IsDefined(action))
        {
            throw new ArgumentOutOfRangeException(nameof(action), action, "Onbekende handeling.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        return new AuditEntry
        {
            OccurredAt = occurredAt.ToUniversalTime(),
            UserName = Cut(string.IsNullOrWhiteSpace(userName) ? UnknownUser : userName.Trim(), UserNameMaxLength),
            Action = action,
            Subject = Cut(AuditText.WithoutPersonalData(subject.Trim()), SubjectMaxLength),
            Details = string.IsNullOrWhiteSpace(details) ? null : Cut(AuditText.WithoutPersonalData(details.Trim()), DetailsMaxLength),
        };
    }

    private static string Cut(string text, int maxLength) => text.Length <= maxLength ? text : text[..(maxLength - 1)] + "…";
}
