using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SociaalDomein.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Providers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Claims",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IdentityKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    ClientKey = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    ProviderAgb = table.Column<string>(type: "character(8)", fixedLength: true, maxLength: 8, nullable: false),
                    Law = table.Column<int>(type: "integer", nullable: false),
                    ProductCategory = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    ProductCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    AssignmentNumber = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    AssignmentId = table.Column<long>(type: "bigint", nullable: true),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    SubmittedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    ClaimNumber = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    CreditOfId = table.Column<long>(type: "bigint", nullable: true),
                    Volume = table.Column<decimal>(type: "numeric(14,4)", precision: 14, scale: 4, nullable: true),
                    Unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Tariff = table.Column<decimal>(type: "numeric(14,4)", precision: 14, scale: 4, nullable: true),
                    ImportRunId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Claims", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProviderFigureSets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Filter = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    InputVersion = table.Column<long>(type: "bigint", nullable: false),
                    FiguresJson = table.Column<string>(type: "json", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProviderFigureSets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Providers",
                columns: table => new
                {
                    Agb = table.Column<string>(type: "character(8)", fixedLength: true, maxLength: 8, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Type = table.Column<int>(type: "integer", nullable: true),
                    FundingModel = table.Column<int>(type: "integer", nullable: true),
                    ContractStart = table.Column<DateOnly>(type: "date", nullable: true),
                    ContractEnd = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Providers", x => x.Agb);
                    table.CheckConstraint("CK_Providers_Agb", "\"Agb\" ~ '^[0-9]{8}$'");
                });

            migrationBuilder.CreateTable(
                name: "Tariffs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProductCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ProviderAgb = table.Column<string>(type: "character(8)", fixedLength: true, maxLength: 8, nullable: true),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    Amount = table.Column<decimal>(type: "numeric(14,4)", precision: 14, scale: 4, nullable: false),
                    Unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tariffs", x => x.Id);
                    table.CheckConstraint("CK_Tariffs_Period", "\"ValidTo\" IS NULL OR \"ValidTo\" >= \"ValidFrom\"");
                });

            migrationBuilder.CreateTable(
                name: "BudgetCeilings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProviderAgb = table.Column<string>(type: "character(8)", fixedLength: true, maxLength: 8, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Law = table.Column<int>(type: "integer", nullable: true),
                    ProductCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Amount = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetCeilings", x => x.Id);
                    table.CheckConstraint("CK_BudgetCeilings_Amount", "\"Amount\" > 0");
                    table.ForeignKey(
                        name: "FK_BudgetCeilings_Providers_ProviderAgb",
                        column: x => x.ProviderAgb,
                        principalTable: "Providers",
                        principalColumn: "Agb",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProviderWarnings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BudgetCeilingId = table.Column<int>(type: "integer", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    ThresholdPercent = table.Column<int>(type: "integer", nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Spent = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    Projection = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    ProjectedDate = table.Column<DateOnly>(type: "date", nullable: true),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    AcknowledgementNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProviderWarnings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProviderWarnings_BudgetCeilings_BudgetCeilingId",
                        column: x => x.BudgetCeilingId,
                        principalTable: "BudgetCeilings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Every provider the stored assignments name exists from the start (afterwards imports add new ones).
            migrationBuilder.Sql(
                """
                INSERT INTO "Providers" ("Agb", "Name", "CreatedAt", "Version")
                SELECT DISTINCT ON ("ProviderAgb") "ProviderAgb", coalesce(nullif(btrim("ProviderName"), ''), 'Aanbieder ' || "ProviderAgb"), now(), 0
                FROM "Assignments" WHERE "ProviderAgb" ~ '^[0-9]{8}$'
                ORDER BY "ProviderAgb", "ImportRunId" DESC
                ON CONFLICT DO NOTHING
                """);

            migrationBuilder.CreateIndex(
                name: "IX_BudgetCeilings_ProviderAgb_Year_Law_ProductCode",
                table: "BudgetCeilings",
                columns: new[] { "ProviderAgb", "Year", "Law", "ProductCode" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "IX_Claims_IdentityKey",
                table: "Claims",
                column: "IdentityKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Claims_ProviderAgb_PeriodStart",
                table: "Claims",
                columns: new[] { "ProviderAgb", "PeriodStart" });

            migrationBuilder.CreateIndex(
                name: "IX_ProviderFigureSets_Year_Filter",
                table: "ProviderFigureSets",
                columns: new[] { "Year", "Filter" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProviderWarnings_BudgetCeilingId_Level",
                table: "ProviderWarnings",
                columns: new[] { "BudgetCeilingId", "Level" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Tariffs_ProductCode_ProviderAgb_ValidFrom",
                table: "Tariffs",
                columns: new[] { "ProductCode", "ProviderAgb", "ValidFrom" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Claims");

            migrationBuilder.DropTable(
                name: "ProviderFigureSets");

            migrationBuilder.DropTable(
                name: "ProviderWarnings");

            migrationBuilder.DropTable(
                name: "Tariffs");

            migrationBuilder.DropTable(
                name: "BudgetCeilings");

            migrationBuilder.DropTable(
                name: "Providers");
        }
    }
}
