using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PaperKits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PaperSheet",
                table: "Contributions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PaperSheetsPrinted",
                table: "Consultations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_Contributions_ConsultationId_PaperSheet_QuestionId",
                table: "Contributions",
                columns: new[] { "ConsultationId", "PaperSheet", "QuestionId" },
                unique: true,
                filter: "\"PaperSheet\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contributions_ConsultationId_PaperSheet_QuestionId",
                table: "Contributions");

            migrationBuilder.DropColumn(
                name: "PaperSheet",
                table: "Contributions");

            migrationBuilder.DropColumn(
                name: "PaperSheetsPrinted",
                table: "Consultations");
        }
    }
}
