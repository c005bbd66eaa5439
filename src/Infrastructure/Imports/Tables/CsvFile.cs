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
    private readonly CsvRecords _records;
    private readonly StreamReader _reader;
    private readonly IDisposable? _owned;
    private readonly CsvRow _row;
    private readonly TableLayout<TRow> _layout;
    private bool _firstDataPending;
    private int _firstDataRow;
    private int _nextRow;
    private bool _enumerated;

    private CsvFile(StreamReader reader, CsvRecords records, IDisposable? owned, string headerLine, char delimiter, TableLayout<TRow> layout,
        int? totalRows)
    {
        _reader = reader;
        _records = records;
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
            var records = new CsvRecords(reader);
            string? headerLine = null;
            while (records.Read())
            {
                if (!records.Current.IsWhiteSpace())
                {
                    headerLine = records.Current.ToString();
                    break;
                }
            }

            if (headerLine is null)
            {
                throw TabularFiles.Empty(fileName);
            }

            headerLine = headerLine.TrimStart('\uFEFF');
            var delimiter = DetectDelimiter(headerLine);
            var headerRow = new CsvRow(delimiter);
            headerRow.Parse(headerLine.ToCharArray(), 0, headerLine.Length);
            var header = Enumerable.Range(0, headerRow.FieldCount).Select(i => headerRow.Text(i).ToString()).ToList();
            var file = new CsvFile<TRow>(reader, records, owned, headerLine, delimiter, layoutOf(header), totalRows);
            file._nextRow = 2;
            if (!file.TryReadDataRecord(out file._firstDataRow))
            {
                throw TabularFiles.Empty(fileName);
            }

            // The first data record stays in the buffer, untouched until the rows are read.
            file._firstDataPending = true;
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
        if (_firstDataPending)
        {
            _firstDataPending = false;
            yield return ReadCurrent(_firstDataRow);
        }

        while (TryReadDataRecord(out var row))
        {
            yield return ReadCurrent(row);
        }
    }

    private TRow ReadCurrent(int row)
    {
        _row.Parse(_records.Chars, _records.Offset, _records.Length);
        return _layout.Read(row, _row);
    }

    /// <summary>Moves to the next record that is not blank; gives its row number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryReadDataRecord(out int row)
    {
        while (_records.Read())
        {
            row = _nextRow++;
            if (_records.Current.IndexOfAnyExcept(_row.Delimiter, ' ', '\t') >= 0)
            {
                return true;
            }
        }

        row = 0;
        return false;
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

    /// <summary>The fields of the current record as ranges into it: no string per field unless a field has doubled
    /// quotes. The record is a range of a character buffer that the next record reuses.</summary>
    private sealed class CsvRow(char delimiter) : RowValues
    {
        private char[] _chars = [];
        private int _offset;
        private int _length;
        private (int Start, int Length, bool Escaped)[] _fields = new (int, int, bool)[32];
        private string?[] _unescaped = new string?[32];
        private int _count;

        public char Delimiter => delimiter;

        public override int FieldCount => _count;

        private ReadOnlySpan<char> Line => _chars.AsSpan(_offset, _length);

        /// <summary>The line with the fields the map does not show replaced in place; delimiters, quotes and the
        /// other fields stay as the file had them, so the user recognises the row.</summary>
        public override string MaskedRow(IFieldMask columns)
        {
            var line = Line;
            var masked = new StringBuilder(line.Length);
            var copied = 0;
            for (var i = 0; i < _count; i++)
            {
                if (columns.Shows(i))
                {
                    continue;
                }

                var (start, length, _) = _fields[i];
                masked.Append(line[copied..start]).Append(columns.Masked(i, Text(i)));
                copied = start + length;
            }

            return masked.Append(line[copied..]).ToString();
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
                return _chars.AsSpan(_offset + start, length).Trim();
            }

            return (_unescaped[index] ??= new string(_chars, _offset + start, length).Replace("\"\"", "\"")).AsSpan().Trim();
        }

        /// <summary>Splits the record <paramref name="chars"/>[<paramref name="offset"/>..+<paramref name="length"/>],
        /// which must stay unchanged while this row is read.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Parse(char[] chars, int offset, int length)
        {
            _chars = chars;
            _offset = offset;
            _length = length;
            _count = 0;
            Array.Clear(_unescaped);
            var line = Line;
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
                        var quote = IndexOf(line, '"', search);
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
                    var next = IndexOf(line, delimiter, contentEnd + 1);
                    if (next < 0)
                    {
                        return;
                    }

                    position = next + 1;
                }
                else
                {
                    var next = IndexOf(line, delimiter, position);
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

        /// <summary>The first <paramref name="value"/> at or after <paramref name="from"/>, or -1.</summary>
        private static int IndexOf(ReadOnlySpan<char> line, char value, int from)
        {
            if (from >= line.Length)
            {
                return -1;
            }

            var i = line[from..].IndexOf(value);
            return i < 0 ? -1 : from + i;
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
