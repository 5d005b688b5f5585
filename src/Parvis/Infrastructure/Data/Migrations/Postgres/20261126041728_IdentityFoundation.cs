using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Parvis.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IdentityFoundation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Identity_CensusMonths",
                table: "Organizations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Identity_CensusSalt",
                table: "Organizations",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Identity_EnabledMethods",
                table: "Organizations",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Identity_FranceConnectMonths",
                table: "Organizations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Identity_InPersonMonths",
                table: "Organizations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Identity_OidcClientId",
                table: "Organizations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Identity_OidcClientSecretProtected",
                table: "Organizations",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Identity_OidcDisplayName",
                table: "Organizations",
                type: "character varying(60)",
                maxLength: 60,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Identity_OidcIssuer",
                table: "Organizations",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Identity_PostalLetterMonths",
                table: "Organizations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Badges",
                table: "Contributions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ContactEmail",
                table: "Contributions",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DisplayAs",
                table: "Contributions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Rules_AllowedDisplays",
                table: "Consultations",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Rules_CommentMinimumAge",
                table: "Consultations",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Rules_ContributeMinimumAge",
                table: "Consultations",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Rules_ReactMinimumAge",
                table: "Consultations",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CensusEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    CensusFileId = table.Column<int>(type: "integer", nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TerritoryId = table.Column<int>(type: "integer", nullable: true),
                    IsElector = table.Column<bool>(type: "boolean", nullable: false),
                    ClaimedByUserId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CensusEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CensusFiles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UploadedById = table.Column<Guid>(type: "uuid", nullable: false),
                    RowCount = table.Column<int>(type: "integer", nullable: false),
                    ReplacedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CensusFiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Verifications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Method = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Issuer = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    VerifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ResidentTerritoryId = table.Column<int>(type: "integer", nullable: true),
                    IsElector = table.Column<bool>(type: "boolean", nullable: false),
                    AgeBracket = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    CensusFileId = table.Column<int>(type: "integer", nullable: true),
                    VerifiedById = table.Column<Guid>(type: "uuid", nullable: true),
                    DocumentType = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Verifications", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CensusEntries_CensusFileId",
                table: "CensusEntries",
                column: "CensusFileId");

            migrationBuilder.CreateIndex(
                name: "IX_CensusEntries_OrganizationId_Hash",
                table: "CensusEntries",
                columns: new[] { "OrganizationId", "Hash" });

            migrationBuilder.CreateIndex(
                name: "IX_Verifications_OrganizationId_CensusFileId",
                table: "Verifications",
                columns: new[] { "OrganizationId", "CensusFileId" });

            migrationBuilder.CreateIndex(
                name: "IX_Verifications_OrganizationId_UserId",
                table: "Verifications",
                columns: new[] { "OrganizationId", "UserId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CensusEntries");

            migrationBuilder.DropTable(
                name: "CensusFiles");

            migrationBuilder.DropTable(
                name: "Verifications");

            migrationBuilder.DropColumn(
                name: "Identity_CensusMonths",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Identity_CensusSalt",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Identity_EnabledMethods",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Identity_FranceConnectMonths",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Identity_InPersonMonths",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Identity_OidcClientId",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Identity_OidcClientSecretProtected",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Identity_OidcDisplayName",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Identity_OidcIssuer",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Identity_PostalLetterMonths",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Badges",
                table: "Contributions");

            migrationBuilder.DropColumn(
                name: "ContactEmail",
                table: "Contributions");

            migrationBuilder.DropColumn(
                name: "DisplayAs",
                table: "Contributions");

            migrationBuilder.DropColumn(
                name: "Rules_AllowedDisplays",
                table: "Consultations");

            migrationBuilder.DropColumn(
                name: "Rules_CommentMinimumAge",
                table: "Consultations");

            migrationBuilder.DropColumn(
                name: "Rules_ContributeMinimumAge",
                table: "Consultations");

            migrationBuilder.DropColumn(
                name: "Rules_ReactMinimumAge",
                table: "Consultations");
        }
    }
}
