using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ListAndModerationIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Contributions_ConsultationId_TerritoryId_State_AgreeCount_Id",
                table: "Contributions",
                columns: new[] { "ConsultationId", "TerritoryId", "State", "AgreeCount", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_ConsultationId_TerritoryId_State_CreatedAt_Id",
                table: "Contributions",
                columns: new[] { "ConsultationId", "TerritoryId", "State", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_ModerationQueue",
                table: "Contributions",
                columns: new[] { "OrganizationId", "OpenFlagCount", "CreatedAt" },
                filter: "\"State\" = 'PendingReview' OR \"OpenFlagCount\" > 0");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ModerationQueue",
                table: "Comments",
                columns: new[] { "OrganizationId", "OpenFlagCount", "CreatedAt" },
                filter: "\"State\" = 'PendingReview' OR \"OpenFlagCount\" > 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contributions_ConsultationId_TerritoryId_State_AgreeCount_Id",
                table: "Contributions");

            migrationBuilder.DropIndex(
                name: "IX_Contributions_ConsultationId_TerritoryId_State_CreatedAt_Id",
                table: "Contributions");

            migrationBuilder.DropIndex(
                name: "IX_Contributions_ModerationQueue",
                table: "Contributions");

            migrationBuilder.DropIndex(
                name: "IX_Comments_ModerationQueue",
                table: "Comments");
        }
    }
}
