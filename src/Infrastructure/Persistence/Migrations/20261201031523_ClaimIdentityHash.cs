using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SociaalDomein.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ClaimIdentityHash : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Claims_IdentityKey",
                table: "Claims");

            migrationBuilder.AddColumn<long>(
                name: "IdentityHash",
                table: "Claims",
                type: "bigint",
                nullable: false,
                computedColumnSql: "hashtextextended(\"IdentityKey\", 0)",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "IX_Claims_IdentityHash_IdentityKey",
                table: "Claims",
                columns: new[] { "IdentityHash", "IdentityKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Claims_IdentityHash_IdentityKey",
                table: "Claims");

            migrationBuilder.DropColumn(
                name: "IdentityHash",
                table: "Claims");

            migrationBuilder.CreateIndex(
                name: "IX_Claims_IdentityKey",
                table: "Claims",
                column: "IdentityKey",
                unique: true);
        }
    }
}
