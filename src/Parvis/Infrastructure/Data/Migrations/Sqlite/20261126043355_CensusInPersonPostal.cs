using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CensusInPersonPostal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "InPersonCode",
                table: "Users",
                type: "TEXT",
                maxLength: 9,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PostalLetterRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TerritoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecipientName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AddressLine1 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AddressLine2 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PostalCode = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    City = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AddressErasedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PrintedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PrintedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    CodeSalt = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    CodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CodeProtected = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CodeExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FailedAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    UsedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    VoidedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostalLetterRequests", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Users_OrganizationId_InPersonCode",
                table: "Users",
                columns: new[] { "OrganizationId", "InPersonCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PostalLetterRequests_OrganizationId_PrintedAt",
                table: "PostalLetterRequests",
                columns: new[] { "OrganizationId", "PrintedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PostalLetterRequests_OrganizationId_UserId",
                table: "PostalLetterRequests",
                columns: new[] { "OrganizationId", "UserId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PostalLetterRequests");

            migrationBuilder.DropIndex(
                name: "IX_Users_OrganizationId_InPersonCode",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "InPersonCode",
                table: "Users");
        }
    }
}
