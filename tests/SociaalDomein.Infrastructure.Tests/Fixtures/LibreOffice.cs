using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SociaalDomein.Infrastructure.Tests.Fixtures;

/// <summary>
/// Opens a workbook in LibreOffice headless (Debian's libreoffice-calc-nogui; test.sh installs it), as a reader of the
/// council would, and reads back what LibreOffice calculated: the tests of the quarterly report (its own and the browser's
/// done-when test) check that the workbook opens elsewhere than in ClosedXML and that its formulas give the same figures.
/// </summary>
public static class LibreOffice
{
    /// <summary>Every sheet to CSV as LibreOffice calculates it: ';' between fields, '"' around text, UTF-8, numbers as
    /// calculated and not "as shown" (filter option 9 false), all sheets one file each (option 12 = -1).</summary>
    public const string AllSheetsAsCsv = "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1";

    /// <summary>Converts <paramref name="file"/> into <paramref name="folder"/> (<c>soffice --convert-to</c>) in a profile
    /// of its own, so parallel runs do not share one; fails with LibreOffice's output when it does not succeed.</summary>
    public static async Task ConvertAsync(string folder, string format, string file)
    {
        var start = new ProcessStartInfo("soffice")
        {
            ArgumentList = { $"-env:UserInstallation=file://{folder}/profiel", "--headless", "--norestore", "--convert-to", format, "--outdir", folder, file },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"soffice --convert-to {format} faalde ({process.ExitCode}): {output}");
    }

    /// <summary>Every sheet of the workbook as LibreOffice calculated it, by sheet name: its rows, each its cells without
    /// the quotes.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string[]>>> SheetsAsync(string folder, string workbook)
    {
        await ConvertAsync(folder, AllSheetsAsCsv, workbook);
        var prefix = Path.GetFileNameWithoutExtension(workbook) + "-";
        var sheets = new Dictionary<string, IReadOnlyList<string[]>>(StringComparer.Ordinal);
        foreach (var csv in Directory.GetFiles(folder, prefix + "*.csv"))
        {
            sheets[Path.GetFileNameWithoutExtension(csv)[prefix.Length..]] = Rows(await File.ReadAllTextAsync(csv, Encoding.UTF8));
        }

        return sheets;
    }

    /// <summary>A number as LibreOffice wrote it (not "as shown": "-1234567.8899999998", a spreadsheet calculates in
    /// binary floating point) → euros to the cent.</summary>
    public static decimal Euros(string text) =>
        Math.Round(decimal.Parse(text.Trim('"'), NumberStyles.Number, CultureInfo.InvariantCulture), 2);

    /// <summary>The rows of a CSV text with ';' between fields and '"' around text ("" inside is one quote; a quoted field
    /// may hold ';' and line breaks).</summary>
    public static IReadOnlyList<string[]> Rows(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ';')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add([.. row]);
        }

        return rows;
    }
}
