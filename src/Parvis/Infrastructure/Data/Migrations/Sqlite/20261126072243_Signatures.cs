using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Signatures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PetitionSignatures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    PetitionId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    CanonicalEmail = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    EmailDomain = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    PostalCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Commune = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    IpAddress = table.Column<string>(type: "TEXT", maxLength: 45, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LinkSentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    InvalidatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    InvalidationReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PetitionSignatures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PetitionSignatures_Petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ElectorQuarterSignatures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Quarter = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    PetitionId = table.Column<int>(type: "INTEGER", nullable: false),
                    SignatureId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ElectorQuarterSignatures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ElectorQuarterSignatures_PetitionSignatures_SignatureId",
                        column: x => x.SignatureId,
                        principalTable: "PetitionSignatures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ElectorQuarterSignatures_Petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_ElectorQuarterSignatures_OrganizationId_UserId_Quarter",
                table: "ElectorQuarterSignatures",
                columns: new[] { "OrganizationId", "UserId", "Quarter" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ElectorQuarterSignatures_PetitionId",
                table: "ElectorQuarterSignatures",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_ElectorQuarterSignatures_SignatureId",
                table: "ElectorQuarterSignatures",
                column: "SignatureId");

            migrationBuilder.CreateIndex(
                name: "IX_PetitionSignatures_OrganizationId_UserId",
                table: "PetitionSignatures",
                columns: new[] { "OrganizationId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_PetitionSignatures_PetitionId_CanonicalEmail",
                table: "PetitionSignatures",
                columns: new[] { "PetitionId", "CanonicalEmail" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PetitionSignatures_PetitionId_CreatedAt",
                table: "PetitionSignatures",
                columns: new[] { "PetitionId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PetitionSignatures_PetitionId_EmailDomain_CreatedAt",
                table: "PetitionSignatures",
                columns: new[] { "PetitionId", "EmailDomain", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PetitionSignatures_PetitionId_IpAddress_CreatedAt",
                table: "PetitionSignatures",
                columns: new[] { "PetitionId", "IpAddress", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PetitionSignatures_PetitionId_UserId",
                table: "PetitionSignatures",
                columns: new[] { "PetitionId", "UserId" },
                unique: true,
                filter: "\"UserId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ElectorQuarterSignatures");

            migrationBuilder.DropTable(
                name: "PetitionSignatures");
        }
    }
}
