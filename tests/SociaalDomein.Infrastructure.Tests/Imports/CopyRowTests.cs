using System.Globalization;
using Npgsql;
using SociaalDomein.Infrastructure.Imports;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Infrastructure.Tests.Imports;

/// <summary>The binary COPY rows the loaders write (ADR 18): every value PostgreSQL receives is the value the app had —
/// decimals to the last digit of their scale, text in any script, dates on both sides of 2000-01-01, nulls — and a
/// numeric column's precision rounds binary input as it rounds text.</summary>
public sealed class CopyRowTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly decimal[] Decimals =
    [
        0m, 0.00m, 1m, -1m, 0.98m, 58.40m, 179.0000m, 9999m, 10000m, 10001m, 12345678.9012m, -1234.56m, 0.0001m, 0.00001234m,
        1234567890.1234m, 100000000m, 0.5m, 20.1m, 79228162514264337593543950335m, -0.0000000000000000000000000001m,
    ];

    [Fact]
    public async Task Postgresql_stores_every_value_as_the_app_had_it()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand(
            """
            CREATE TEMP TABLE copied (n integer NOT NULL, t text, b bytea, i integer, l bigint, d date, x numeric, f boolean)
            """, connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var random = new Random(18);
        var texts = new[] { "", "Zorgaanbieder 05 BV", "é ë € ✓ 😀", "tab\there\\ and \"quotes\";", null };
        var dates = new DateOnly?[] { new(2000, 1, 1), new(1999, 12, 31), new(2018, 11, 1), new(1900, 2, 28), new(2099, 12, 31), null };
        var expected = new List<(string? T, byte[]? B, int? I, long? L, DateOnly? D, decimal? X, bool F)>();
        var row = new CopyRow();
        var copy = await CopyRow.BeginCopyAsync(connection, "copied", ["n", "t", "b", "i", "l", "d", "x", "f"], default);
        for (var n = 0; n < 200; n++)
        {
            var value = (
                T: texts[n % texts.Length],
                B: n % 7 == 0 ? null : Enumerable.Range(0, n % 40).Select(_ => (byte)random.Next(256)).ToArray(),
                I: n % 5 == 0 ? (int?)null : random.Next(int.MinValue, int.MaxValue),
                L: n % 6 == 0 ? (long?)null : random.NextInt64(long.MinValue, long.MaxValue),
                D: dates[n % dates.Length],
                X: n % 9 == 0 ? (decimal?)null : n < Decimals.Length ? Decimals[n] : Math.Round((decimal)(random.NextDouble() * 1e6 - 5e5), n % 5),
                F: n % 2 == 0);
            expected.Add(value);
            row.Begin();
            row.Int32(n);
            row.Text(value.T);
            if (value.B is null)
            {
                row.Null();
            }
            else
            {
                row.Bytes(value.B);
            }

            row.Int32(value.I);
            row.Int64(value.L);
            row.Date(value.D);
            row.Numeric(value.X);
            row.Boolean(value.F);
            copy.Write(row.Row);
        }

        await CopyRow.EndCopyAsync(copy);

        await using var read = new NpgsqlCommand("SELECT t, b, i, l, d, x::text, f FROM copied ORDER BY n", connection);
        await using var reader = await read.ExecuteReaderAsync();
        foreach (var value in expected)
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(value.T, reader.IsDBNull(0) ? null : reader.GetString(0));
            Assert.Equal(value.B, reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1));
            Assert.Equal(value.I, reader.IsDBNull(2) ? null : reader.GetInt32(2));
            Assert.Equal(value.L, reader.IsDBNull(3) ? null : reader.GetInt64(3));
            Assert.Equal(value.D, reader.IsDBNull(4) ? null : reader.GetFieldValue<DateOnly>(4));
            // The text PostgreSQL prints shows the scale it received: "179.0000" stays "179.0000".
            Assert.Equal(value.X?.ToString(CultureInfo.InvariantCulture), reader.IsDBNull(5) ? null : reader.GetString(5));
            Assert.Equal(value.F, reader.GetBoolean(6));
        }

        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task A_numeric_column_rounds_binary_input_as_it_rounds_text()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE rounded (n integer NOT NULL, x numeric(14,2))", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        decimal[] values = [1.005m, 1.004m, -2.675m, 0.125m, 123456789012.345m, 0.001m];
        var row = new CopyRow();
        var copy = await CopyRow.BeginCopyAsync(connection, "rounded", ["n", "x"], default);
        for (var n = 0; n < values.Length; n++)
        {
            row.Begin();
            row.Int32(n);
            row.Numeric(values[n]);
            copy.Write(row.Row);
        }

        await CopyRow.EndCopyAsync(copy);

        await using var read = new NpgsqlCommand(
            "SELECT r.x::text, v::numeric(14,2)::text FROM rounded r JOIN unnest(@values) WITH ORDINALITY AS u(v, k) ON k = r.n + 1 ORDER BY r.n",
            connection);
        read.Parameters.AddWithValue("values", values.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray());
        await using var reader = await read.ExecuteReaderAsync();
        var count = 0;
        while (await reader.ReadAsync())
        {
            Assert.Equal(reader.GetString(1), reader.GetString(0));
            count++;
        }

        Assert.Equal(values.Length, count);
    }

    [Fact]
    public async Task A_value_too_large_for_its_column_fails_the_copy_as_text_would()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE narrow (x numeric(4,2))", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var row = new CopyRow();
        var copy = await CopyRow.BeginCopyAsync(connection, "narrow", ["x"], default);
        row.Begin();
        row.Numeric(123.45m);
        copy.Write(row.Row);
        var error = await Assert.ThrowsAsync<PostgresException>(() => CopyRow.EndCopyAsync(copy));
        Assert.Equal(PostgresErrorCodes.NumericValueOutOfRange, error.SqlState);
    }
}
