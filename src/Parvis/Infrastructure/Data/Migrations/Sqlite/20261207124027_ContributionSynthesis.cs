using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ContributionSynthesis : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ContributionGroupings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    ConsultationId = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Progress = table.Column<int>(type: "INTEGER", nullable: false),
                    ComputedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Contributions = table.Column<int>(type: "INTEGER", nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContributionGroupings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContributionGroupings_Consultations_ConsultationId",
                        column: x => x.ConsultationId,
                        principalTable: "Consultations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SynthesisThemes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    ConsultationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SynthesisThemes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SynthesisThemes_Consultations_ConsultationId",
                        column: x => x.ConsultationId,
                        principalTable: "Consultations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ThemeContributions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    ThemeId = table.Column<int>(type: "INTEGER", nullable: false),
                    ContributionId = table.Column<int>(type: "INTEGER", nullable: false),
                    IsQuote = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ThemeContributions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ThemeContributions_Contributions_ContributionId",
                        column: x => x.ContributionId,
                        principalTable: "Contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ThemeContributions_SynthesisThemes_ThemeId",
                        column: x => x.ThemeId,
                        principalTable: "SynthesisThemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContributionGroupings_ConsultationId",
                table: "ContributionGroupings",
                column: "ConsultationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SynthesisThemes_ConsultationId_Name",
                table: "SynthesisThemes",
                columns: new[] { "ConsultationId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ThemeContributions_ContributionId",
                table: "ThemeContributions",
                column: "ContributionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ThemeContributions_ThemeId",
                table: "ThemeContributions",
                column: "ThemeId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContributionGroupings");

            migrationBuilder.DropTable(
                name: "ThemeContributions");

            migrationBuilder.DropTable(
                name: "SynthesisThemes");
        }
    }
}
