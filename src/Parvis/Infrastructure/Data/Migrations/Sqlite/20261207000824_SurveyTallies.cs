using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SurveyTallies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SurveyTallies",
                columns: table => new
                {
                    SurveyId = table.Column<int>(type: "INTEGER", nullable: false),
                    QuestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    OptionId = table.Column<int>(type: "INTEGER", nullable: false),
                    RowOptionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<int>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Shard = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyTallies", x => new { x.SurveyId, x.QuestionId, x.OptionId, x.RowOptionId, x.Value, x.Channel, x.Shard });
                    table.ForeignKey(
                        name: "FK_SurveyTallies_Surveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "Surveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
            // The counters the unfiltered results read, kept by the database (see SurveyTally); then the answers already there.
            migrationBuilder.Sql("""
CREATE TRIGGER "TR_SurveyAnswerChoices_TallyInsert" AFTER INSERT ON "SurveyAnswerChoices"
BEGIN
    INSERT OR IGNORE INTO "SurveyTallies" ("OrganizationId", "SurveyId", "QuestionId", "OptionId", "RowOptionId", "Value", "Channel", "Shard", "Count") VALUES (NEW."OrganizationId", NEW."SurveyId", NEW."QuestionId", COALESCE(NEW."OptionId", -2147483648), COALESCE(NEW."RowOptionId", -2147483648), COALESCE(NEW."Value", -2147483648), NEW."Channel", NEW."ResponseId" % 16, 0);
    UPDATE "SurveyTallies" SET "Count" = "Count" + 1 WHERE "SurveyId" = NEW."SurveyId" AND "QuestionId" = NEW."QuestionId" AND "OptionId" = COALESCE(NEW."OptionId", -2147483648) AND "RowOptionId" = COALESCE(NEW."RowOptionId", -2147483648) AND "Value" = COALESCE(NEW."Value", -2147483648) AND "Channel" = NEW."Channel" AND "Shard" = NEW."ResponseId" % 16;
END;
""");
            migrationBuilder.Sql("""
CREATE TRIGGER "TR_SurveyAnswerChoices_TallyDelete" AFTER DELETE ON "SurveyAnswerChoices"
BEGIN
    UPDATE "SurveyTallies" SET "Count" = "Count" - 1 WHERE "SurveyId" = OLD."SurveyId" AND "QuestionId" = OLD."QuestionId" AND "OptionId" = COALESCE(OLD."OptionId", -2147483648) AND "RowOptionId" = COALESCE(OLD."RowOptionId", -2147483648) AND "Value" = COALESCE(OLD."Value", -2147483648) AND "Channel" = OLD."Channel" AND "Shard" = OLD."ResponseId" % 16;
END;
""");
            migrationBuilder.Sql("""
INSERT INTO "SurveyTallies" ("OrganizationId", "SurveyId", "QuestionId", "OptionId", "RowOptionId", "Value", "Channel", "Shard", "Count") SELECT c."OrganizationId", c."SurveyId", c."QuestionId", COALESCE(c."OptionId", -2147483648), COALESCE(c."RowOptionId", -2147483648), COALESCE(c."Value", -2147483648), c."Channel", c."ResponseId" % 16, COUNT(*) FROM "SurveyAnswerChoices" c GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "TR_SurveyAnswerChoices_TallyInsert"; DROP TRIGGER "TR_SurveyAnswerChoices_TallyDelete";""");
            migrationBuilder.DropTable(
                name: "SurveyTallies");
        }
    }
}
