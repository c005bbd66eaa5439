using Npgsql;

namespace SociaalDomein.Infrastructure.Imports;

/// <summary>
/// Loads the valid records of one record kind set-based, on the import's connection and inside its transaction
/// (<see cref="ImportJob"/>): <see cref="Write"/> per valid row while the file streams past, then
/// <see cref="CompleteAsync"/> once at the end of a load that is to be committed. Disposing without completing
/// cancels whatever is still open (the caller rolls back).
/// </summary>
internal interface IRecordLoader<in TRecord> : IAsyncDisposable
{
    /// <summary>Takes one valid record. Synchronous: it goes to a buffer (a COPY) and blocks only when that is flushed.</summary>
    void Write(TRecord record);

    /// <summary>Valid rows the report counts apart as revoked (assignments whose end is their start); 0 for other kinds.</summary>
    int Revoked { get; }

    /// <summary>Writes what is left and returns the counts for the run.</summary>
    Task<LoadResult> CompleteAsync(NpgsqlConnection connection, CancellationToken ct);
}

/// <summary>What a load did: valid rows not imported as rows of their own (<paramref name="Duplicates"/>), rows
/// inserted, stored rows changed (<paramref name="Updated"/>), and a Dutch note for the report, if any.</summary>
internal sealed record LoadResult(int Duplicates, int Inserted, int Updated, string? Note = null);
