using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Assessa.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class FieldSessionsWithoutForeignKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_field_sessions_field_enumerators_enumerator_id",
                table: "field_sessions");

            migrationBuilder.DropForeignKey(
                name: "fk_field_sessions_site_site_id",
                table: "field_sessions");

            migrationBuilder.DropIndex(
                name: "ix_field_sessions_enumerator_id",
                table: "field_sessions");

            migrationBuilder.DropIndex(
                name: "ix_field_sessions_site_id",
                table: "field_sessions");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_field_sessions_enumerator_id",
                table: "field_sessions",
                column: "enumerator_id");

            migrationBuilder.CreateIndex(
                name: "ix_field_sessions_site_id",
                table: "field_sessions",
                column: "site_id");

            migrationBuilder.AddForeignKey(
                name: "fk_field_sessions_field_enumerators_enumerator_id",
                table: "field_sessions",
                column: "enumerator_id",
                principalTable: "field_enumerators",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_field_sessions_site_site_id",
                table: "field_sessions",
                column: "site_id",
                principalTable: "field_sites",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
