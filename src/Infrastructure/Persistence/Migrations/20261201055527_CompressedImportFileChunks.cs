using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SociaalDomein.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CompressedImportFileChunks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Compressed",
                table: "ImportFileChunks",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Compressed",
                table: "ImportFileChunks");
        }
    }
}
