using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SociaalDomein.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PrivacyAndSeveralInstances : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ImportsSeen",
                table: "StackingSnapshots");

            migrationBuilder.RenameColumn(
                name: "RawRow",
                table: "ImportRowErrors",
                newName: "MaskedRow");

            migrationBuilder.AddColumn<long>(
                name: "InputVersion",
                table: "StackingSnapshots",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "FileDeletedAt",
                table: "ImportRuns",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ImportFileChunks",
                columns: table => new
                {
                    ImportRunId = table.Column<long>(type: "bigint", nullable: false),
                    Index = table.Column<int>(type: "integer", nullable: false),
                    Data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportFileChunks", x => new { x.ImportRunId, x.Index });
                    table.ForeignKey(
                        name: "FK_ImportFileChunks_ImportRuns_ImportRunId",
                        column: x => x.ImportRunId,
                        principalTable: "ImportRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Ciphertext does not compress: store the chunks out of line without PostgreSQL trying (and failing) to.
            migrationBuilder.Sql("""ALTER TABLE "ImportFileChunks" ALTER COLUMN "Data" SET STORAGE EXTERNAL;""");

            migrationBuilder.CreateTable(
                name: "InputChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    What = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InputChanges", x => x.Id);
                });

            // Rejected rows stored before masking existed hold BSNs, addresses and birth dates in clear: remove them
            // (the row number, column and reason stay; the download says "(niet bewaard)"). ADR 11.
            migrationBuilder.Sql("""UPDATE "ImportRowErrors" SET "MaskedRow" = NULL;""");

            // Earlier versions kept uploads on disk, in clear; they are not carried over (the retention job deletes
            // them). A run that had not started yet can no longer find its file: it fails with a reason.
            migrationBuilder.Sql("""
                UPDATE "ImportRuns" SET "FileDeletedAt" = now();
                UPDATE "ImportRuns" SET "Status" = 4, "FinishedAt" = now(),
                    "Message" = 'De import is niet uitgevoerd omdat de app intussen is bijgewerkt; er is niets ingelezen. Lees het bestand opnieuw in.'
                WHERE "Status" IN (1, 2);
                """);

            // Stored analyses were judged fresh by the number of imports; from now on by the input version. Recomputed
            // when asked for.
            migrationBuilder.Sql("""DELETE FROM "StackingSnapshots";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ImportFileChunks");

            migrationBuilder.DropTable(
                name: "InputChanges");

            migrationBuilder.DropColumn(
                name: "InputVersion",
                table: "StackingSnapshots");

            migrationBuilder.DropColumn(
                name: "FileDeletedAt",
                table: "ImportRuns");

            migrationBuilder.RenameColumn(
                name: "MaskedRow",
                table: "ImportRowErrors",
                newName: "RawRow");

            migrationBuilder.AddColumn<int>(
                name: "ImportsSeen",
                table: "StackingSnapshots",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }
    }
}
