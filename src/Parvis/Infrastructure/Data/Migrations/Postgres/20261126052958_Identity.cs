using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Parvis.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Identity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "InPersonCode",
                table: "Users",
                type: "character varying(9)",
                maxLength: 9,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "InactivityWarnedAt",
                table: "Users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastSignInAt",
                table: "Users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Identity_CensusMonths",
                table: "Organizations",
                type: "integer",
                nullable: false,
                defaultValue: 12);

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
                defaultValue: "InPerson");

            migrationBuilder.AddColumn<int>(
                name: "Identity_FranceConnectMonths",
                table: "Organizations",
                type: "integer",
                nullable: false,
                defaultValue: 12);

            migrationBuilder.AddColumn<int>(
                name: "Identity_InPersonMonths",
                table: "Organizations",
                type: "integer",
                nullable: false,
                defaultValue: 24);

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
                defaultValue: "FranceConnect");

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
                defaultValue: 12);

            migrationBuilder.AddColumn<int>(
                name: "Retention_AnonymousEmailDays",
                table: "Organizations",
                type: "integer",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<int>(
                name: "Retention_FraudIpDays",
                table: "Organizations",
                type: "integer",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<int>(
                name: "Retention_InactiveAccountMonths",
                table: "Organizations",
                type: "integer",
                nullable: false,
                defaultValue: 36);

            migrationBuilder.AddColumn<string>(
                name: "Badges",
                table: "Contributions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "None");

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
                defaultValue: "Pseudonym");

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
                name: "PostalLetterRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    TerritoryId = table.Column<int>(type: "integer", nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecipientName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AddressLine1 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AddressLine2 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PostalCode = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    City = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AddressErasedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PrintedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PrintedById = table.Column<Guid>(type: "uuid", nullable: true),
                    CodeSalt = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    CodeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CodeProtected = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CodeExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FailedAttempts = table.Column<int>(type: "integer", nullable: false),
                    UsedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    VoidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostalLetterRequests", x => x.Id);
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
                name: "IX_Users_OrganizationId_InPersonCode",
                table: "Users",
                columns: new[] { "OrganizationId", "InPersonCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CensusEntries_CensusFileId",
                table: "CensusEntries",
                column: "CensusFileId");

            migrationBuilder.CreateIndex(
                name: "IX_CensusEntries_OrganizationId_Hash",
                table: "CensusEntries",
                columns: new[] { "OrganizationId", "Hash" });

            migrationBuilder.CreateIndex(
                name: "IX_PostalLetterRequests_OrganizationId_PrintedAt",
                table: "PostalLetterRequests",
                columns: new[] { "OrganizationId", "PrintedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PostalLetterRequests_OrganizationId_UserId",
                table: "PostalLetterRequests",
                columns: new[] { "OrganizationId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_Verifications_OrganizationId_CensusFileId",
                table: "Verifications",
                columns: new[] { "OrganizationId", "CensusFileId" });

            migrationBuilder.CreateIndex(
                name: "IX_Verifications_OrganizationId_UserId",
                table: "Verifications",
                columns: new[] { "OrganizationId", "UserId" });

            // Existing spaces keep the one display they had; existing accounts count as active today,
            // so the inactivity job does not warn every old account on its first run.
            migrationBuilder.Sql(@"UPDATE ""Consultations"" SET ""Rules_AllowedDisplays"" = ""Rules_DisplayIdentity"";");
            migrationBuilder.Sql(@"UPDATE ""Users"" SET ""LastSignInAt"" = now() WHERE ""LastSignInAt"" IS NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CensusEntries");

            migrationBuilder.DropTable(
                name: "CensusFiles");

            migrationBuilder.DropTable(
                name: "PostalLetterRequests");

            migrationBuilder.DropTable(
                name: "Verifications");

            migrationBuilder.DropIndex(
                name: "IX_Users_OrganizationId_InPersonCode",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "InPersonCode",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "InactivityWarnedAt",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "LastSignInAt",
                table: "Users");

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
                name: "Retention_AnonymousEmailDays",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Retention_FraudIpDays",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Retention_InactiveAccountMonths",
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
