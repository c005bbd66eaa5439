using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Npgsql;

namespace SociaalDomein.Infrastructure.Imports;

/// <summary>
/// One row of PostgreSQL's binary COPY format, built value by value into a reused buffer: a 16-bit field count, then per
/// value a 32-bit length (−1 for NULL) and the value in the type's binary form — text as UTF-8, bytea raw, integers
/// big-endian, a date as days since 2000-01-01, numeric as base-10000 digits. The loaders of assignments and claims
/// write their rows with it (ADR 6; ADR 18 for why binary: PostgreSQL skips parsing text, hex and decimal strings, and
/// the app formats nothing). Each value must be sent as its column's exact type (an <c>integer</c> column takes
/// <see cref="Int32"/>, a <c>bigint</c> one <see cref="Int64"/>): PostgreSQL rejects a row whose value has another
/// width. Use: <see cref="Begin"/>, the values in column order, then write <see cref="Row"/>.
/// </summary>
internal sealed class CopyRow
{
    /// <summary>The signature, flags and header extension that open a binary COPY stream.</summary>
    private static ReadOnlySpan<byte> Header => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xff,
        (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>The field count −1 that ends a binary COPY stream.</summary>
    private static ReadOnlySpan<byte> Trailer => [0xff, 0xff];

    private static readonly int Epoch = new DateOnly(2000, 1, 1).DayNumber;

    private byte[] _buffer = new byte[1024];
    private int _length;
    private short _fields;

    /// <summary>The row as built, to write to a COPY stream or a file of rows.</summary>
    public ReadOnlySpan<byte> Row
    {
        get
        {
            BinaryPrimitives.WriteInt16BigEndian(_buffer, _fields);
            return _buffer.AsSpan(0, _length);
        }
    }

    /// <summary>Starts a new row.</summary>
    public void Begin()
    {
        _length = 2; // the field count, written when the row is read
        _fields = 0;
    }

    public void Null()
    {
        Reserve(4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), -1);
        _length += 4;
        _fields++;
    }

    public void Text(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }

