using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SociaalDomein.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class StackingSnapshotImportsSeen : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ImportsSeen",
                table: "StackingSnapshots",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ImportsSeen",
                table: "StackingSnapshots");
        }
    }
}
