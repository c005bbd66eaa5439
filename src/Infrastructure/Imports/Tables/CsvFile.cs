using System.Runtime.CompilerServices;
using System.Text;

namespace SociaalDomein.Infrastructure.Imports.Tables;

/// <summary>
/// A CSV file of any record kind, read row by row from the stream (a file of a million rows is never held in memory).
/// Delimiter <c>;</c>, <c>,</c> or tab, taken from the header line; RFC 4180 quoting (quoted fields may hold delimiters,
/// doubled quotes and line breaks). Blank lines and lines of only delimiters are skipped but keep their row number,
/// so row numbers are those a spreadsheet shows (header = row 1).
/// </summary>
/// The record kind's <see cref="TableLayout{TRow}"/> maps the header and turns each row into a parsed row.
internal sealed class CsvFile<TRow> : IImportFile<TRow>
{
    private readonly StreamReader _reader;
    private readonly IDisposable? _owned;
    private readonly CsvRow _row;
    private readonly TableLayout<TRow> _layout;
    private string? _firstDataLine;
    private int _firstDataRow;
    private int _nextRow;
    private bool _enumerated;

    private CsvFile(StreamReader reader, IDisposable? owned, string headerLine, char delimiter, TableLayout<TRow> layout, int? totalRows)
    {
        _reader = reader;
        _owned = owned;
        _layout = layout;
        _row = new CsvRow(delimiter);
        HeaderLine = headerLine;
        TotalRows = totalRows;
    }

    public SourceFormat Format => SourceFormat.Csv;

    public IReadOnlyList<string> UnknownColumns => _layout.UnknownColumns;

    public string? HeaderLine { get; }

    public int? TotalRows { get; }

    public IEnumerable<TRow> Rows
    {
        get
        {
            if (_enumerated)
            {
                throw new InvalidOperationException("De rijen van een CSV-bestand kunnen maar één keer worden gelezen.");
            }

            _enumerated = true;
            return ReadRows();
        }
    }

