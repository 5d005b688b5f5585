using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class News : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "HomeBlocks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Visible = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HomeBlocks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NewsPosts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    BodyMarkdown = table.Column<string>(type: "TEXT", maxLength: 50000, nullable: false),
                    CoverFileId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CoverAltText = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    TerritoryId = table.Column<int>(type: "INTEGER", nullable: true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: true),
                    Theme = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Comments = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PublishAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NewsPosts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NewsPosts_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_NewsPosts_StoredFiles_CoverFileId",
                        column: x => x.CoverFileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_NewsPosts_Territories_TerritoryId",
                        column: x => x.TerritoryId,
                        principalTable: "Territories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NewsComments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    NewsPostId = table.Column<int>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ModerationReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OpenFlagCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NewsComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NewsComments_NewsPosts_NewsPostId",
                        column: x => x.NewsPostId,
                        principalTable: "NewsPosts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NewsPostVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    NewsPostId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    BodyMarkdown = table.Column<string>(type: "TEXT", maxLength: 50000, nullable: false),
                    SavedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReplacedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReplacedBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NewsPostVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NewsPostVersions_NewsPosts_NewsPostId",
                        column: x => x.NewsPostId,
                        principalTable: "NewsPosts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HomeBlocks_OrganizationId_Kind",
                table: "HomeBlocks",
                columns: new[] { "OrganizationId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NewsComments_NewsPostId_State_CreatedAt",
                table: "NewsComments",
                columns: new[] { "NewsPostId", "State", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_NewsComments_OrganizationId_State_CreatedAt",
                table: "NewsComments",
                columns: new[] { "OrganizationId", "State", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_NewsPosts_CoverFileId",
                table: "NewsPosts",
                column: "CoverFileId");

            migrationBuilder.CreateIndex(
                name: "IX_NewsPosts_OrganizationId_PublishAt",
                table: "NewsPosts",
                columns: new[] { "OrganizationId", "PublishAt" });

            migrationBuilder.CreateIndex(
                name: "IX_NewsPosts_OrganizationId_TerritoryId",
                table: "NewsPosts",
                columns: new[] { "OrganizationId", "TerritoryId" });

            migrationBuilder.CreateIndex(
                name: "IX_NewsPosts_ProjectId_PublishAt",
                table: "NewsPosts",
                columns: new[] { "ProjectId", "PublishAt" });

            migrationBuilder.CreateIndex(
                name: "IX_NewsPosts_TerritoryId",
                table: "NewsPosts",
                column: "TerritoryId");

            migrationBuilder.CreateIndex(
                name: "IX_NewsPostVersions_NewsPostId_ReplacedAt",
                table: "NewsPostVersions",
                columns: new[] { "NewsPostId", "ReplacedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HomeBlocks");

            migrationBuilder.DropTable(
                name: "NewsComments");

            migrationBuilder.DropTable(
                name: "NewsPostVersions");

            migrationBuilder.DropTable(
                name: "NewsPosts");
        }
    }
}
