using System.Globalization;
using ClosedXML.Excel;

namespace SociaalDomein.Infrastructure.Imports.Tables;

/// <summary>
/// An Excel file (.xlsx) of any record kind: the first worksheet, its first used row is the header. Date cells and number
/// cells are taken as typed values; text cells go through the same parsing as CSV. Row numbers are the sheet's own.
/// </summary>
internal sealed class ExcelFile<TRow> : IImportFile<TRow>
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    private readonly XLWorkbook _workbook;
    private readonly IXLWorksheet _sheet;
    private readonly IDisposable? _owned;
    private readonly TableLayout<TRow> _layout;
    private readonly int _headerRow;
    private readonly int _lastRow;

    private ExcelFile(XLWorkbook workbook, IXLWorksheet sheet, IDisposable? owned, TableLayout<TRow> layout,
        string headerLine, int headerRow, int lastRow)
    {
        _workbook = workbook;
        _sheet = sheet;
        _owned = owned;
        _layout = layout;
        _headerRow = headerRow;
        _lastRow = lastRow;
        HeaderLine = headerLine;
        TotalRows = lastRow - headerRow;
    }

    public SourceFormat Format => SourceFormat.Excel;

    public IReadOnlyList<string> UnknownColumns => _layout.UnknownColumns;

    public string? HeaderLine { get; }

    public int? TotalRows { get; }

    public IEnumerable<TRow> Rows
    {
        get
        {
            var values = new ExcelRow(_layout.HeaderFieldCount);
            for (var r = _headerRow + 1; r <= _lastRow; r++)
            {
                var row = _sheet.Row(r);
                if (row.IsEmpty())
                {
                    continue;
                }

                values.Load(row);
                yield return _layout.Read(r, values);
            }
        }
    }

    public static ExcelFile<TRow> Open(Stream stream, string fileName, Func<IReadOnlyList<string>, TableLayout<TRow>> layoutOf,
        FileTexts texts, IDisposable? owned)
    {
        XLWorkbook workbook;
        var origin = stream.Position;
        try
        {
            workbook = new XLWorkbook(stream);
        }
        catch (Exception e) when (e is not ImportFileException)
        {
            // ClosedXML cannot open a workbook without a worksheet; anything else in a ZIP is not a workbook at all.
            throw HasNoWorksheet(stream, origin)
                ? NoSheet(fileName, texts)
                : new ImportFileException(
                    $"Het bestand '{fileName}' is geen leesbaar Excel-bestand (.xlsx). Sla het in Excel opnieuw op als " +
                    "Excel-werkmap of als CSV en lees het opnieuw in.");
        }

        try
        {
            if (workbook.Worksheets.Count == 0)
            {
                throw NoSheet(fileName, texts);
            }

            var sheet = workbook.Worksheet(1);
            var header = sheet.FirstRowUsed();
            var last = sheet.LastRowUsed();
            if (header is null || last is null || last.RowNumber() <= header.RowNumber())
            {
                throw TabularFiles.Empty(fileName);
            }

            var lastColumn = header.LastCellUsed().Address.ColumnNumber;
            var names = Enumerable.Range(1, lastColumn).Select(c => header.Cell(c).GetString().Trim()).ToList();
            return new ExcelFile<TRow>(workbook, sheet, owned, layoutOf(names), string.Join(';', names.Select(CsvField)),
                header.RowNumber(), last.RowNumber());
        }
        catch
        {
            workbook.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _workbook.Dispose();
        _owned?.Dispose();
    }

    private static ImportFileException NoSheet(string fileName, FileTexts texts) =>
        new(string.Format(System.Globalization.CultureInfo.InvariantCulture, texts.NoSheet, fileName));

    private static bool HasNoWorksheet(Stream stream, long origin)
    {
        try
        {
            stream.Position = origin;
            using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, false);
            return document.WorkbookPart?.Workbook is { } workbook && workbook.Sheets?.HasChildren != true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    /// <summary>Quotes a value for the ';'-joined raw row when it holds a ';', a quote or a line break.</summary>
    private static string CsvField(string value) =>
        value.AsSpan().IndexOfAny(";\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";

    private sealed class ExcelRow(int headerFieldCount) : RowValues
    {
        private readonly List<string> _text = new(headerFieldCount);
        private readonly List<DateOnly?> _dates = new(headerFieldCount);
        private readonly List<decimal?> _numbers = new(headerFieldCount);

        public override int FieldCount => _text.Count;

        public override string MaskedRow(IFieldMask columns) =>
            string.Join(';', _text.Select((value, i) => CsvField(columns.Shows(i) ? value : columns.Masked(i, value))));

        public override ReadOnlySpan<char> Text(int index) =>
            (uint)index < (uint)_text.Count ? _text[index].AsSpan().Trim() : default;

        public override bool TryGetDate(int index, out DateOnly date)
        {
            date = (uint)index < (uint)_dates.Count && _dates[index] is { } d ? d : default;
            return (uint)index < (uint)_dates.Count && _dates[index] is not null;
        }

        public override bool TryGetNumber(int index, out decimal number)
        {
            number = (uint)index < (uint)_numbers.Count && _numbers[index] is { } n ? n : 0;
            return (uint)index < (uint)_numbers.Count && _numbers[index] is not null;
        }

        public void Load(IXLRow row)
        {
            _text.Clear();
            _dates.Clear();
            _numbers.Clear();
            var last = Math.Max(headerFieldCount, row.LastCellUsed()?.Address.ColumnNumber ?? 0);
            var used = 0;
            for (var c = 1; c <= last; c++)
            {
                var cell = row.Cell(c);
                string text;
                DateOnly? date = null;
                decimal? number = null;
                switch (cell.DataType)
                {
                    case XLDataType.DateTime:
                        date = DateOnly.FromDateTime(cell.GetDateTime());
                        text = date.Value.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);
                        break;
                    case XLDataType.Number:
                        number = (decimal)cell.GetDouble();
                        // Dutch decimal comma, no grouping: reads back the same through the text rules.
                        text = number.Value.ToString("0.############", Dutch);
                        break;
                    default:
                        text = cell.GetString();
                        break;
                }

                _text.Add(text);
                _dates.Add(date);
                _numbers.Add(number);
                if (text.Length > 0)
                {
                    used = c;
                }
            }

            // Trailing empty cells beyond the header do not make the row too long.
            var keep = Math.Max(headerFieldCount, used);
            if (_text.Count > keep)
            {
                _text.RemoveRange(keep, _text.Count - keep);
                _dates.RemoveRange(keep, _dates.Count - keep);
                _numbers.RemoveRange(keep, _numbers.Count - keep);
            }
        }
    }
}
