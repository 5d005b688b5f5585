using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Parvis.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initiatives : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Petitions_AgendaThreshold",
                table: "Organizations",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Petitions_CollectivityKind",
                table: "Organizations",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "Commune");

            migrationBuilder.AddColumn<bool>(
                name: "Petitions_ElectorMode",
                table: "Organizations",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Petitions_OpenMonths",
                table: "Organizations",
                type: "integer",
                nullable: false,
                defaultValue: 6);

            migrationBuilder.AddColumn<int>(
                name: "Petitions_RegisteredElectors",
                table: "Organizations",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Petitions_ResponseDeadlineDays",
                table: "Organizations",
                type: "integer",
                nullable: false,
                defaultValue: 90);

            migrationBuilder.AddColumn<int>(
                name: "Petitions_ResponseThreshold",
                table: "Organizations",
                type: "integer",
                nullable: false,
                defaultValue: 1000);

            migrationBuilder.AddColumn<string>(
                name: "Petitions_SignLevel",
                table: "Organizations",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "AnyoneWithConfirmedEmail");

            migrationBuilder.AddColumn<int>(
                name: "Petitions_SponsorsRequired",
                table: "Organizations",
                type: "integer",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<int>(
                name: "ResponseDeadlineDays",
                table: "Organizations",
                type: "integer",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.CreateTable(
                name: "Outcomes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DescriptionMarkdown = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProgressPercent = table.Column<int>(type: "integer", nullable: false),
                    BudgetEuros = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ExpectedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DoneOn = table.Column<DateOnly>(type: "date", nullable: true),
                    TerritoryId = table.Column<int>(type: "integer", nullable: false),
                    ServiceName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Outcomes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Outcomes_Territories_TerritoryId",
                        column: x => x.TerritoryId,
                        principalTable: "Territories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Petitions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    TerritoryId = table.Column<int>(type: "integer", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Request = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    Reasons = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    Addressee = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SponsorToken = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RejectionReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosesAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ElectorMode = table.Column<bool>(type: "boolean", nullable: false),
                    SignLevel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ResponseThreshold = table.Column<int>(type: "integer", nullable: false),
                    AgendaThreshold = table.Column<int>(type: "integer", nullable: true),
                    ResponseDeadlineDays = table.Column<int>(type: "integer", nullable: false),
                    ResponseThresholdReachedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResponseDueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AgendaThresholdReachedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CouncilDecision = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    CouncilDecisionAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CouncilMeetingOn = table.Column<DateOnly>(type: "date", nullable: true),
                    FirstAnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Petitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Petitions_Territories_TerritoryId",
                        column: x => x.TerritoryId,
                        principalTable: "Territories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProposalSpaces",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DescriptionMarkdown = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    TerritoryId = table.Column<int>(type: "integer", nullable: false),
                    OpensAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosesAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ServiceName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SupportThreshold = table.Column<int>(type: "integer", nullable: true),
                    ThresholdCommitment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ProposeLevel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProposeMinimumAge = table.Column<int>(type: "integer", nullable: true),
                    SupportLevel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SupportMinimumAge = table.Column<int>(type: "integer", nullable: true),
                    DisplayIdentity = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AllowedDisplays = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PreModeration = table.Column<bool>(type: "boolean", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProposalSpaces", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProposalSpaces_Territories_TerritoryId",
                        column: x => x.TerritoryId,
                        principalTable: "Territories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OutcomeLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    OutcomeId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SubjectId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutcomeLinks_Outcomes_OutcomeId",
                        column: x => x.OutcomeId,
                        principalTable: "Outcomes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PetitionAgendaItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    PetitionId = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    MeetingOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PetitionAgendaItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PetitionAgendaItems_Petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PetitionCountShards",
                columns: table => new
                {
                    PetitionId = table.Column<int>(type: "integer", nullable: false),
                    Shard = table.Column<int>(type: "integer", nullable: false),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PetitionCountShards", x => new { x.PetitionId, x.Shard });
                    table.ForeignKey(
                        name: "FK_PetitionCountShards_Petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

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
                name: "PetitionSponsors",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    PetitionId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PetitionSponsors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PetitionSponsors_Petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProposalCategories",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    SpaceId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProposalCategories", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProposalCategories_ProposalSpaces_SpaceId",
                        column: x => x.SpaceId,
                        principalTable: "ProposalSpaces",
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

            migrationBuilder.CreateTable(
                name: "Proposals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    SpaceId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    TerritoryId = table.Column<int>(type: "integer", nullable: false),
                    CategoryId = table.Column<int>(type: "integer", nullable: true),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    AddressText = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    PhotoFileId = table.Column<Guid>(type: "uuid", nullable: true),
                    PhotoAltText = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: true),
                    DisplayAs = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Badges = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    StateReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    StateChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SupportCount = table.Column<int>(type: "integer", nullable: false),
                    MergedIntoId = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FirstAnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SearchTerms = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ModerationReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    OpenFlagCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Proposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Proposals_ProposalCategories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "ProposalCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Proposals_ProposalSpaces_SpaceId",
                        column: x => x.SpaceId,
                        principalTable: "ProposalSpaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Proposals_Proposals_MergedIntoId",
                        column: x => x.MergedIntoId,
                        principalTable: "Proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Proposals_Territories_TerritoryId",
                        column: x => x.TerritoryId,
                        principalTable: "Territories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProposalStateChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    ProposalId = table.Column<int>(type: "integer", nullable: false),
                    From = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    To = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ById = table.Column<Guid>(type: "uuid", nullable: true),
                    ResponseId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProposalStateChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProposalStateChanges_Proposals_ProposalId",
                        column: x => x.ProposalId,
                        principalTable: "Proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProposalSupports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    ProposalId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProposalSupports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProposalSupports_Proposals_ProposalId",
                        column: x => x.ProposalId,
                        principalTable: "Proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_AwaitingAnswer",
                table: "Contributions",
                columns: new[] { "OrganizationId", "CreatedAt" },
                filter: "\"FirstAnsweredAt\" IS NULL AND \"State\" = 'Published'");

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
                name: "IX_OutcomeLinks_Kind_SubjectId",
                table: "OutcomeLinks",
                columns: new[] { "Kind", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeLinks_OutcomeId_Kind_SubjectId",
                table: "OutcomeLinks",
                columns: new[] { "OutcomeId", "Kind", "SubjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Outcomes_OrganizationId_PublishedAt_TerritoryId",
                table: "Outcomes",
                columns: new[] { "OrganizationId", "PublishedAt", "TerritoryId" });

            migrationBuilder.CreateIndex(
                name: "IX_Outcomes_TerritoryId",
                table: "Outcomes",
                column: "TerritoryId");

            migrationBuilder.CreateIndex(
                name: "IX_PetitionAgendaItems_PetitionId",
                table: "PetitionAgendaItems",
                column: "PetitionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_OrganizationId_AuthorId",
                table: "Petitions",
                columns: new[] { "OrganizationId", "AuthorId" });

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_OrganizationId_Status",
                table: "Petitions",
                columns: new[] { "OrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_SponsorToken",
                table: "Petitions",
                column: "SponsorToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_TerritoryId",
                table: "Petitions",
                column: "TerritoryId");

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

            migrationBuilder.CreateIndex(
                name: "IX_PetitionSponsors_OrganizationId_UserId",
                table: "PetitionSponsors",
                columns: new[] { "OrganizationId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_PetitionSponsors_PetitionId_UserId",
                table: "PetitionSponsors",
                columns: new[] { "PetitionId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProposalCategories_SpaceId_Position",
                table: "ProposalCategories",
                columns: new[] { "SpaceId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_AuthorId",
                table: "Proposals",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_CategoryId",
                table: "Proposals",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_MergedIntoId",
                table: "Proposals",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_OrganizationId_State_CreatedAt",
                table: "Proposals",
                columns: new[] { "OrganizationId", "State", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_PhotoFileId",
                table: "Proposals",
                column: "PhotoFileId");

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_SpaceId_State_Id",
                table: "Proposals",
                columns: new[] { "SpaceId", "State", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_SpaceId_State_SupportCount_Id",
                table: "Proposals",
                columns: new[] { "SpaceId", "State", "SupportCount", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_TerritoryId",
                table: "Proposals",
                column: "TerritoryId");

            migrationBuilder.CreateIndex(
                name: "IX_ProposalSpaces_TerritoryId",
                table: "ProposalSpaces",
                column: "TerritoryId");

            migrationBuilder.CreateIndex(
                name: "IX_ProposalStateChanges_ProposalId_At",
                table: "ProposalStateChanges",
                columns: new[] { "ProposalId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ProposalSupports_ProposalId_UserId",
                table: "ProposalSupports",
                columns: new[] { "ProposalId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProposalSupports_UserId",
                table: "ProposalSupports",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ElectorQuarterSignatures");

            migrationBuilder.DropTable(
                name: "OutcomeLinks");

            migrationBuilder.DropTable(
                name: "PetitionAgendaItems");

            migrationBuilder.DropTable(
                name: "PetitionCountShards");

            migrationBuilder.DropTable(
                name: "PetitionSponsors");

            migrationBuilder.DropTable(
                name: "ProposalStateChanges");

            migrationBuilder.DropTable(
                name: "ProposalSupports");

            migrationBuilder.DropTable(
                name: "PetitionSignatures");

            migrationBuilder.DropTable(
                name: "Outcomes");

            migrationBuilder.DropTable(
                name: "Proposals");

            migrationBuilder.DropTable(
                name: "Petitions");

            migrationBuilder.DropTable(
                name: "ProposalCategories");

            migrationBuilder.DropTable(
                name: "ProposalSpaces");

            migrationBuilder.DropIndex(
                name: "IX_Contributions_AwaitingAnswer",
                table: "Contributions");

            migrationBuilder.DropColumn(
                name: "Petitions_AgendaThreshold",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Petitions_CollectivityKind",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Petitions_ElectorMode",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Petitions_OpenMonths",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Petitions_RegisteredElectors",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Petitions_ResponseDeadlineDays",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Petitions_ResponseThreshold",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Petitions_SignLevel",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Petitions_SponsorsRequired",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "ResponseDeadlineDays",
                table: "Organizations");
        }
    }
}
