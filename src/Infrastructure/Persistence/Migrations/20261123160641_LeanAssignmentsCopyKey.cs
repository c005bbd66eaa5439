using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SociaalDomein.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LeanAssignmentsCopyKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Assignments_ClientKey",
                table: "Assignments");

            migrationBuilder.DropIndex(
                name: "IX_Assignments_ImportRunId",
                table: "Assignments");

            migrationBuilder.DropIndex(
                name: "IX_Assignments_StartDate_EndDate",
                table: "Assignments");

            migrationBuilder.AlterColumn<string>(
                name: "IdentityKey",
                table: "Assignments",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AddColumn<long>(
                name: "CopyKey",
                table: "Assignments",
                type: "bigint",
                nullable: false,
                computedColumnSql: "hashtextextended(\"CaseNumber\" || '|' || \"ProductCode\" || '|' || \"ProviderAgb\" || '|' || (\"StartDate\" - DATE '2000-01-01')::text, 0)",
                stored: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CopyKey",
                table: "Assignments");

            migrationBuilder.AlterColumn<string>(
                name: "IdentityKey",
                table: "Assignments",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200,
                oldCollation: "C");

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_ClientKey",
                table: "Assignments",
                column: "ClientKey");

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_ImportRunId",
                table: "Assignments",
                column: "ImportRunId");

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_StartDate_EndDate",
                table: "Assignments",
                columns: new[] { "StartDate", "EndDate" });
        }
    }
}
