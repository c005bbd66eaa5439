using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Imports;
using SociaalDomein.Infrastructure.Imports.Declaraties;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Infrastructure.Tests.Imports;

/// <summary>The claims' identity hash (ADR 16): the app's computation equals PostgreSQL's column; identities that share a
/// hash are all stored and recognised again; the indexes dropped for a bulk load come back as they were.</summary>
public sealed class ClaimIdentityHashTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string Agb = "75750001";

    [Fact]
    public async Task The_app_computes_the_hash_postgresql_stores()
    {
        var random = new Random(16);
        var keys = new List<string> { "", "nr:75750001/D-1", "é", "Zorg ✓ Zwolle", "😀 x", "tab\tline\\", "h:" + new string('0', 64) };
        for (var length = 0; length <= 40; length++)
        {
            // every tail length of the 12-byte blocks, in ASCII and with two-, three- and four-byte characters
            keys.Add(new string(Enumerable.Range(0, length).Select(_ => (char)random.Next(32, 127)).ToArray()));
            keys.Add(string.Concat(Enumerable.Range(0, length).Select(_ => random.Next(4) switch
            {
                0 => "ë",
                1 => "€",
                2 => char.ConvertFromUtf32(random.Next(0x1F300, 0x1F5FF)),
                _ => ((char)random.Next(32, 127)).ToString(),
            })));
        }

        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT hashtextextended(k COLLATE \"C\", 0) FROM unnest(@keys) WITH ORDINALITY AS u(k, n) ORDER BY n", connection);
        command.Parameters.AddWithValue("keys", keys.ToArray());
        var expected = new List<long>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                expected.Add(reader.GetInt64(0));
            }
        }

        Assert.Equal(expected, keys.Select(ClaimIdentityHash.Of));
        Assert.Equal(keys.Distinct().Count(), expected.Distinct().Count());
    }

    [Fact]
    public async Task Identities_that_share_a_hash_are_all_stored_and_recognised_again()
    {
        await fixture.ResetAsync();
        // Force every identity to collide: the column and the loader hash only the first three characters ("nr:").
        var collide = new IdentityHashing(k => ClaimIdentityHash.Of(k[..Math.Min(3, k.Length)]), c => $"hashtextextended(left({c}, 3), 0)");
        await UseHashColumnAsync(collide.Sql("\"IdentityKey\""));
        LoadResult first, second;
        try
        {
            first = await LoadAsync(collide, 1, null,
                Claim(2, "D-1", 100m), Claim(3, "D-2", 200m), Claim(4, "D-1", 120m), Claim(5, "C-1", -200m, creditOf: "D-2"));
            second = await LoadAsync(collide, 2, null, Claim(2, "D-1", 120m), Claim(3, "D-2", 250m), Claim(4, "D-3", 75m));
            Assert.Equal(1L, await ScalarAsync("""SELECT count(DISTINCT "IdentityHash") FROM "Claims" """));
        }
        finally
        {
            await UseHashColumnAsync(ClaimIdentityHash.Sql);
        }

        Assert.Equal((1, 3, 0), (first.Duplicates, first.Inserted, first.Updated));
        Assert.Equal((1, 1, 1), (second.Duplicates, second.Inserted, second.Updated));
        var claims = await fixture.QueryAsync(db => db.Claims.AsNoTracking().OrderBy(c => c.ClaimNumber).ToListAsync());
        Assert.Equal([("C-1", -200m), ("D-1", 120m), ("D-2", 250m), ("D-3", 75m)], claims.Select(c => (c.ClaimNumber!, c.Amount)));
        Assert.Equal(claims.Single(c => c.ClaimNumber == "D-2").Id, claims.Single(c => c.ClaimNumber == "C-1").CreditOfId);
    }

    [Fact]
    public async Task A_credit_linked_through_its_reference_hash_is_checked_against_the_identity()
    {
        await fixture.ResetAsync();
        // "X-9" shares its hash with "D-1": the loader, which links a direct credit through the hashes, is misled.
        var misleading = new IdentityHashing(k => ClaimIdentityHash.Of(k.Replace("/X-9", "/D-1")),
            c => $"hashtextextended(replace({c}, '/X-9', '/D-1'), 0)");
        await UseHashColumnAsync(misleading.Sql("\"IdentityKey\""));
        ImportFileException orphan;
        long linkedTo, expected;
        try
        {
            // D-1 is the only claim with that hash, so the credit of X-9 (which exists nowhere) is first linked to it.
            orphan = await Assert.ThrowsAsync<ImportFileException>(() =>
                LoadAsync(misleading, 1, null, Claim(2, "D-1", 100m), Claim(3, "C-1", -100m, creditOf: "X-9")));
            Assert.Equal(0L, await ScalarAsync("""SELECT count(*) FROM "Claims" """));

            // Now X-9 exists, in the same file: the hash is met twice, so the loader leaves the link to the database.
            await LoadAsync(misleading, 2, null, Claim(2, "D-1", 100m), Claim(3, "X-9", 50m), Claim(4, "C-1", -50m, creditOf: "X-9"));
            linkedTo = (long)(await ScalarAsync("""SELECT "CreditOfId" FROM "Claims" WHERE "ClaimNumber" = 'C-1'"""))!;
            expected = (long)(await ScalarAsync("""SELECT "Id" FROM "Claims" WHERE "ClaimNumber" = 'X-9'"""))!;
        }
        finally
        {
            await UseHashColumnAsync(ClaimIdentityHash.Sql);
        }

        Assert.Contains("rij 3 (declaratienummer 'C-1')", orphan.Message);
        Assert.StartsWith("Eén creditregel verwijst naar een declaratie die niet in de database en niet in het bestand staat", orphan.Message);
        Assert.Equal(expected, linkedTo);
    }

    [Fact]
    public async Task A_credit_before_its_original_in_the_file_is_linked_and_staged_rows_take_ids_after_the_loaders()
    {
        await fixture.ResetAsync();
        await LoadAsync(ClaimIdentityHash.Hashing, 1, null, Claim(2, "D-0", 10m));

        // C-1 goes straight in before D-1 is met; K-1 has no reference, so it is staged and matched on content (D-2).
        var result = await LoadAsync(ClaimIdentityHash.Hashing, 2, 4,
            Claim(2, "C-1", -100m, creditOf: "D-1"), Claim(3, "D-1", 100m), Claim(4, "D-2", 200m), Claim(5, "K-1", -200m));

        Assert.Equal((0, 4, 0), (result.Duplicates, result.Inserted, result.Updated));
        var claims = await fixture.QueryAsync(db => db.Claims.AsNoTracking().ToDictionaryAsync(c => c.ClaimNumber!));
        Assert.Equal(claims["D-1"].Id, claims["C-1"].CreditOfId);
        Assert.Equal(claims["D-2"].Id, claims["K-1"].CreditOfId);
        Assert.True(claims["K-1"].Id > claims.Values.Where(c => c.ClaimNumber != "K-1").Max(c => c.Id));
        Assert.Null(claims["D-0"].CreditOfId);
    }

    [Fact]
    public async Task A_bulk_load_drops_the_indexes_and_builds_them_again_as_they_were()
    {
        await fixture.ResetAsync();
        const string indexes = """SELECT string_agg(indexdef, '; ' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'Claims'""";
        var before = await ScalarAsync(indexes);
        await LoadAsync(ClaimIdentityHash.Hashing, 1, null, Claim(2, "D-0", 10m));
        const int rows = 150_000;
        var claims = Enumerable.Range(1, rows).Select(i => Claim(i + 1, $"B-{i}", 10m + i % 100))
            .Append(Claim(rows + 2, "B-7", 99m)) // a repeat: the later row wins
            .Append(Claim(rows + 3, "D-0", 10m)) // stored, unchanged
            .Append(Claim(rows + 4, "C-1", -10m, creditOf: "D-0"));

        // Expecting more rows than stored: the indexes go after 65,536 rows straight in.
        var result = await LoadAsync(ClaimIdentityHash.Hashing, 2, rows + 3, claims.ToArray());

        Assert.Equal((2, rows + 1, 0), (result.Duplicates, result.Inserted, result.Updated));
        Assert.Equal(before, await ScalarAsync(indexes));
        Assert.Contains("IX_Claims_IdentityHash_IdentityKey", (string)before!);
        Assert.Equal((long)rows + 2, await ScalarAsync("""SELECT count(*) FROM "Claims" """));
        Assert.Equal(99m, await ScalarAsync("""SELECT "Amount" FROM "Claims" WHERE "ClaimNumber" = 'B-7'"""));
        Assert.Equal(1L, await ScalarAsync("""SELECT count(*) FROM "Claims" WHERE "CreditOfId" IS NOT NULL"""));
    }

    private static ClaimRecord Claim(int row, string number, decimal amount, string? creditOf = null) => new(
        row, ClaimRecord.NumberIdentity(Agb, number), Encoding.UTF8.GetBytes("client-" + number.Length), Agb, "Zorg Zwolle BV", Law.Wmo, "02",
        "02A06", null, new DateOnly(2019, 3, 1), new DateOnly(2019, 3, 31), amount, new DateOnly(2019, 4, 10), ClaimStatus.Approved, number,
        creditOf is null ? null : ClaimRecord.NumberIdentity(Agb, creditOf), null, null, null);

    /// <summary>One load through the loader, as the import job runs it (its own transaction, committed).</summary>
    private async Task<LoadResult> LoadAsync(IdentityHashing hashing, long run, int? expectedRows, params ClaimRecord[] claims)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        LoadResult result;
        await using (var loader = await ClaimsLoader.BeginAsync(connection, run, hashing, CancellationToken.None))
        {
            loader.Expect(new Expected(expectedRows));
            foreach (var claim in claims)
            {
                loader.Write(claim);
            }

            result = await loader.CompleteAsync(connection, CancellationToken.None);
        }

        await transaction.CommitAsync();
        return result;
    }

    /// <summary>Redefines this fixture's "Claims"."IdentityHash" column (and its unique index) as <paramref name="sql"/>.</summary>
    private Task UseHashColumnAsync(string sql) => ExecuteAsync(
        $"""
        ALTER TABLE "Claims" DROP COLUMN "IdentityHash";
        ALTER TABLE "Claims" ADD COLUMN "IdentityHash" bigint GENERATED ALWAYS AS ({sql}) STORED;
        CREATE UNIQUE INDEX "IX_Claims_IdentityHash_IdentityKey" ON "Claims" ("IdentityHash", "IdentityKey");
        """);

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>A file that only tells its row count.</summary>
    private sealed class Expected(int? rows) : IImportFile<ParsedRow<ClaimRecord>>
    {
        public SourceFormat Format => SourceFormat.Csv;
        public IReadOnlyList<string> UnknownColumns => [];
        public string? HeaderLine => null;
        public int? TotalRows => rows;
        public IEnumerable<ParsedRow<ClaimRecord>> Rows => [];
        public void Dispose() { }
    }
}
