using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SignatureTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ConfirmationTokenHash",
                table: "PetitionSignatures",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_PetitionSignatures_ConfirmationTokenHash",
                table: "PetitionSignatures",
                column: "ConfirmationTokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PetitionSignatures_ConfirmationTokenHash",
                table: "PetitionSignatures");

            migrationBuilder.DropColumn(
                name: "ConfirmationTokenHash",
                table: "PetitionSignatures");
        }
    }
}