        Reserve(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length + 4));
        Value(written);
    }

    public void Bytes(byte[] value)
    {
        Reserve(4 + value.Length);
        value.CopyTo(_buffer.AsSpan(_length + 4));
        Value(value.Length);
    }

    public void Boolean(bool value)
    {
        Reserve(5);
        _buffer[_length + 4] = value ? (byte)1 : (byte)0;
        Value(1);
    }

    public void Int32(int? value)
    {
        if (value is not { } v)
        {
            Null();
            return;
        }

        Reserve(8);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length + 4), v);
        Value(4);
    }

    public void Int64(long? value)
    {
        if (value is not { } v)
        {
            Null();
            return;
        }

        Reserve(12);
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_length + 4), v);
        Value(8);
    }

    public void Date(DateOnly? value)
    {
        if (value is not { } d)
        {
            Null();
            return;
        }

        Reserve(8);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length + 4), d.DayNumber - Epoch);
        Value(4);
    }

    /// <summary>A decimal as PostgreSQL's numeric: ndigits, weight (of the first digit, in powers of 10,000), sign,
    /// display scale, then the base-10,000 digits. Built from the decimal's invariant digits, so the scale it carries
    /// (179.0000) is the scale PostgreSQL receives, as with the text format; the column's typmod then rounds as it
    /// would round text.</summary>
    public void Numeric(decimal? value)
    {
        if (value is not { } v)
        {
            Null();
            return;
        }

        Span<char> text = stackalloc char[40];
        v.TryFormat(text, out var length, default, CultureInfo.InvariantCulture);
        text = text[..length];
        var negative = text[0] == '-';
        if (negative)
        {
            text = text[1..];
        }

        var point = text.IndexOf('.');
        var integer = point < 0 ? text : text[..point];
        var fraction = point < 0 ? [] : text[(point + 1)..];
        integer = integer.TrimStart('0');

        // Base-10,000 digits aligned on the decimal point: the integer part's groups end at the point, the fraction's
        // start at it (its last group padded with zeros on the right).
        var integerGroups = (integer.Length + 3) / 4;
        var fractionGroups = (fraction.Length + 3) / 4;
        Span<short> digits = stackalloc short[integerGroups + fractionGroups];
        for (var g = 0; g < integerGroups; g++)
        {
            var end = integer.Length - 4 * (integerGroups - 1 - g);
            digits[g] = Group(integer[Math.Max(0, end - 4)..end], 0);
        }

        for (var g = 0; g < fractionGroups; g++)
        {
            var start = 4 * g;
            var chunk = fraction[start..Math.Min(fraction.Length, start + 4)];
            digits[integerGroups + g] = Group(chunk, 4 - chunk.Length);
        }

        var weight = integerGroups - 1;
        var first = 0;
        while (first < digits.Length && digits[first] == 0)
        {
            first++;
            weight--;
        }

        var last = digits.Length;
        while (last > first && digits[last - 1] == 0)
        {
            last--;
        }

        var count = last - first;
        if (count == 0)
        {
            weight = 0;
            negative = false;
        }

        Reserve(4 + 8 + 2 * count);
        var target = _buffer.AsSpan(_length + 4);
        BinaryPrimitives.WriteInt16BigEndian(target, (short)count);
        BinaryPrimitives.WriteInt16BigEndian(target[2..], (short)weight);
        BinaryPrimitives.WriteUInt16BigEndian(target[4..], negative ? (ushort)0x4000 : (ushort)0);
        BinaryPrimitives.WriteInt16BigEndian(target[6..], (short)fraction.Length);
        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(target[(8 + 2 * i)..], digits[first + i]);
        }

        Value(8 + 2 * count);
    }

    /// <summary>Starts a binary COPY on <paramref name="connection"/> and writes the stream's header.</summary>
    public static NpgsqlRawCopyStream BeginCopy(NpgsqlConnection connection, string table, IEnumerable<string> columns)
    {
        var copy = connection.BeginRawBinaryCopy(CopyCommand(table, columns));
        copy.Write(Header);
        return copy;
    }

    /// <inheritdoc cref="BeginCopy"/>
    public static async Task<NpgsqlRawCopyStream> BeginCopyAsync(NpgsqlConnection connection, string table, IEnumerable<string> columns,
        CancellationToken ct)
    {
        var copy = await connection.BeginRawBinaryCopyAsync(CopyCommand(table, columns), ct);
        await copy.WriteAsync(Header.ToArray(), ct);
        return copy;
    }

    /// <summary>Writes the trailer and ends the COPY: PostgreSQL then checks and stores what it received.</summary>
    public static void EndCopy(NpgsqlRawCopyStream copy)
    {
        copy.Write(Trailer);
        copy.Dispose();
    }

    /// <inheritdoc cref="EndCopy"/>
    public static async Task EndCopyAsync(NpgsqlRawCopyStream copy)
    {
        await copy.WriteAsync(Trailer.ToArray());
        await copy.DisposeAsync();
    }

    /// <summary>COPYs <paramref name="rows"/> — a file of rows written from <see cref="Row"/>, for a table that could
    /// not take them while another COPY ran on the connection — into <paramref name="table"/>, from its start.</summary>
    public static async Task CopyRowsAsync(NpgsqlConnection connection, string table, IEnumerable<string> columns, FileStream rows,
        CancellationToken ct)
    {
        await rows.FlushAsync(ct);
        rows.Position = 0;
        var copy = await BeginCopyAsync(connection, table, columns, ct);
        try
        {
            await rows.CopyToAsync(copy, 1 << 16, ct);
        }
        catch
        {
            await copy.CancelAsync();
            throw;
        }

        await EndCopyAsync(copy);
    }

    private static string CopyCommand(string table, IEnumerable<string> columns) =>
        $"COPY {table} ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";

    private static short Group(ReadOnlySpan<char> digits, int zerosAfter)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = value * 10 + (c - '0');
        }

        for (var i = 0; i < zerosAfter; i++)
        {
            value *= 10;
        }

        return (short)value;
    }

    /// <summary>Writes the length of the value just put after it and counts the field.</summary>
    private void Value(int length)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), length);
        _length += 4 + length;
        _fields++;
    }

    private void Reserve(int bytes)
    {
        if (_length + bytes > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
        }
    }
}
