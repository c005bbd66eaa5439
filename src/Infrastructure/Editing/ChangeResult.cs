namespace SociaalDomein.Infrastructure.Editing;

public enum ChangeOutcome
{
    Done = 0,

    /// <summary>The input is wrong; <see cref="ChangeResult.Errors"/> says which field and why.</summary>
    Invalid = 1,

    /// <summary>Someone else changed the same thing since the user read it; nothing was stored.</summary>
    Conflict = 2,

    NotFound = 3,

    /// <summary>The user may not do this (e.g. approve their own budget mutation).</summary>
    Forbidden = 4,
}

/// <summary>
/// The outcome of an edit by a person (a measure, a deficit component, a realisation): done, or why not, in Dutch, per
/// field. Field names are those of the API body in camelCase (<c>code</c>, <c>years[1].yield</c>), so the API answers
/// with them and a form puts each message under its own field. Nothing is stored unless the outcome is
/// <see cref="ChangeOutcome.Done"/>.
/// </summary>
public sealed record ChangeResult(ChangeOutcome Outcome, IReadOnlyDictionary<string, string> Errors)
{
    public static readonly ChangeResult Done = new(ChangeOutcome.Done, new Dictionary<string, string>());

    public bool Succeeded => Outcome == ChangeOutcome.Done;

    /// <summary>All messages in one line, for a snackbar.</summary>
    public string Message => string.Join(" ", Errors.Values);

    public static ChangeResult Invalid(IReadOnlyDictionary<string, string> errors) => new(ChangeOutcome.Invalid, errors);

    public static ChangeResult Invalid(string field, string message) => Invalid(new Dictionary<string, string> { [field] = message });

    public static ChangeResult Conflict(string message) => new(ChangeOutcome.Conflict, new Dictionary<string, string> { ["version"] = message });

    public static ChangeResult NotFound(string message) => new(ChangeOutcome.NotFound, new Dictionary<string, string> { [""] = message });

    public static ChangeResult Forbidden(string message) => new(ChangeOutcome.Forbidden, new Dictionary<string, string> { [""] = message });
}

/// <summary>Saving an edit when another person may be saving the same thing.</summary>
public static class Edits
{
    /// <summary>Saves; false when the database refused because of a concurrent change: a concurrency token that moved
    /// (EF's version check in the UPDATE), a unique key taken meanwhile, or a serialization failure.</summary>
    public static async Task<bool> TrySaveAsync(Microsoft.EntityFrameworkCore.DbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
        {
            return false;
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException ex) when (IsConcurrent(ex.InnerException))
        {
            return false;
        }
    }

    public static bool IsConcurrent(Exception? ex) =>
        ex is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation or Npgsql.PostgresErrorCodes.SerializationFailure }
        || ex?.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation or Npgsql.PostgresErrorCodes.SerializationFailure };
}
