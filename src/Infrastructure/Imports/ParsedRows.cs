namespace SociaalDomein.Infrastructure.Imports;

/// <summary>Why a row was rejected: row number in the file (the header is row 1), the column as the file names
/// it, and a Dutch reason, e.g. <c>ingangsdatum '31-02-2018' is geen geldige datum</c>.</summary>
public sealed record RowError(int Row, string Column, string Message);

/// <summary>One data row of a file: a valid record, or the errors that reject it. <see cref="MaskedRow"/> is, for a
/// rejected row, the row as the file had it (CSV line, the cells joined with ';', or the 301 product element) with its
/// personal values masked, for the download of rejected rows (docs/domain.md §10); empty for a valid row.</summary>
public sealed record ParsedRow<TRecord>(int Row, TRecord? Record, IReadOnlyList<RowError> Errors, string MaskedRow)
    where TRecord : class;

public enum SourceFormat
{
    Csv = 1,
    Excel = 2,
    IWmoIJw301 = 3,
    IWmoIJw323 = 4,
}

/// <summary>An opened import file of any record kind: its format, the columns it has that the product does not know,
/// the number of data rows when known up front, and its rows, read lazily (a CSV of a million rows is streamed, not
/// loaded).</summary>
public interface IImportFile<out TRow> : IDisposable
{
    SourceFormat Format { get; }
    IReadOnlyList<string> UnknownColumns { get; }

    /// <summary>The header as the file has it, for the download of rejected rows (null for XML).</summary>
    string? HeaderLine { get; }

    int? TotalRows { get; }
    IEnumerable<TRow> Rows { get; }
}
