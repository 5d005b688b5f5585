using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LegalPagesAndParticipationIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Legal_AccessibilityContact",
                table: "Organizations",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Legal_AccessibilityRate",
                table: "Organizations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "Legal_AccessibilityUpdatedAt",
                table: "Organizations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Legal_AuditDate",
                table: "Organizations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Legal_AuditedBy",
                table: "Organizations",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Legal_DerogationsMarkdown",
                table: "Organizations",
                type: "TEXT",
                maxLength: 20000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Legal_Host",
                table: "Organizations",
                type: "TEXT",
                maxLength: 900,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Legal_LegalNoticeMarkdown",
                table: "Organizations",
                type: "TEXT",
                maxLength: 20000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Legal_NonCompliancesMarkdown",
                table: "Organizations",
                type: "TEXT",
                maxLength: 20000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Legal_PublicationDirector",
                table: "Organizations",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Legal_Publisher",
                table: "Organizations",
                type: "TEXT",
                maxLength: 900,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reactions_UserId_CreatedAt_Id",
                table: "Reactions",
                columns: new[] { "UserId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_AuthorId_CreatedAt_Id",
                table: "Contributions",
                columns: new[] { "AuthorId", "CreatedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Reactions_UserId_CreatedAt_Id",
                table: "Reactions");

            migrationBuilder.DropIndex(
                name: "IX_Contributions_AuthorId_CreatedAt_Id",
                table: "Contributions");

            migrationBuilder.DropColumn(
                name: "Legal_AccessibilityContact",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Legal_AccessibilityRate",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Legal_AccessibilityUpdatedAt",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Legal_AuditDate",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Legal_AuditedBy",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Legal_DerogationsMarkdown",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Legal_Host",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Legal_LegalNoticeMarkdown",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Legal_NonCompliancesMarkdown",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Legal_PublicationDirector",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Legal_Publisher",
                table: "Organizations");
        }
    }
}
