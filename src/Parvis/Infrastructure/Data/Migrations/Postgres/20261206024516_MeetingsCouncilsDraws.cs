using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Parvis.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MeetingsCouncilsDraws : Migration
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
                name: "CouncilOpinionId",
                table: "OfficialResponses",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MeetingId",
                table: "Contributions",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Councils",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TerritoryId = table.Column<int>(type: "integer", nullable: false),
                    DescriptionMarkdown = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    CandidacyLevel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AcceptsCandidacies = table.Column<bool>(type: "boolean", nullable: false),
                    AgendaProposalLevel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Councils", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Councils_Territories_TerritoryId",
                        column: x => x.TerritoryId,
                        principalTable: "Territories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Draws",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PanelSize = table.Column<int>(type: "integer", nullable: false),
                    OnePerHousehold = table.Column<bool>(type: "boolean", nullable: false),
                    Features = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CouncilId = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Draws", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CouncilAgendaItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    CouncilId = table.Column<int>(type: "integer", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: true),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouncilAgendaItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CouncilAgendaItems_Councils_CouncilId",
                        column: x => x.CouncilId,
                        principalTable: "Councils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CouncilAgendaItems_Users_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "CouncilAnimators",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    CouncilId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    GrantedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouncilAnimators", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CouncilAnimators_Councils_CouncilId",
                        column: x => x.CouncilId,
                        principalTable: "Councils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CouncilAnimators_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CouncilColleges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    CouncilId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Seats = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouncilColleges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CouncilColleges_Councils_CouncilId",
                        column: x => x.CouncilId,
                        principalTable: "Councils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CouncilOpinions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    CouncilId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TextMarkdown = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    AdoptedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    VotesFor = table.Column<int>(type: "integer", nullable: false),
                    VotesAgainst = table.Column<int>(type: "integer", nullable: false),
                    Abstentions = table.Column<int>(type: "integer", nullable: false),
                    PublishesMemberVotes = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FirstAnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouncilOpinions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CouncilOpinions_Councils_CouncilId",
                        column: x => x.CouncilId,
                        principalTable: "Councils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

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
                    CouncilId = table.Column<int>(type: "integer", nullable: true),
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
                        name: "FK_Meetings_Councils_CouncilId",
                        column: x => x.CouncilId,
                        principalTable: "Councils",
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
                name: "DrawPeople",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    DrawId = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Values = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Household = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    SelectedInRound = table.Column<int>(type: "integer", nullable: true),
                    DeclinedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SeatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DrawPeople", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DrawPeople_Draws_DrawId",
                        column: x => x.DrawId,
                        principalTable: "Draws",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DrawQuotas",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    DrawId = table.Column<int>(type: "integer", nullable: false),
                    Feature = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Value = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Min = table.Column<int>(type: "integer", nullable: false),
                    Max = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DrawQuotas", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DrawQuotas_Draws_DrawId",
                        column: x => x.DrawId,
                        principalTable: "Draws",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DrawRounds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    DrawId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    PanelSize = table.Column<int>(type: "integer", nullable: false),
                    PeopleCsv = table.Column<string>(type: "text", nullable: false),
                    QuotasCsv = table.Column<string>(type: "text", nullable: false),
                    AlgorithmVersion = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Commitment = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Seed = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CommittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DrawnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Selected = table.Column<string>(type: "text", nullable: true),
                    Probabilities = table.Column<string>(type: "text", nullable: true),
                    Minimum = table.Column<double>(type: "double precision", nullable: true),
                    Maximum = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DrawRounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DrawRounds_Draws_DrawId",
                        column: x => x.DrawId,
                        principalTable: "Draws",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CouncilCandidacies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    CouncilId = table.Column<int>(type: "integer", nullable: false),
                    CollegeId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Motivation = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouncilCandidacies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CouncilCandidacies_CouncilColleges_CollegeId",
                        column: x => x.CollegeId,
                        principalTable: "CouncilColleges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CouncilCandidacies_Councils_CouncilId",
                        column: x => x.CouncilId,
                        principalTable: "Councils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CouncilCandidacies_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CouncilMandates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    CouncilId = table.Column<int>(type: "integer", nullable: false),
                    CollegeId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReplacesMandateId = table.Column<int>(type: "integer", nullable: true),
                    CandidacyId = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouncilMandates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CouncilMandates_CouncilColleges_CollegeId",
                        column: x => x.CollegeId,
                        principalTable: "CouncilColleges",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_CouncilMandates_Councils_CouncilId",
                        column: x => x.CouncilId,
                        principalTable: "Councils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CouncilMandates_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
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

            migrationBuilder.CreateTable(
                name: "CouncilOpinionVotes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    OpinionId = table.Column<int>(type: "integer", nullable: false),
                    MandateId = table.Column<int>(type: "integer", nullable: false),
                    Vote = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouncilOpinionVotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CouncilOpinionVotes_CouncilMandates_MandateId",
                        column: x => x.MandateId,
                        principalTable: "CouncilMandates",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_CouncilOpinionVotes_CouncilOpinions_OpinionId",
                        column: x => x.OpinionId,
                        principalTable: "CouncilOpinions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StoredFiles_MeetingId",
                table: "StoredFiles",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_OfficialResponses_CouncilOpinionId_Status",
                table: "OfficialResponses",
                columns: new[] { "CouncilOpinionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_MeetingId_State",
                table: "Contributions",
                columns: new[] { "MeetingId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_CouncilAgendaItems_AuthorId_CreatedAt",
                table: "CouncilAgendaItems",
                columns: new[] { "AuthorId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CouncilAgendaItems_CouncilId_Status_CreatedAt",
                table: "CouncilAgendaItems",
                columns: new[] { "CouncilId", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CouncilAnimators_CouncilId_UserId",
                table: "CouncilAnimators",
                columns: new[] { "CouncilId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CouncilAnimators_UserId",
                table: "CouncilAnimators",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilCandidacies_CollegeId",
                table: "CouncilCandidacies",
                column: "CollegeId");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilCandidacies_Pending",
                table: "CouncilCandidacies",
                columns: new[] { "CouncilId", "UserId" },
                unique: true,
                filter: "\"Status\" = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilCandidacies_UserId",
                table: "CouncilCandidacies",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilColleges_CouncilId_Name",
                table: "CouncilColleges",
                columns: new[] { "CouncilId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CouncilMandates_CollegeId",
                table: "CouncilMandates",
                column: "CollegeId");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilMandates_CouncilId_StartsOn",
                table: "CouncilMandates",
                columns: new[] { "CouncilId", "StartsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CouncilMandates_UserId",
                table: "CouncilMandates",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilOpinions_CouncilId_AdoptedOn",
                table: "CouncilOpinions",
                columns: new[] { "CouncilId", "AdoptedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CouncilOpinionVotes_MandateId",
                table: "CouncilOpinionVotes",
                column: "MandateId");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilOpinionVotes_OpinionId_MandateId",
                table: "CouncilOpinionVotes",
                columns: new[] { "OpinionId", "MandateId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Councils_OrganizationId_Name",
                table: "Councils",
                columns: new[] { "OrganizationId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Councils_TerritoryId",
                table: "Councils",
                column: "TerritoryId");

            migrationBuilder.CreateIndex(
                name: "IX_DrawPeople_DrawId_Code",
                table: "DrawPeople",
                columns: new[] { "DrawId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DrawQuotas_DrawId_Feature_Value",
                table: "DrawQuotas",
                columns: new[] { "DrawId", "Feature", "Value" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DrawRounds_DrawId_Number",
                table: "DrawRounds",
                columns: new[] { "DrawId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Draws_OrganizationId_CreatedAt",
                table: "Draws",
                columns: new[] { "OrganizationId", "CreatedAt" });

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
                name: "FK_OfficialResponses_CouncilOpinions_CouncilOpinionId",
                table: "OfficialResponses",
                column: "CouncilOpinionId",
                principalTable: "CouncilOpinions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

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
                name: "FK_OfficialResponses_CouncilOpinions_CouncilOpinionId",
                table: "OfficialResponses");

            migrationBuilder.DropForeignKey(
                name: "FK_StoredFiles_Meetings_MeetingId",
                table: "StoredFiles");

            migrationBuilder.DropTable(
                name: "CouncilAgendaItems");

            migrationBuilder.DropTable(
                name: "CouncilAnimators");

            migrationBuilder.DropTable(
                name: "CouncilCandidacies");

            migrationBuilder.DropTable(
                name: "CouncilOpinionVotes");

            migrationBuilder.DropTable(
                name: "DrawPeople");

            migrationBuilder.DropTable(
                name: "DrawQuotas");

            migrationBuilder.DropTable(
                name: "DrawRounds");

            migrationBuilder.DropTable(
                name: "MeetingRegistrations");

            migrationBuilder.DropTable(
                name: "CouncilMandates");

            migrationBuilder.DropTable(
                name: "CouncilOpinions");

            migrationBuilder.DropTable(
                name: "Draws");

            migrationBuilder.DropTable(
                name: "Meetings");

            migrationBuilder.DropTable(
                name: "CouncilColleges");

            migrationBuilder.DropTable(
                name: "Councils");

            migrationBuilder.DropIndex(
                name: "IX_StoredFiles_MeetingId",
                table: "StoredFiles");

            migrationBuilder.DropIndex(
                name: "IX_OfficialResponses_CouncilOpinionId_Status",
                table: "OfficialResponses");

            migrationBuilder.DropIndex(
                name: "IX_Contributions_MeetingId_State",
                table: "Contributions");

            migrationBuilder.DropColumn(
                name: "MeetingId",
                table: "StoredFiles");

            migrationBuilder.DropColumn(
                name: "CouncilOpinionId",
                table: "OfficialResponses");

            migrationBuilder.DropColumn(
                name: "MeetingId",
                table: "Contributions");
        }
    }
}
