using System.Runtime.CompilerServices;
using System.Text;

namespace SociaalDomein.Infrastructure.Imports.Tables;

/// <summary>What the CSV reader needs to know of a text file before it reads it: are its bytes valid UTF-8 (else it is
/// read as Windows-1252, what Dutch Excel writes), and how many lines hold something other than blanks and delimiters
/// (for the progress bar; a quoted field with line breaks makes it a little high). <see cref="ImportFiles"/> learns this
/// while it receives an upload, so the job does not read the kept file an extra time for it (ADR 18); a file opened
/// without it is scanned by <see cref="TabularFiles"/> first.</summary>
/// <param name="IsUtf8">The bytes are valid UTF-8 (a UTF-8 byte order mark included).</param>
/// <param name="Lines">Lines with content, the header included.</param>
public readonly record struct TextFacts(bool IsUtf8, long Lines);

/// <summary>Learns the <see cref="TextFacts"/> of a file from its bytes, in pieces of any size, in order.</summary>
internal sealed class TextScan
{
    private static ReadOnlySpan<byte> Blanks => " \t\r;,"u8;

    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
    private bool _isUtf8 = true;
    private long _lines;
    private bool _lineHasContent;

    /// <summary>The facts of the file read from <paramref name="source"/>'s position to its end.</summary>
    public static TextFacts Of(Stream source)
    {
        var scan = new TextScan();
        var buffer = new byte[1 << 16];
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            scan.Append(buffer.AsSpan(0, read));
        }

        return scan.Complete();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Append(ReadOnlySpan<byte> span)
    {
        if (_isUtf8)
        {
            try
            {
                _decoder.GetCharCount(span, flush: false);
            }
            catch (DecoderFallbackException)
            {
                _isUtf8 = false;
            }
        }

        while (true)
        {
            var newline = span.IndexOf((byte)'\n');
            var segment = newline < 0 ? span : span[..newline];
            _lineHasContent |= segment.IndexOfAnyExcept(Blanks) >= 0;
            if (newline < 0)
            {
                return;
            }

            if (_lineHasContent)
            {
                _lines++;
            }

            _lineHasContent = false;
            span = span[(newline + 1)..];
        }
    }

    public TextFacts Complete()
    {
        var lines = _lines + (_lineHasContent ? 1 : 0);
        if (_isUtf8)
        {
            try
            {
                _decoder.GetCharCount([], flush: true);
            }
            catch (DecoderFallbackException)
            {
                _isUtf8 = false;
            }
        }

        return new TextFacts(_isUtf8, lines);
    }
}
