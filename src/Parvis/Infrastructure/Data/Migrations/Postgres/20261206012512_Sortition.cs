using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Parvis.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Sortition : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                    CouncilId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Draws", x => x.Id);
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
                    DeclinedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DrawPeople");

            migrationBuilder.DropTable(
                name: "DrawQuotas");

            migrationBuilder.DropTable(
                name: "DrawRounds");

            migrationBuilder.DropTable(
                name: "Draws");
        }
    }
}
