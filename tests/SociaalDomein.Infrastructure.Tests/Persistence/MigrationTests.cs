using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using SociaalDomein.Infrastructure.Persistence;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Infrastructure.Tests.Persistence;

public class MigrationTests
{
    private static AppDbContext Context(string connectionString) =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(connectionString).Options);

    [Fact]
    public async Task The_migrations_build_the_schema_on_a_brand_new_empty_database()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("mig");
        await using var db = Context(connectionString);
        Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync());

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        var tables = await TablesAsync(connectionString);
        string[] expected =
        [
            "__EFMigrationsHistory", "AspNetRoles", "AspNetUsers", "AspNetUserRoles", "AspNetUserClaims", "AspNetRoleClaims",
            "AspNetUserLogins", "AspNetUserTokens", "Municipalities", "MunicipalityPopulations", "BudgetLines", "BudgetLineYears",
            "DeficitComponents", "Scenarios", "Measures", "MeasureYears", "PrudenceMargins",
        ];
        Assert.All(expected, table => Assert.Contains(table, tables));
    }

    [Fact]
    public async Task Upgrading_an_existing_database_removes_the_rejected_rows_kept_in_clear_and_fails_runs_whose_file_is_gone()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("mig");
        const string before = "20261123162101_StackingSnapshotImportsSeen";
        await using var db = Context(connectionString);
        await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync(before);
        var bsn = Imports.TestBsn.Number(90);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand(
            $$"""
            INSERT INTO "ImportRuns" ("Id", "Kind", "FileName", "Sha256", "SizeBytes", "UploadedBy", "UploadedAt", "OnlyValidRows", "Status",
                "RowsDone", "RowsRead", "RowsImported", "RowsRejected", "Duplicates", "Revoked", "Inserted", "Updated", "UnknownColumns")
            VALUES (1, 1, 'oud.csv', '', 10, 'beheerder', now(), false, 5, 1, 1, 0, 1, 0, 0, 0, 0, '{}'),
                   (2, 1, 'wacht.csv', '', 10, 'beheerder', now(), false, 1, 0, 0, 0, 0, 0, 0, 0, 0, '{}');
            INSERT INTO "ImportRowErrors" ("ImportRunId", "Row", "Column", "Message", "RawRow")
            VALUES (1, 2, 'wet', 'wet ''X'' is onbekend', '{{bsn}};D-1;8011AB;12;X');
            """, connection);
            await insert.ExecuteNonQueryAsync();
        }

        await db.Database.MigrateAsync();

        var errors = await db.ImportRowErrors.Select(e => new { e.Row, e.Column, e.MaskedRow }).ToListAsync();
        var runs = await db.ImportRuns.OrderBy(r => r.Id).Select(r => new { r.Status, r.FileDeletedAt }).ToListAsync();
        Assert.Equal((2, "wet", (string?)null), (errors.Single().Row, errors.Single().Column, errors.Single().MaskedRow));
        Assert.All(runs, r => Assert.NotNull(r.FileDeletedAt));
        Assert.Equal([Domain.Imports.ImportStatus.Rejected, Domain.Imports.ImportStatus.Failed], runs.Select(r => r.Status));
    }

    [Fact]
    public async Task Every_entity_of_the_model_has_its_table_after_migrating()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("mig");
        await using var db = Context(connectionString);

        await db.Database.MigrateAsync();

        var tables = await TablesAsync(connectionString);
        var modelTables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().ToList();
        Assert.NotEmpty(modelTables);
        Assert.All(modelTables, table => Assert.Contains(table, tables));
    }

    [Fact]
    public async Task Money_is_stored_as_numeric_14_2()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("mig");
        await using (var db = Context(connectionString))
        {
            await db.Database.MigrateAsync();
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT table_name || '.' || column_name, data_type, numeric_precision, numeric_scale
            FROM information_schema.columns
            WHERE table_schema = 'public' AND (table_name, column_name) IN
                (('BudgetLineYears', 'Budget'), ('BudgetLineYears', 'Actual'), ('MeasureYears', 'Yield'),
                 ('MeasureYears', 'ImplementationCost'), ('DeficitComponents', 'Amount'), ('PrudenceMargins', 'Amount'))
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var columns = new List<(string Column, string Type, int Precision, int Scale)>();
        while (await reader.ReadAsync())
        {
            columns.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3)));
        }

        Assert.Equal(6, columns.Count);
        Assert.All(columns, c => Assert.Equal(("numeric", 14, 2), (c.Type, c.Precision, c.Scale)));
    }

    [Fact]
    public void The_model_has_no_changes_that_a_migration_does_not_cover()
    {
        using var db = Context("Host=localhost;Database=model_check");

        Assert.False(db.Database.HasPendingModelChanges(),
            "Het model wijkt af van de laatste migratie: voeg een migratie toe (dotnet ef migrations add ...).");
    }

    private static async Task<List<string>> TablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
