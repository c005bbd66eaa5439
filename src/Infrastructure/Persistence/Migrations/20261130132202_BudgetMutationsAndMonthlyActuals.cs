using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SociaalDomein.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class BudgetMutationsAndMonthlyActuals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsEstimate",
                table: "BudgetLineYears",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Code",
                table: "BudgetLines",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                defaultValue: "");

            // Lines so far had no code: give each the one the demo data gives its lines (WMO-04), unique by domain and order.
            migrationBuilder.Sql("""
                UPDATE "BudgetLines" l SET "Code" =
                    (CASE l."Domain" WHEN 1 THEN 'BW' WHEN 2 THEN 'WMO' WHEN 3 THEN 'JGD' WHEN 4 THEN 'PART' WHEN 5 THEN 'BIJST' ELSE 'ARM' END)
                    || '-' || lpad(l."SortOrder"::text, 2, '0') || CASE WHEN c.n > 1 THEN '-' || l."Id" ELSE '' END
                FROM (SELECT "Id", count(*) OVER (PARTITION BY "Domain", "SortOrder") AS n FROM "BudgetLines") c
                WHERE c."Id" = l."Id";
                """);

            migrationBuilder.CreateTable(
                name: "ActualMonths",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BudgetLineId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    ImportRunId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActualMonths", x => x.Id);
                    table.CheckConstraint("CK_ActualMonths_Month", "\"Month\" BETWEEN 1 AND 12");
                    table.ForeignKey(
                        name: "FK_ActualMonths_BudgetLines_BudgetLineId",
                        column: x => x.BudgetLineId,
                        principalTable: "BudgetLines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BudgetMutations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BudgetLineId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Structural = table.Column<bool>(type: "boolean", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecisionReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetMutations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BudgetMutations_BudgetLines_BudgetLineId",
                        column: x => x.BudgetLineId,
                        principalTable: "BudgetLines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BudgetYears",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetYears", x => x.Year);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BudgetLines_Code",
                table: "BudgetLines",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActualMonths_BudgetLineId_Year_Month",
                table: "ActualMonths",
                columns: new[] { "BudgetLineId", "Year", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BudgetMutations_BudgetLineId_Year",
                table: "BudgetMutations",
                columns: new[] { "BudgetLineId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_BudgetMutations_Status",
                table: "BudgetMutations",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActualMonths");

            migrationBuilder.DropTable(
                name: "BudgetMutations");

            migrationBuilder.DropTable(
                name: "BudgetYears");

            migrationBuilder.DropIndex(
                name: "IX_BudgetLines_Code",
                table: "BudgetLines");

            migrationBuilder.DropColumn(
                name: "IsEstimate",
                table: "BudgetLineYears");

            migrationBuilder.DropColumn(
                name: "Code",
                table: "BudgetLines");
        }
    }
}
