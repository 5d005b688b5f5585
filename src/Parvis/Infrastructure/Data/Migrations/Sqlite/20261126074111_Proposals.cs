using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Proposals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProposalSpaces",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DescriptionMarkdown = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    TerritoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    OpensAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosesAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ServiceName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SupportThreshold = table.Column<int>(type: "INTEGER", nullable: true),
                    ThresholdCommitment = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ProposeLevel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ProposeMinimumAge = table.Column<int>(type: "INTEGER", nullable: true),
                    SupportLevel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SupportMinimumAge = table.Column<int>(type: "INTEGER", nullable: true),
                    DisplayIdentity = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AllowedDisplays = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PreModeration = table.Column<bool>(type: "INTEGER", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
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
                name: "ProposalCategories",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    SpaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
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
                name: "Proposals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    SpaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    TerritoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: true),
                    Latitude = table.Column<double>(type: "REAL", nullable: true),
                    Longitude = table.Column<double>(type: "REAL", nullable: true),
                    AddressText = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    PhotoFileId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PhotoAltText = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DisplayAs = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Badges = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    StateReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    StateChangedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SupportCount = table.Column<int>(type: "INTEGER", nullable: false),
                    MergedIntoId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FirstAnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SearchTerms = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ModerationReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OpenFlagCount = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProposalId = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ById = table.Column<Guid>(type: "TEXT", nullable: true),
                    ResponseId = table.Column<int>(type: "INTEGER", nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProposalId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                name: "ProposalStateChanges");

            migrationBuilder.DropTable(
                name: "ProposalSupports");

            migrationBuilder.DropTable(
                name: "Proposals");

            migrationBuilder.DropTable(
                name: "ProposalCategories");

            migrationBuilder.DropTable(
                name: "ProposalSpaces");
        }
    }
}
