using ClosedXML.Excel;

namespace SociaalDomein.Infrastructure.Excel;

/// <summary>The house style of the product's workbooks, shared by the exports: a bold header row on a light band, text
/// kept as text (a code like 0363 or a name starting with "=" is never read as a number or formula), euro amounts as
/// numbers with a euro format, column letters for formulas.</summary>
internal static class ExcelCells
{
    public static string Column(int number) => XLHelper.GetColumnLetterFromNumber(number);

    public static void Header(IXLWorksheet sheet, int row, string[] titles)
    {
        for (var i = 0; i < titles.Length; i++)
        {
            var cell = sheet.Cell(row, i + 1);
            Text(cell, titles[i]);
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#DDE3EA");
        }
    }

    public static void Text(IXLCell cell, string text)
    {
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
    }

    public static void Amount(IXLCell cell, decimal amount, string format)
    {
        cell.Value = amount;
        cell.Style.NumberFormat.Format = format;
    }

    /// <summary>The workbook as the bytes of an .xlsx file.</summary>
    public static byte[] Save(XLWorkbook workbook)
    {
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
