using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

#nullable disable

namespace Parvis.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Hand-written: the text-search configuration, then the existing items indexed before the indexes are built.
            migrationBuilder.Sql(SearchIndexSql.PostgresConfiguration);
            migrationBuilder.CreateTable(
                name: "SearchEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ItemId = table.Column<long>(type: "bigint", nullable: false),
                    TerritoryId = table.Column<int>(type: "integer", nullable: true),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: true, computedColumnSql: "to_tsvector('parvis_fr'::regconfig, translate(\"Title\" || ' ' || \"Text\", '-', ' '))", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchEntries", x => x.Id);
                });

            SearchIndexSql.Up(migrationBuilder, postgres: true);

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_Kind_ItemId",
                table: "SearchEntries",
                columns: new[] { "Kind", "ItemId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_OrganizationId_At_Id",
                table: "SearchEntries",
                columns: new[] { "OrganizationId", "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_Vector",
                table: "SearchEntries",
                column: "Vector")
                .Annotation("Npgsql:IndexMethod", "GIN");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SearchEntries");
            migrationBuilder.Sql(SearchIndexSql.PostgresDown);
        }
    }
}
