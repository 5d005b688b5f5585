using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ParticipatoryBudgets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Budgets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DescriptionMarkdown = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    TerritoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    ServiceName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    VoteLevel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MinimumAge = table.Column<int>(type: "INTEGER", nullable: true),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    VoteForm = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MaxChoices = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxPointsPerProject = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxPointsTotal = table.Column<int>(type: "INTEGER", nullable: true),
                    IdeasFrom = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StudyFrom = table.Column<DateTime>(type: "TEXT", nullable: false),
                    VoteFrom = table.Column<DateTime>(type: "TEXT", nullable: false),
                    VoteUntil = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RealisationFrom = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Budgets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Budgets_Territories_TerritoryId",
                        column: x => x.TerritoryId,
                        principalTable: "Territories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BudgetBallots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    BudgetId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CastAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetBallots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BudgetBallots_Budgets_BudgetId",
                        column: x => x.BudgetId,
                        principalTable: "Budgets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BudgetBallots_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "BudgetProjects",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    BudgetId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DescriptionMarkdown = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    Cost = table.Column<long>(type: "INTEGER", nullable: false),
                    TerritoryId = table.Column<int>(type: "INTEGER", nullable: true),
                    SourceProposalId = table.Column<int>(type: "INTEGER", nullable: true),
                    Feasibility = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FeasibilityReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetProjects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BudgetProjects_Budgets_BudgetId",
                        column: x => x.BudgetId,
                        principalTable: "Budgets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BudgetProjects_Proposals_SourceProposalId",
                        column: x => x.SourceProposalId,
                        principalTable: "Proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_BudgetProjects_Territories_TerritoryId",
                        column: x => x.TerritoryId,
                        principalTable: "Territories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "BudgetBallotChoices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    BallotId = table.Column<long>(type: "INTEGER", nullable: false),
                    BudgetId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetBallotChoices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BudgetBallotChoices_BudgetBallots_BallotId",
                        column: x => x.BallotId,
                        principalTable: "BudgetBallots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BudgetBallotChoices_BudgetProjects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "BudgetProjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BudgetBallotChoices_BallotId_ProjectId",
                table: "BudgetBallotChoices",
                columns: new[] { "BallotId", "ProjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BudgetBallotChoices_BudgetId_BallotId",
                table: "BudgetBallotChoices",
                columns: new[] { "BudgetId", "BallotId" });

            migrationBuilder.CreateIndex(
                name: "IX_BudgetBallotChoices_ProjectId",
                table: "BudgetBallotChoices",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_BudgetBallots_BudgetId_UserId",
                table: "BudgetBallots",
                columns: new[] { "BudgetId", "UserId" },
                unique: true,
                filter: "\"UserId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_BudgetBallots_UserId",
                table: "BudgetBallots",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_BudgetProjects_BudgetId",
                table: "BudgetProjects",
                column: "BudgetId");

            migrationBuilder.CreateIndex(
                name: "IX_BudgetProjects_SourceProposalId",
                table: "BudgetProjects",
                column: "SourceProposalId");

            migrationBuilder.CreateIndex(
                name: "IX_BudgetProjects_TerritoryId",
                table: "BudgetProjects",
                column: "TerritoryId");

            migrationBuilder.CreateIndex(
                name: "IX_Budgets_OrganizationId_PublishedAt",
                table: "Budgets",
                columns: new[] { "OrganizationId", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Budgets_TerritoryId",
                table: "Budgets",
                column: "TerritoryId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BudgetBallotChoices");

            migrationBuilder.DropTable(
                name: "BudgetBallots");

            migrationBuilder.DropTable(
                name: "BudgetProjects");

            migrationBuilder.DropTable(
                name: "Budgets");
        }
    }
}
