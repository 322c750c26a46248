using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Assessa.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FieldSessionIndexesForImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_field_sessions_tenant_id_client_id",
                table: "field_sessions");

            migrationBuilder.DropIndex(
                name: "ix_field_sessions_tenant_id_enumerator_id_visit_date",
                table: "field_sessions");

            migrationBuilder.DropIndex(
                name: "ix_field_sessions_tenant_id_site_id_visit_date",
                table: "field_sessions");

            migrationBuilder.CreateIndex(
                name: "ix_field_sessions_tenant_id_enumerator_id",
                table: "field_sessions",
                columns: new[] { "tenant_id", "enumerator_id" });

            migrationBuilder.CreateIndex(
                name: "ix_field_sessions_tenant_id_site_id",
                table: "field_sessions",
                columns: new[] { "tenant_id", "site_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_field_sessions_tenant_id_enumerator_id",
                table: "field_sessions");

            migrationBuilder.DropIndex(
                name: "ix_field_sessions_tenant_id_site_id",
                table: "field_sessions");

            migrationBuilder.CreateIndex(
                name: "ix_field_sessions_tenant_id_client_id",
                table: "field_sessions",
                columns: new[] { "tenant_id", "client_id" });

            migrationBuilder.CreateIndex(
                name: "ix_field_sessions_tenant_id_enumerator_id_visit_date",
                table: "field_sessions",
                columns: new[] { "tenant_id", "enumerator_id", "visit_date" });

            migrationBuilder.CreateIndex(
                name: "ix_field_sessions_tenant_id_site_id_visit_date",
                table: "field_sessions",
                columns: new[] { "tenant_id", "site_id", "visit_date" });
        }
    }
}
