using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SociaalDomein.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DropAssignmentCopyKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CopyKey",
                table: "Assignments");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CopyKey",
                table: "Assignments",
                type: "bigint",
                nullable: false,
                computedColumnSql: "hashtextextended(\"CaseNumber\" || '|' || \"ProductCode\" || '|' || \"ProviderAgb\" || '|' || (\"StartDate\" - DATE '2000-01-01')::text, 0)",
                stored: true);
        }
    }
}
