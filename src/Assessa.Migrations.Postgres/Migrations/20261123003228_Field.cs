using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Assessa.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Field : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "field_enumerators",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    normalized_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    deleted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_field_enumerators", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "field_imports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    job_id = table.Column<Guid>(type: "uuid", nullable: true),
                    file_name = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    storage_path = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    delimiter = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    encoding = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    total_rows = table.Column<long>(type: "bigint", nullable: false),
                    successful_rows = table.Column<long>(type: "bigint", nullable: false),
                    failed_rows = table.Column<long>(type: "bigint", nullable: false),
                    created_sessions = table.Column<long>(type: "bigint", nullable: false),
                    updated_sessions = table.Column<long>(type: "bigint", nullable: false),
                    lines_done = table.Column<long>(type: "bigint", nullable: false),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_field_imports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "field_sites",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    normalized_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    state = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    city = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    deleted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_field_sites", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "field_import_errors",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    import_id = table.Column<Guid>(type: "uuid", nullable: false),
                    line = table.Column<long>(type: "bigint", nullable: false),
                    error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    data = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_field_import_errors", x => x.id);
                    table.ForeignKey(
                        name: "fk_field_import_errors_field_imports_import_id",
                        column: x => x.import_id,
                        principalTable: "field_imports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "field_sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<long>(type: "bigint", nullable: false),
                    client_id = table.Column<long>(type: "bigint", nullable: false),
                    candidate_id = table.Column<Guid>(type: "uuid", nullable: true),
                    site_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enumerator_id = table.Column<Guid>(type: "uuid", nullable: false),
                    deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    visit_date = table.Column<DateOnly>(type: "date", nullable: true),
                    visit_time = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    invitation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    result_id = table.Column<Guid>(type: "uuid", nullable: true),
                    import_id = table.Column<Guid>(type: "uuid", nullable: true),
                    deleted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_field_sessions", x => x.id);
                    table.ForeignKey(
                        name: "fk_field_sessions_field_enumerators_enumerator_id",
                        column: x => x.enumerator_id,
                        principalTable: "field_enumerators",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_field_sessions_site_site_id",
                        column: x => x.site_id,
                        principalTable: "field_sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_field_enumerators_tenant_id_normalized_name",
                table: "field_enumerators",
                columns: new[] { "tenant_id", "normalized_name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_field_enumerators_tenant_id_user_id",
                table: "field_enumerators",
                columns: new[] { "tenant_id", "user_id" },
                unique: true,
                filter: "user_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_field_import_errors_import_id_line",
                table: "field_import_errors",
                columns: new[] { "import_id", "line" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_field_import_errors_tenant_id",
                table: "field_import_errors",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_field_imports_tenant_id_created_at",
                table: "field_imports",
                columns: new[] { "tenant_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_field_sessions_enumerator_id",
                table: "field_sessions",
                column: "enumerator_id");

            migrationBuilder.CreateIndex(
                name: "ix_field_sessions_site_id",
                table: "field_sessions",
                column: "site_id");

            migrationBuilder.CreateIndex(
                name: "ix_field_sessions_tenant_id_client_id",
                table: "field_sessions",
                columns: new[] { "tenant_id", "client_id" });

            migrationBuilder.CreateIndex(
                name: "ix_field_sessions_tenant_id_enumerator_id_visit_date",
                table: "field_sessions",
                columns: new[] { "tenant_id", "enumerator_id", "visit_date" });

            migrationBuilder.CreateIndex(
                name: "ix_field_sessions_tenant_id_number",
                table: "field_sessions",
                columns: new[] { "tenant_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_field_sessions_tenant_id_site_id_visit_date",
                table: "field_sessions",
                columns: new[] { "tenant_id", "site_id", "visit_date" });

            migrationBuilder.CreateIndex(
                name: "ix_field_sites_tenant_id_normalized_name",
                table: "field_sites",
                columns: new[] { "tenant_id", "normalized_name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "field_import_errors");

            migrationBuilder.DropTable(
                name: "field_sessions");

            migrationBuilder.DropTable(
                name: "field_imports");

            migrationBuilder.DropTable(
                name: "field_enumerators");

            migrationBuilder.DropTable(
                name: "field_sites");
        }
    }
}
