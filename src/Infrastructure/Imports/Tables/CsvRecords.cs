using System.Runtime.CompilerServices;

namespace SociaalDomein.Infrastructure.Imports.Tables;

/// <summary>
/// The records of a CSV text, one at a time, as a range of a character buffer that the next record reuses: no string
/// per line (a million lines made a million strings that lived for one row). A line ends at <c>\n</c>, <c>\r\n</c> or
/// <c>\r</c>, as <see cref="TextReader.ReadLine"/> has it; a record is a line joined with the next ones by <c>\n</c>
/// while a quoted field is still open (an odd number of quotes so far).
/// </summary>
internal sealed class CsvRecords(TextReader reader)
{
    private char[] _buffer = new char[1 << 16];
    private int _start; // the first character not read yet
    private int _end; // the end of the characters in the buffer
    private bool _endOfText;
    private char[] _joined = new char[1 << 10]; // a record of more than one line

    /// <summary>The current record's characters: <see cref="Chars"/>[<see cref="Offset"/>..+<see cref="Length"/>],
    /// valid until the next <see cref="Read"/>.</summary>
    public char[] Chars { get; private set; } = [];

    public int Offset { get; private set; }

    public int Length { get; private set; }

    public ReadOnlySpan<char> Current => Chars.AsSpan(Offset, Length);

    /// <summary>Moves to the next record; false at the end of the text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Read()
    {
        if (!ReadLine(out var start, out var length))
        {
            return false;
        }

        var quotes = _buffer.AsSpan(start, length).Count('"');
        if (quotes % 2 == 0)
        {
            (Chars, Offset, Length) = (_buffer, start, length);
            return true;
        }

        // A quoted field runs on: copy the lines into a buffer of their own (the next line may move this one).
        var joined = 0;
        Append(ref joined, _buffer.AsSpan(start, length));
        while (quotes % 2 != 0 && ReadLine(out start, out length))
        {
            Append(ref joined, "\n");
            Append(ref joined, _buffer.AsSpan(start, length));
            quotes += _buffer.AsSpan(start, length).Count('"');
        }

        (Chars, Offset, Length) = (_joined, 0, joined);
        return true;
    }

    private void Append(ref int joined, ReadOnlySpan<char> text)
    {
        if (joined + text.Length > _joined.Length)
        {
            Array.Resize(ref _joined, Math.Max(_joined.Length * 2, joined + text.Length));
        }

        text.CopyTo(_joined.AsSpan(joined));
        joined += text.Length;
    }

    /// <summary>The next line without its line break, as a range of the buffer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadLine(out int start, out int length)
    {
        var scanned = 0; // characters of this line already searched for a line break
        while (true)
        {
            var rest = _buffer.AsSpan(_start + scanned, _end - _start - scanned);
            var i = rest.IndexOfAny('\r', '\n');
            if (i >= 0)
            {
                var at = _start + scanned + i;
                if (_buffer[at] == '\r' && at + 1 == _end && !_endOfText)
                {
                    // Whether a '\n' follows is in the next block.
                    scanned += i;
                    Fill();
                    continue;
                }

                start = _start;
                length = at - _start;
                _start = at + 1;
                if (_buffer[at] == '\r' && _start < _end && _buffer[_start] == '\n')
                {
                    _start++;
                }

                return true;
            }

            if (_endOfText)
            {
                start = _start;
                length = _end - _start;
                _start = _end;
                return length > 0;
            }

            scanned = _end - _start;
            Fill();
        }
    }

    /// <summary>Moves the unread characters to the front (growing the buffer when one line fills it) and reads more.</summary>
    private void Fill()
    {
        var unread = _end - _start;
        if (_start > 0)
        {
            _buffer.AsSpan(_start, unread).CopyTo(_buffer);
            (_start, _end) = (0, unread);
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = reader.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _endOfText = true;
        }

        _end += read;
    }
}
