using System.Buffers;
using System.Globalization;
using System.Text;

namespace SociaalDomein.Infrastructure.Imports;

/// <summary>
/// One row of PostgreSQL's COPY text format, built value by value: each value is followed by a tab, NULL is <c>\N</c>,
/// text escapes backslash, tab, newline and carriage return, bytea is hex. The loaders of assignments and claims write
/// their rows with it (ADR 6: set-based import through COPY). Reused per row: <see cref="Clear"/>, append, then
/// <see cref="EndRow"/> turns the last tab into the row's newline.
/// </summary>
internal sealed class CopyLine
{
    private static readonly SearchValues<char> Escaped = SearchValues.Create("\\\t\n\r");
    private readonly StringBuilder _line = new(512);

    /// <summary>The row as built, for <see cref="TextWriter.Write(StringBuilder)"/>.</summary>
    public StringBuilder Row => _line;

    public void Clear() => _line.Clear();

    /// <summary>Ends the row: its last value's tab becomes the newline.</summary>
    public void EndRow() => _line[^1] = '\n';

    public void Null() => _line.Append("\\N\t");

    public void Text(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }

        if (value.AsSpan().IndexOfAny(Escaped) < 0)
        {
            _line.Append(value);
        }
        else
        {
            foreach (var c in value)
            {
                _ = c switch
                {
                    '\\' => _line.Append("\\\\"),
                    '\t' => _line.Append("\\t"),
                    '\n' => _line.Append("\\n"),
                    '\r' => _line.Append("\\r"),
                    _ => _line.Append(c),
                };
            }
        }

        _line.Append('\t');
    }

    /// <summary>bytea in hex: \x… (the backslash escaped for COPY).</summary>
    public void Bytes(byte[] value)
    {
        _line.Append("\\\\x");
        Span<char> hex = stackalloc char[value.Length * 2];
        Convert.TryToHexString(value, hex, out _);
        _line.Append(hex).Append('\t');
    }

    public void Number<T>(T? value) where T : struct, ISpanFormattable
    {
        if (value is { } v)
        {
            _line.Append(CultureInfo.InvariantCulture, $"{v}").Append('\t');
        }
        else
        {
            Null();
        }
    }

    public void Number<T>(T value) where T : struct, ISpanFormattable => Number<T>((T?)value);

    public void Date(DateOnly? value)
    {
        if (value is { } d)
        {
            _line.Append(CultureInfo.InvariantCulture, $"{d:yyyy-MM-dd}").Append('\t');
        }
        else
        {
            Null();
        }
    }
}
