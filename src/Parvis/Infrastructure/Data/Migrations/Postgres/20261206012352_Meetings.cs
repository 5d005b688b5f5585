using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Parvis.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Meetings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MeetingId",
                table: "StoredFiles",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MeetingId",
                table: "Contributions",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Meetings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Format = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    StartsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ConsultationId = table.Column<int>(type: "integer", nullable: true),
                    TerritoryId = table.Column<int>(type: "integer", nullable: true),
                    CouncilId = table.Column<Guid>(type: "uuid", nullable: true),
                    Address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Room = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    OnlineUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    StepFreeAccess = table.Column<bool>(type: "boolean", nullable: false),
                    InductionLoop = table.Column<bool>(type: "boolean", nullable: false),
                    SignLanguage = table.Column<bool>(type: "boolean", nullable: false),
                    Childcare = table.Column<bool>(type: "boolean", nullable: false),
                    AccessibilityContact = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    AgendaMarkdown = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    MinutesMarkdown = table.Column<string>(type: "character varying(50000)", maxLength: 50000, nullable: true),
                    MinutesPublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RegistrationRequired = table.Column<bool>(type: "boolean", nullable: false),
                    RegistrationLevel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: true),
                    ConfirmedCount = table.Column<int>(type: "integer", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CancelledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CancellationReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RemindersSentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Meetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Meetings_Consultations_ConsultationId",
                        column: x => x.ConsultationId,
                        principalTable: "Consultations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Meetings_Territories_TerritoryId",
                        column: x => x.TerritoryId,
                        principalTable: "Territories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MeetingRegistrations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    MeetingId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CancelTokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PromotedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CancelledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Attended = table.Column<bool>(type: "boolean", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingRegistrations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingRegistrations_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StoredFiles_MeetingId",
                table: "StoredFiles",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_MeetingId_State",
                table: "Contributions",
                columns: new[] { "MeetingId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_MeetingRegistrations_CancelTokenHash",
                table: "MeetingRegistrations",
                column: "CancelTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MeetingRegistrations_MeetingId_Email",
                table: "MeetingRegistrations",
                columns: new[] { "MeetingId", "Email" },
                unique: true,
                filter: "\"Status\" <> 'Cancelled'");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingRegistrations_MeetingId_Status_Id",
                table: "MeetingRegistrations",
                columns: new[] { "MeetingId", "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_MeetingRegistrations_UserId",
                table: "MeetingRegistrations",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_ConsultationId",
                table: "Meetings",
                column: "ConsultationId");

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_CouncilId",
                table: "Meetings",
                column: "CouncilId");

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_OrganizationId_StartsAt",
                table: "Meetings",
                columns: new[] { "OrganizationId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_TerritoryId",
                table: "Meetings",
                column: "TerritoryId");

            migrationBuilder.AddForeignKey(
                name: "FK_Contributions_Meetings_MeetingId",
                table: "Contributions",
                column: "MeetingId",
                principalTable: "Meetings",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_StoredFiles_Meetings_MeetingId",
                table: "StoredFiles",
                column: "MeetingId",
                principalTable: "Meetings",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Contributions_Meetings_MeetingId",
                table: "Contributions");

            migrationBuilder.DropForeignKey(
                name: "FK_StoredFiles_Meetings_MeetingId",
                table: "StoredFiles");

            migrationBuilder.DropTable(
                name: "MeetingRegistrations");

            migrationBuilder.DropTable(
                name: "Meetings");

            migrationBuilder.DropIndex(
                name: "IX_StoredFiles_MeetingId",
                table: "StoredFiles");

            migrationBuilder.DropIndex(
                name: "IX_Contributions_MeetingId_State",
                table: "Contributions");

            migrationBuilder.DropColumn(
                name: "MeetingId",
                table: "StoredFiles");

            migrationBuilder.DropColumn(
                name: "MeetingId",
                table: "Contributions");
        }
    }
}
