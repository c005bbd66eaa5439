using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SociaalDomein.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ImportRunTextFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "TextIsUtf8",
                table: "ImportRuns",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TextLines",
                table: "ImportRuns",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TextIsUtf8",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "TextLines",
                table: "ImportRuns");
        }
    }
}
