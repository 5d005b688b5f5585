using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UnifyApiKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ApiKeys_SecretHash",
                table: "ApiKeys");

            migrationBuilder.AddColumn<Guid>(
                name: "CreatedById",
                table: "ApiKeys",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastUsedAt",
                table: "ApiKeys",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Open311",
                table: "ApiKeys",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // The Open311 clients become keys with the Open311 use and the default limit, keeping their ids (the requests
            // they sent point at them) and their secrets' hashes; the public API's keys, moved out of their way, keep
            // their limit and get no Open311 use. Two steps, so that no id meets another while it moves.
            migrationBuilder.Sql("""
                UPDATE "ApiKeys" SET "Id" = -"Id";
                UPDATE "ApiKeys" SET "Id" = COALESCE((SELECT MAX("Id") FROM "ApiClients"), 0) - "Id";
                INSERT INTO "ApiKeys" ("Id", "OrganizationId", "Name", "Prefix", "SecretHash", "ReadsPerMinute", "Open311",
                    "CreatedAt", "CreatedById", "RevokedAt", "LastUsedAt")
                SELECT "Id", "OrganizationId", "Name", "KeyPrefix", "KeyHash", 1000, 1,
                    "CreatedAt", "CreatedById", "RevokedAt", "LastUsedAt"
                FROM "ApiClients";
                """);

            migrationBuilder.DropForeignKey(
                name: "FK_ServiceRequests_ApiClients_ApiClientId",
                table: "ServiceRequests");

            migrationBuilder.RenameColumn(
                name: "ApiClientId",
                table: "ServiceRequests",
                newName: "ApiKeyId");

            migrationBuilder.RenameIndex(
                name: "IX_ServiceRequests_ApiClientId",
                table: "ServiceRequests",
                newName: "IX_ServiceRequests_ApiKeyId");

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_OrganizationId_SecretHash",
                table: "ApiKeys",
                columns: new[] { "OrganizationId", "SecretHash" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_ServiceRequests_ApiKeys_ApiKeyId",
                table: "ServiceRequests",
                column: "ApiKeyId",
                principalTable: "ApiKeys",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            // SQLite rebuilds the requests' table with its new foreign key after every step written here: until then the
            // table points at ApiClients, which is dropped without the foreign keys' check (a pragma outside a transaction).
            migrationBuilder.Sql("PRAGMA foreign_keys = 0;", suppressTransaction: true);
            migrationBuilder.DropTable(
                name: "ApiClients");
            migrationBuilder.Sql("PRAGMA foreign_keys = 1;", suppressTransaction: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ServiceRequests_ApiKeys_ApiKeyId",
                table: "ServiceRequests");

            migrationBuilder.DropIndex(
                name: "IX_ApiKeys_OrganizationId_SecretHash",
                table: "ApiKeys");

            migrationBuilder.CreateTable(
                name: "ApiClients",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    KeyHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    KeyPrefix = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    LastUsedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiClients", x => x.Id);
                });

            // Back: the keys with the Open311 use return to the Open311 clients, with their ids.
            migrationBuilder.Sql("""
                INSERT INTO "ApiClients" ("Id", "OrganizationId", "Name", "KeyPrefix", "KeyHash", "CreatedAt", "CreatedById", "RevokedAt", "LastUsedAt")
                SELECT "Id", "OrganizationId", SUBSTR("Name", 1, 100), SUBSTR("Prefix", 1, 12), "SecretHash", "CreatedAt", "CreatedById", "RevokedAt", "LastUsedAt"
                FROM "ApiKeys" WHERE "Open311" = 1;
                DELETE FROM "ApiKeys" WHERE "Open311" = 1;
                """);

            // SQLite drops a column that no index uses in place (3.35+); EF's table rebuild refuses here.
            migrationBuilder.Sql("""
                ALTER TABLE "ApiKeys" DROP COLUMN "CreatedById";
                ALTER TABLE "ApiKeys" DROP COLUMN "LastUsedAt";
                ALTER TABLE "ApiKeys" DROP COLUMN "Open311";
                """);

            migrationBuilder.RenameColumn(
                name: "ApiKeyId",
                table: "ServiceRequests",
                newName: "ApiClientId");

            migrationBuilder.RenameIndex(
                name: "IX_ServiceRequests_ApiKeyId",
                table: "ServiceRequests",
                newName: "IX_ServiceRequests_ApiClientId");

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_SecretHash",
                table: "ApiKeys",
                column: "SecretHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiClients_OrganizationId_KeyHash",
                table: "ApiClients",
                columns: new[] { "OrganizationId", "KeyHash" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_ServiceRequests_ApiClients_ApiClientId",
                table: "ServiceRequests",
                column: "ApiClientId",
                principalTable: "ApiClients",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
