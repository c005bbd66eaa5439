using System.Globalization;
using System.Text;

namespace SociaalDomein.Infrastructure.Imports.Tables;

/// <summary>
/// Opens an import file of any record kind whose rows are a table (docs/import-formats.md, "Conventions"): CSV or Excel
/// (.xlsx), and for a kind that has one, an XML message. The kind of file is taken from the content, never from the
/// extension: a ZIP signature is Excel, a first non-blank <c>&lt;</c> is XML, anything else is text (UTF-8 with or
/// without BOM, UTF-16 with its BOM, else Windows-1252). A file that cannot be imported at all throws
/// <see cref="ImportFileException"/> with a Dutch message naming the file.
/// </summary>
internal static class TabularFiles
{
    private const int SniffLength = 8192;

    static TabularFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Opens the file. The caller keeps ownership of <paramref name="stream"/> and must keep it open while the
    /// rows are read; a stream that cannot seek is first copied to a temporary file (deleted on dispose).
    /// <paramref name="layoutOf"/> maps the header (throwing <see cref="ImportFileException"/> when columns are missing);
    /// <paramref name="xml"/> opens an XML file, null when the kind has none. <paramref name="known"/>: the file's
    /// <see cref="TextFacts"/> when they were learnt as it was received; null to scan the file for them.</summary>
    public static IImportFile<TRow> Open<TRow>(Stream stream, string fileName, Func<IReadOnlyList<string>, TableLayout<TRow>> layoutOf,
        FileTexts texts, Func<Stream, IDisposable?, IImportFile<TRow>>? xml = null, TextFacts? known = null)
    {
        ArgumentNullException.ThrowIfNull(stream);

        FileStream? temporary = null;
        var source = stream;
        if (!stream.CanSeek)
        {
            temporary = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None,
                1 << 16, FileOptions.DeleteOnClose);
            stream.CopyTo(temporary);
            temporary.Position = 0;
            source = temporary;
        }

        try
        {
            return Open(source, fileName, layoutOf, texts, xml, known, temporary);
        }
        catch
        {
            temporary?.Dispose();
            throw;
        }
    }

    public static ImportFileException Empty(string fileName) =>
        new($"Het bestand '{fileName}' is leeg: er staan geen rijen in.");

    private static ImportFileException NotReadable(string fileName, FileTexts texts) =>
        new(string.Format(CultureInfo.InvariantCulture, texts.NotReadable, fileName));

    private static IImportFile<TRow> Open<TRow>(Stream source, string fileName, Func<IReadOnlyList<string>, TableLayout<TRow>> layoutOf,
        FileTexts texts, Func<Stream, IDisposable?, IImportFile<TRow>>? xml, TextFacts? known, IDisposable? owned)
    {
        var origin = source.Position;
        var head = new byte[SniffLength];
        var length = source.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        source.Position = origin;
        var sniff = head.AsSpan(0, length);

        if (length == 0)
        {
            throw Empty(fileName);
        }

        if (sniff.StartsWith("PK\x03\x04"u8))
        {
            return ExcelFile<TRow>.Open(source, fileName, layoutOf, texts, owned);
        }

        if (sniff.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            throw new ImportFileException(
                $"Het bestand '{fileName}' is een oud Excel-bestand (.xls). Sla het in Excel op als Excel-werkmap (.xlsx) " +
                "of als CSV en lees het opnieuw in.");
        }

        Encoding? byBom = sniff.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? Encoding.Unicode
            : sniff.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? Encoding.BigEndianUnicode
            : null;
        if (byBom is null && sniff.Contains((byte)0))
        {
            throw NotReadable(fileName, texts);
        }

        var text = (byBom ?? Encoding.Latin1).GetString(sniff).TrimStart('\uFEFF', '\u00EF', '\u00BB', '\u00BF', '\uFFFE');
        var firstContent = text.AsSpan().TrimStart();
        if (firstContent.IsEmpty && length < SniffLength)
        {
            throw Empty(fileName);
        }

        if (!firstContent.IsEmpty && firstContent[0] == '<')
        {
            if (xml is null)
            {
                throw NotReadable(fileName, texts);
            }

            if (byBom is null)
            {
                // Start the XML reader at the '<': blank lines before an XML declaration would make it invalid.
                var skip = sniff.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
                source.Position = origin + skip + sniff[skip..].IndexOfAnyExcept(" \t\r\n"u8);
            }

            return xml(source, owned);
        }

        // UTF-16 and UTF-8 with a byte order mark are known by it; other text is UTF-8 when all of it is, else Windows-1252.
        var checkUtf8 = byBom is null && !sniff.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        var (isUtf8, lines) = known ?? TextScan.Of(source);
        var encoding = !checkUtf8 || isUtf8 ? new UTF8Encoding(false) : Encoding.GetEncoding(1252);
        source.Position = origin;
        if (lines == 0)
        {
            throw Empty(fileName);
        }

        return CsvFile<TRow>.Open(source, byBom ?? encoding, fileName, layoutOf, (int)Math.Min(int.MaxValue, lines - 1), owned);
    }
}