    /// <summary>Reads the header and the first data row; the stream must be at the start of the text.</summary>
    public static CsvFile<TRow> Open(Stream stream, Encoding encoding, string fileName,
        Func<IReadOnlyList<string>, TableLayout<TRow>> layoutOf, int? totalRows, IDisposable? owned)
    {
        var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        try
        {
            string? headerLine;
            do
            {
                headerLine = ReadRecord(reader);
            }
            while (headerLine is not null && string.IsNullOrWhiteSpace(headerLine));

            if (headerLine is null)
            {
                throw TabularFiles.Empty(fileName);
            }

            headerLine = headerLine.TrimStart('\uFEFF');
            var delimiter = DetectDelimiter(headerLine);
            var headerRow = new CsvRow(delimiter);
            headerRow.Parse(headerLine);
            var header = Enumerable.Range(0, headerRow.FieldCount).Select(i => headerRow.Text(i).ToString()).ToList();
            var file = new CsvFile<TRow>(reader, owned, headerLine, delimiter, layoutOf(header), totalRows);
            file._nextRow = 2;
            if (!file.TryReadDataLine(out file._firstDataLine, out file._firstDataRow))
            {
                throw TabularFiles.Empty(fileName);
            }

            return file;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _owned?.Dispose();
    }

    private IEnumerable<TRow> ReadRows()
    {
        if (_firstDataLine is { } first)
        {
            _firstDataLine = null;
            _row.Parse(first);
            yield return _layout.Read(_firstDataRow, _row);
        }

        while (TryReadDataLine(out var line, out var row))
        {
            _row.Parse(line);
            yield return _layout.Read(row, _row);
        }
    }

    /// <summary>The next record that is not blank, with its row number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryReadDataLine(out string line, out int row)
    {
        while (ReadRecord(_reader) is { } record)
        {
            row = _nextRow++;
            if (record.AsSpan().IndexOfAnyExcept(_row.Delimiter, ' ', '\t') >= 0)
            {
                line = record;
                return true;
            }
        }

        line = "";
        row = 0;
        return false;
    }

    /// <summary>One record: a line, joined with the next ones while a quoted field is still open.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string? ReadRecord(StreamReader reader)
    {
        var line = reader.ReadLine();
        if (line is null || line.AsSpan().Count('"') % 2 == 0)
        {
            return line;
        }

        var builder = new StringBuilder(line);
        var quotes = line.AsSpan().Count('"');
        while (quotes % 2 != 0 && reader.ReadLine() is { } next)
        {
            builder.Append('\n').Append(next);
            quotes += next.AsSpan().Count('"');
        }

        return builder.ToString();
    }

    private static char DetectDelimiter(string headerLine)
    {
        int semicolons = 0, commas = 0, tabs = 0;
        var quoted = false;
        foreach (var c in headerLine)
        {
            switch (c)
            {
                case '"': quoted = !quoted; break;
                case ';' when !quoted: semicolons++; break;
                case ',' when !quoted: commas++; break;
                case '\t' when !quoted: tabs++; break;
            }
        }

        if (tabs > semicolons && tabs > commas)
        {
            return '\t';
        }

        return commas > semicolons ? ',' : ';';
    }

    /// <summary>The fields of the current line as ranges into it: no string per field unless a field has doubled quotes.</summary>
    private sealed class CsvRow(char delimiter) : RowValues
    {
        private string _line = "";
        private (int Start, int Length, bool Escaped)[] _fields = new (int, int, bool)[32];
        private string?[] _unescaped = new string?[32];
        private int _count;

        public char Delimiter => delimiter;

        public override int FieldCount => _count;

        /// <summary>The line with the fields the map does not show replaced in place; delimiters, quotes and the
        /// other fields stay as the file had them, so the user recognises the row.</summary>
        public override string MaskedRow(IFieldMask columns)
        {
            var masked = new StringBuilder(_line.Length);
            var copied = 0;
            for (var i = 0; i < _count; i++)
            {
                if (columns.Shows(i))
                {
                    continue;
                }

                var (start, length, _) = _fields[i];
                masked.Append(_line, copied, start - copied).Append(columns.Masked(i, Text(i)));
                copied = start + length;
            }

            return masked.Append(_line, copied, _line.Length - copied).ToString();
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override ReadOnlySpan<char> Text(int index)
        {
            if ((uint)index >= (uint)_count)
            {
                return default;
            }

            var (start, length, escaped) = _fields[index];
            if (!escaped)
            {
                return _line.AsSpan(start, length).Trim();
            }

            return (_unescaped[index] ??= _line.Substring(start, length).Replace("\"\"", "\"")).AsSpan().Trim();
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Parse(string line)
        {
            _line = line;
            _count = 0;
            Array.Clear(_unescaped);
            var position = 0;
            while (true)
            {
                var p = position;
                while (p < line.Length && line[p] == ' ')
                {
                    p++;
                }

                if (p < line.Length && line[p] == '"')
                {
                    var contentStart = p + 1;
                    var escaped = false;
                    var search = contentStart;
                    int contentEnd;
                    while (true)
                    {
                        var quote = line.IndexOf('"', search);
                        if (quote < 0)
                        {
                            // An unterminated quote: the field runs to the end of the record.
                            Add(contentStart, line.Length - contentStart, escaped);
                            return;
                        }

                        if (quote + 1 < line.Length && line[quote + 1] == '"')
                        {
                            escaped = true;
                            search = quote + 2;
                            continue;
                        }

                        contentEnd = quote;
                        break;
                    }

                    Add(contentStart, contentEnd - contentStart, escaped);
                    var next = line.IndexOf(delimiter, contentEnd + 1);
                    if (next < 0)
                    {
                        return;
                    }

                    position = next + 1;
                }
                else
                {
                    var next = line.IndexOf(delimiter, position);
                    if (next < 0)
                    {
                        Add(position, line.Length - position, false);
                        return;
                    }

                    Add(position, next - position, false);
                    position = next + 1;
                }
            }
        }

        private void Add(int start, int length, bool escaped)
        {
            if (_count == _fields.Length)
            {
                Array.Resize(ref _fields, _count * 2);
                Array.Resize(ref _unescaped, _count * 2);
            }

            _fields[_count++] = (start, length, escaped);
        }
    }
}
