using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using Npgsql;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Stacking;

namespace SociaalDomein.Infrastructure.Stacking;

/// <summary>
/// Reads the assignments the stacking analysis needs with one binary COPY of only the needed columns (docs/decisions/0017)
/// and parses PostgreSQL's binary COPY format itself, straight from the buffer into <see cref="StackingColumns"/>: no
/// object, string or array per row. PostgreSQL filters by law (rule 1: exact) and sends the client, address, law and
/// amount fields only of rows active on the reference date (the others only count for rule 2's copies).
/// Runs on the caller's connection and transaction, so it reads the same snapshot as the input version.
/// The per-row methods here and in <see cref="StackingColumns"/> are compiled optimised at once
/// (<c>AggressiveOptimization</c>): a request in a fresh process would otherwise run its million rows through the
/// JIT's first, unoptimised tier (measured: the first analyses of a process took twice as long).
/// </summary>
internal static class StackingCopyReader
{
    private static readonly int Epoch = new DateOnly(2000, 1, 1).DayNumber;   // PostgreSQL's day 0 of a binary date

    /// <summary>"PGCOPY\n\377\r\n\0": a binary COPY begins with these 11 bytes.</summary>
    private static ReadOnlySpan<byte> Signature => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', 0x0A, 0xFF, 0x0D, 0x0A, 0x00];

    /// <summary>The COPY statement. COPY takes no parameters, so the reference date and law are written in as
    /// literals: a date formatted here and an enum's number, never text from outside.</summary>
    internal static string Sql(DateOnly referenceDate, Law? law)
    {
        var date = $"DATE '{referenceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";
        var active = $"""a."EndDate" IS DISTINCT FROM a."StartDate" AND a."StartDate" <= {date} AND (a."EndDate" IS NULL OR a."EndDate" >= {date})""";
        var filter = law is { } only ? $"""WHERE a."Law" = {((int)only).ToString(CultureInfo.InvariantCulture)}""" : "";
        return $"""
            COPY (
                SELECT a."Id", a."StartDate", a."EndDate", a."Postcode4", a."CaseNumber", a."ProductCode", a."ProviderAgb",
                       CASE WHEN {active} THEN a."ClientKey" END,
                       CASE WHEN {active} THEN a."AddressKey" END,
                       CASE WHEN {active} THEN a."Law" END,
                       CASE WHEN {active} THEN a."Volume" END,
                       CASE WHEN {active} THEN a."Frequency" END,
                       CASE WHEN {active} THEN a."Tariff" END,
                       CASE WHEN {active} THEN a."Budget" END
                FROM "Assignments" a
                {filter}
            ) TO STDOUT (FORMAT BINARY)
            """;
    }

    private const int Fields = 14;

    public static async Task ReadAsync(NpgsqlConnection connection, StackingColumns columns, DateOnly referenceDate, Law? law, CancellationToken ct)
    {
        await using var stream = await connection.BeginRawBinaryCopyAsync(Sql(referenceDate, law), ct);
        var buffer = new byte[1 << 20];
        var filled = 0;
        var position = 0;
        var headerRead = false;
        while (true)
        {
            // Move what is left of a row to the front, then fill the rest of the buffer.
            if (position > 0)
            {
                Buffer.BlockCopy(buffer, position, buffer, 0, filled - position);
                filled -= position;
                position = 0;
            }

            var read = await stream.ReadAsync(buffer.AsMemory(filled), ct);
            filled += read;
            var span = new ReadOnlySpan<byte>(buffer, 0, filled);
            if (!headerRead)
            {
                if (!TryReadHeader(span, ref position))
                {
                    if (read == 0)
                    {
                        throw new InvalidDataException("Het binaire COPY-antwoord van PostgreSQL is te kort.");
                    }

                    continue;
                }

                headerRead = true;
            }

            while (true)
            {
                var row = TryParseRow(span[position..], columns, out var done);
                if (done)
                {
                    return;
                }

                if (row == 0)
                {
                    break;
                }

                position += row;
            }

            if (read == 0)
            {
                throw new InvalidDataException("Het binaire COPY-antwoord van PostgreSQL hield midden in een rij op.");
            }
        }
    }

    private static bool TryReadHeader(ReadOnlySpan<byte> span, ref int position)
    {
        if (span.Length < Signature.Length + 8)
        {
            return false;
        }

        if (!span[..Signature.Length].SequenceEqual(Signature))
        {
            throw new InvalidDataException("Het COPY-antwoord van PostgreSQL is niet binair.");
        }

        var extension = BinaryPrimitives.ReadInt32BigEndian(span[(Signature.Length + 4)..]);
        var length = Signature.Length + 8 + extension;
        if (span.Length < length)
        {
            return false;
        }

        position = length;
        return true;
    }

