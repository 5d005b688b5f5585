using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Parvis.Infrastructure.Data.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    PetitionId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    CanonicalEmail = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    EmailDomain = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    PostalCode = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Commune = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    IpAddress = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LinkSentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    InvalidatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    InvalidationReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Quarter = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    PetitionId = table.Column<int>(type: "integer", nullable: false),
                    SignatureId = table.Column<long>(type: "bigint", nullable: false)
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
