namespace SociaalDomein.Domain.Imports;

public enum ImportKind
{
    Toewijzingen = 1,

    /// <summary>Provider claims (record kind 2, CSV/Excel and iWmo/iJw 323).</summary>
    Declaraties = 2,

    /// <summary>Ledger actuals per budget line and month (record kind 3).</summary>
    Realisatie = 3,
}

public enum ImportStatus
{
    Queued = 1,
    Running = 2,
    Succeeded = 3,

    /// <summary>Something went wrong while importing (crash, restart, unreadable file): nothing was loaded.</summary>
    Failed = 4,

    /// <summary>The file had rejected rows and the user did not choose to import only the valid rows: nothing was loaded.</summary>
    Rejected = 5,
}

/// <summary>One uploaded file and what became of it (who, when, what; progress; the report).</summary>
public class ImportRun
{
    public long Id { get; set; }
    public ImportKind Kind { get; set; }
    public required string FileName { get; set; }

    /// <summary>SHA-256 of the file (hex): the same file imported again is recognised.</summary>
    public required string Sha256 { get; set; }

    public long SizeBytes { get; set; }

    /// <summary>What the upload showed of its text as it was received: valid UTF-8 or not, and the lines with content
    /// (the job then reads the kept file once instead of twice; ADR 18). Null for runs received before.</summary>
    public bool? TextIsUtf8 { get; set; }

    public long? TextLines { get; set; }

    public required string UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public bool OnlyValidRows { get; set; }
    public ImportStatus Status { get; set; } = ImportStatus.Queued;
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Progress: rows handled so far, of <see cref="RowsTotal"/> (known once the file is opened).</summary>
    public int RowsDone { get; set; }
    public int? RowsTotal { get; set; }

    public int RowsRead { get; set; }
    public int RowsImported { get; set; }
    public int RowsRejected { get; set; }
    public int Duplicates { get; set; }
    public int Revoked { get; set; }
    public int Inserted { get; set; }
    public int Updated { get; set; }
    public List<string> UnknownColumns { get; set; } = [];

    /// <summary>Why the import failed or was rejected, in Dutch.</summary>
    public string? Message { get; set; }

    /// <summary>When the kept (encrypted) file was deleted at the end of its retention period; null while it is kept.
    /// The run keeps its SHA-256, counts and report.</summary>
    public DateTimeOffset? FileDeletedAt { get; set; }

    public List<ImportRowError> Errors { get; set; } = [];
}

/// <summary>A rejected row: row number in the file, column, Dutch reason, and the row as it was with its personal values
/// masked (for the download; docs/domain.md §10).</summary>
public class ImportRowError
{
    public long Id { get; set; }
    public long ImportRunId { get; set; }
    public int Row { get; set; }
    public required string Column { get; set; }
    public required string Message { get; set; }
    /// <summary>The row as the file had it, BSN, client id, postcode (but its four digits), house number, addition,
    /// birth date and unknown columns masked; null for rows stored before masking existed (the migration removed them).</summary>
    public string? MaskedRow { get; set; }
}
