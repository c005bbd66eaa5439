using System.Runtime.CompilerServices;
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
    /// <paramref name="xml"/> opens an XML file, null when the kind has none.</summary>
    public static IImportFile<TRow> Open<TRow>(Stream stream, string fileName, Func<IReadOnlyList<string>, TableLayout<TRow>> layoutOf,
        FileTexts texts, Func<Stream, IDisposable?, IImportFile<TRow>>? xml = null)
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
            return Open(source, fileName, layoutOf, texts, xml, temporary);
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
        FileTexts texts, Func<Stream, IDisposable?, IImportFile<TRow>>? xml, IDisposable? owned)
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

        var (encoding, lines) = Scan(source, checkUtf8: byBom is null && !sniff.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]));
        source.Position = origin;
        if (lines == 0)
        {
            throw Empty(fileName);
        }

        return CsvFile<TRow>.Open(source, byBom ?? encoding, fileName, layoutOf, (int)Math.Min(int.MaxValue, lines - 1), owned);
    }

    /// <summary>One fast pass over the bytes: is it valid UTF-8 (else it is Windows-1252, what Dutch Excel writes), and
    /// how many lines hold something other than blanks and delimiters. A quoted field with line breaks makes the count
    /// a little high; it is meant for progress, not for checks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (Encoding Encoding, long Lines) Scan(Stream source, bool checkUtf8)
    {
        var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
        var isUtf8 = true;
        var buffer = new byte[1 << 16];
        long lines = 0;
        var lineHasContent = false;
        ReadOnlySpan<byte> blanks = " \t\r;,"u8;
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            var span = buffer.AsSpan(0, read);
            if (checkUtf8 && isUtf8)
            {
                try
                {
                    decoder.GetCharCount(span, flush: false);
                }
                catch (DecoderFallbackException)
                {
                    isUtf8 = false;
                }
            }

            while (true)
            {
                var newline = span.IndexOf((byte)'\n');
                var segment = newline < 0 ? span : span[..newline];
                lineHasContent |= segment.IndexOfAnyExcept(blanks) >= 0;
                if (newline < 0)
                {
                    break;
                }

                if (lineHasContent)
                {
                    lines++;
                }

                lineHasContent = false;
                span = span[(newline + 1)..];
            }
        }

        if (lineHasContent)
        {
            lines++;
        }

        if (checkUtf8 && isUtf8)
        {
            try
            {
                decoder.GetCharCount([], flush: true);
            }
            catch (DecoderFallbackException)
            {
                isUtf8 = false;
            }
        }

        return (isUtf8 ? new UTF8Encoding(false) : Encoding.GetEncoding(1252), lines);
    }
}
