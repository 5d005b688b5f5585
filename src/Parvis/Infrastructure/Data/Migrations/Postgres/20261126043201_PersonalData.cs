using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PersonalData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            // Inactivity is counted from the day it starts being recorded: existing accounts are not warned at once.
            migrationBuilder.Sql(@"UPDATE ""Users"" SET ""LastSignInAt"" = now() WHERE ""LastSignInAt"" IS NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "InactivityWarnedAt",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "LastSignInAt",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "Retention_AnonymousEmailDays",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Retention_FraudIpDays",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Retention_InactiveAccountMonths",
                table: "Organizations");
        }
    }
}
