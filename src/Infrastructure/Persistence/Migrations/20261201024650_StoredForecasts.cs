using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SociaalDomein.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class StoredForecasts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ForecastAccuracySets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BudgetLineId = table.Column<int>(type: "integer", nullable: false),
                    KnownBy = table.Column<DateOnly>(type: "date", nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    InputVersion = table.Column<long>(type: "bigint", nullable: false),
                    FiguresJson = table.Column<string>(type: "json", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ForecastAccuracySets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ForecastAccuracySets_BudgetLines_BudgetLineId",
                        column: x => x.BudgetLineId,
                        principalTable: "BudgetLines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ForecastFigureSets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    InputVersion = table.Column<long>(type: "bigint", nullable: false),
                    FiguresJson = table.Column<string>(type: "json", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ForecastFigureSets", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ForecastAccuracySets_BudgetLineId",
                table: "ForecastAccuracySets",
                column: "BudgetLineId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ForecastFigureSets_Year_AsOf",
                table: "ForecastFigureSets",
                columns: new[] { "Year", "AsOf" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ForecastAccuracySets");

            migrationBuilder.DropTable(
                name: "ForecastFigureSets");
        }
    }
}
