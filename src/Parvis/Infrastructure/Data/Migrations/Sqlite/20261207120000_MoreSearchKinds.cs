using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MoreSearchKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The kinds search finds since (requests, outcomes, projects, meetings, councils, surveys, news): the
            // existing ones indexed. The model does not change (the kind is stored by name).
            SearchIndexSql.UpMoreKinds(migrationBuilder, postgres: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM \"SearchEntries\" WHERE \"Kind\" IN ('Request', 'Outcome', 'Project', 'Meeting', 'Council', 'Survey', 'News');");
        }
    }
}
