using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SociaalDomein.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ScenariosAndMeasures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RetiredAt",
                table: "Measures",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Measures",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Affects",
                table: "InputChanges",
                type: "integer",
                nullable: false,
                defaultValue: 1); // every change so far was one to the stacking analysis' input

            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "DeficitComponents",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "DeficitComponents",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "CustomScenarios",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomScenarios", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MeasureRealisations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MeasureId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Quarter = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    Explanation = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeasureRealisations", x => x.Id);
                    table.CheckConstraint("CK_MeasureRealisations_Quarter", "\"Quarter\" BETWEEN 1 AND 4");
                    table.ForeignKey(
                        name: "FK_MeasureRealisations_Measures_MeasureId",
                        column: x => x.MeasureId,
                        principalTable: "Measures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ScenarioFigureSets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    InputVersion = table.Column<long>(type: "bigint", nullable: false),
                    FiguresJson = table.Column<string>(type: "json", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScenarioFigureSets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScenarioPathYears",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ScenarioId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Deficit = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScenarioPathYears", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScenarioPathYears_Scenarios_ScenarioId",
                        column: x => x.ScenarioId,
                        principalTable: "Scenarios",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CustomScenarioMeasures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CustomScenarioId = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ShiftYears = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomScenarioMeasures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CustomScenarioMeasures_CustomScenarios_CustomScenarioId",
                        column: x => x.CustomScenarioId,
                        principalTable: "CustomScenarios",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InputChanges_Affects",
                table: "InputChanges",
                column: "Affects");

            migrationBuilder.CreateIndex(
                name: "IX_CustomScenarioMeasures_CustomScenarioId_Code",
                table: "CustomScenarioMeasures",
                columns: new[] { "CustomScenarioId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CustomScenarios_Name",
                table: "CustomScenarios",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MeasureRealisations_MeasureId_Year_Quarter",
                table: "MeasureRealisations",
                columns: new[] { "MeasureId", "Year", "Quarter" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScenarioPathYears_ScenarioId_Year",
                table: "ScenarioPathYears",
                columns: new[] { "ScenarioId", "Year" },
                unique: true);

            // Measure years outside the prognosis period never counted and can no longer be entered; the demo's W4
            // carried the plan's 2023 figure, which now lives in its note.
            migrationBuilder.Sql("""
                UPDATE "Measures" SET "YieldNote" = 'Het plan noemt ook € 2.000.000 in 2023; dat jaar valt buiten de prognoseperiode.'
                WHERE "Code" = 'W4' AND "YieldNote" IS NULL AND EXISTS (SELECT 1 FROM "Municipalities" WHERE "IsDemo");
                DELETE FROM "MeasureYears" y
                WHERE y."Year" NOT BETWEEN (SELECT min("Year") FROM "DeficitComponents") AND (SELECT max("Year") FROM "DeficitComponents");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CustomScenarioMeasures");

            migrationBuilder.DropTable(
                name: "MeasureRealisations");

            migrationBuilder.DropTable(
                name: "ScenarioFigureSets");

            migrationBuilder.DropTable(
                name: "ScenarioPathYears");

            migrationBuilder.DropTable(
                name: "CustomScenarios");

            migrationBuilder.DropIndex(
                name: "IX_InputChanges_Affects",
                table: "InputChanges");

            migrationBuilder.DropColumn(
                name: "RetiredAt",
                table: "Measures");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Measures");

            migrationBuilder.DropColumn(
                name: "Affects",
                table: "InputChanges");

            migrationBuilder.DropColumn(
                name: "Note",
                table: "DeficitComponents");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "DeficitComponents");
        }
    }
}
