using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SociaalDomein.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ForecastClaimGroups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ClaimGroups",
                columns: table => new
                {
                    BudgetLineId = table.Column<int>(type: "integer", nullable: false),
                    Law = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClaimGroups", x => x.BudgetLineId);
                    table.ForeignKey(
                        name: "FK_ClaimGroups_BudgetLines_BudgetLineId",
                        column: x => x.BudgetLineId,
                        principalTable: "BudgetLines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClaimGroupCategories",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BudgetLineId = table.Column<int>(type: "integer", nullable: false),
                    Law = table.Column<int>(type: "integer", nullable: false),
                    ProductCategory = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClaimGroupCategories", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClaimGroupCategories_ClaimGroups_BudgetLineId",
                        column: x => x.BudgetLineId,
                        principalTable: "ClaimGroups",
                        principalColumn: "BudgetLineId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClaimGroupCategories_BudgetLineId",
                table: "ClaimGroupCategories",
                column: "BudgetLineId");

            migrationBuilder.CreateIndex(
                name: "IX_ClaimGroupCategories_Law_ProductCategory",
                table: "ClaimGroupCategories",
                columns: new[] { "Law", "ProductCategory" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClaimGroupCategories");

            migrationBuilder.DropTable(
                name: "ClaimGroups");
        }
    }
}
