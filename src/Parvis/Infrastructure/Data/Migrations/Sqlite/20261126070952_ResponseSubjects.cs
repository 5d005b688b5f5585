using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ResponseSubjects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<int>(
                name: "ContributionId",
                table: "OfficialResponses",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<int>(
                name: "PetitionId",
                table: "OfficialResponses",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ProposalId",
                table: "OfficialResponses",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_OfficialResponses_PetitionId_Status",
                table: "OfficialResponses",
                columns: new[] { "PetitionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_OfficialResponses_ProposalId_Status",
                table: "OfficialResponses",
                columns: new[] { "ProposalId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OfficialResponses_PetitionId_Status",
                table: "OfficialResponses");

            migrationBuilder.DropIndex(
                name: "IX_OfficialResponses_ProposalId_Status",
                table: "OfficialResponses");

            migrationBuilder.DropColumn(
                name: "PetitionId",
                table: "OfficialResponses");

            migrationBuilder.DropColumn(
                name: "ProposalId",
                table: "OfficialResponses");

            migrationBuilder.AlterColumn<int>(
                name: "ContributionId",
                table: "OfficialResponses",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
