using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SociaalDomein.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PrognosisAdoptedOn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "PrognosisAdoptedOn",
                table: "Municipalities",
                type: "date",
                nullable: true);

            // The demo municipality's prognosis is the Interventieplan's (15 May 2018).
            migrationBuilder.Sql("""UPDATE "Municipalities" SET "PrognosisAdoptedOn" = DATE '2018-05-15' WHERE "IsDemo" """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PrognosisAdoptedOn",
                table: "Municipalities");
        }
    }
}