    /// <summary>Parses one row and adds it; returns its length in bytes, or 0 when the buffer does not hold all of it
    /// yet. <paramref name="done"/>: the trailer (field count -1) was read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int TryParseRow(ReadOnlySpan<byte> span, StackingColumns columns, out bool done)
    {
        done = false;
        if (span.Length < 2)
        {
            return 0;
        }

        var count = BinaryPrimitives.ReadInt16BigEndian(span);
        if (count == -1)
        {
            done = true;
            return 2;
        }

        if (count != Fields)
        {
            throw new InvalidDataException($"Het COPY-antwoord van PostgreSQL heeft {count} kolommen in plaats van {Fields}.");
        }

        Span<int> offsets = stackalloc int[Fields];
        Span<int> lengths = stackalloc int[Fields];
        var at = 2;
        for (var f = 0; f < Fields; f++)
        {
            if (span.Length < at + 4)
            {
                return 0;
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(span[at..]);
            at += 4;
            offsets[f] = at;
            lengths[f] = length;
            if (length > 0)
            {
                at += length;
            }
        }

        if (span.Length < at)
        {
            return 0;
        }

        ReadOnlySpan<byte> Field(ReadOnlySpan<byte> row, Span<int> offsets, Span<int> lengths, int f) =>
            lengths[f] < 0 ? [] : row.Slice(offsets[f], lengths[f]);

        var id = BinaryPrimitives.ReadInt64BigEndian(Field(span, offsets, lengths, 0));
        var start = Date(Field(span, offsets, lengths, 1));
        DateOnly? end = lengths[2] < 0 ? null : Date(Field(span, offsets, lengths, 2));
        columns.Add(
            id,
            Field(span, offsets, lengths, 3),
            start,
            end,
            Field(span, offsets, lengths, 4),
            Field(span, offsets, lengths, 5),
            Field(span, offsets, lengths, 6),
            Field(span, offsets, lengths, 7),
            Field(span, offsets, lengths, 8),
            lengths[9] < 0 ? default : (Law)BinaryPrimitives.ReadInt32BigEndian(Field(span, offsets, lengths, 9)),
            Number(span, offsets, lengths, 10),
            lengths[11] < 0 ? null : (Frequency)BinaryPrimitives.ReadInt32BigEndian(Field(span, offsets, lengths, 11)),
            Number(span, offsets, lengths, 12),
            Number(span, offsets, lengths, 13));
        return at;
    }

    private static DateOnly Date(ReadOnlySpan<byte> value) => DateOnly.FromDayNumber(Epoch + BinaryPrimitives.ReadInt32BigEndian(value));

    /// <summary>A numeric in PostgreSQL's binary form (ndigits, weight, sign, dscale, then base-10000 digits), or null:
    /// exact, with the column's scale, as Npgsql would read it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static decimal? Number(ReadOnlySpan<byte> row, Span<int> offsets, Span<int> lengths, int f)
    {
        if (lengths[f] < 0)
        {
            return null;
        }

        var value = row.Slice(offsets[f], lengths[f]);
        var digits = BinaryPrimitives.ReadInt16BigEndian(value);
        var weight = BinaryPrimitives.ReadInt16BigEndian(value[2..]);
        var sign = BinaryPrimitives.ReadUInt16BigEndian(value[4..]);
        var scale = BinaryPrimitives.ReadInt16BigEndian(value[6..]);
        if ((sign != 0x0000 && sign != 0x4000) || scale > 28)
        {
            throw new InvalidDataException("Een bedrag of aantal in de toewijzingen is geen eindig getal dat in een decimal past.");
        }

        UInt128 mantissa = 0;
        for (var i = 0; i < digits; i++)
        {
            mantissa = (mantissa * 10_000) + BinaryPrimitives.ReadUInt16BigEndian(value[(8 + (2 * i))..]);
        }

        // value = mantissa × 10^exponent; as a decimal with `scale` decimals: mantissa × 10^(exponent + scale) / 10^scale
        var shift = (4 * (weight - digits + 1)) + scale;
        for (; shift > 0; shift--)
        {
            mantissa *= 10;
        }

        for (; shift < 0; shift++)
        {
            mantissa /= 10;   // only zeros beyond the scale
        }

        if (mantissa >> 96 != 0)
        {
            throw new InvalidDataException("Een bedrag of aantal in de toewijzingen is te groot voor een decimal.");
        }

        return new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), (int)(uint)(mantissa >> 64), sign == 0x4000, (byte)scale);
    }
}
