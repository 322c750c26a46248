using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Assessa.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AtsIntegrations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "authorization_protected",
                table: "webhook_deliveries",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "method",
                table: "webhook_deliveries",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "POST");

            migrationBuilder.CreateTable(
                name: "integration_calls",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    integration = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    operation = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    succeeded = table.Column<bool>(type: "boolean", nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    api_key_id = table.Column<Guid>(type: "uuid", nullable: true),
                    invitation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_integration_calls", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "integration_links",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    integration = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    invitation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    callback_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    authorization_protected = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_integration_links", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "integration_settings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    integration = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_integration_settings", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_integration_calls_tenant_id_integration_at",
                table: "integration_calls",
                columns: new[] { "tenant_id", "integration", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_integration_links_invitation_id_integration",
                table: "integration_links",
                columns: new[] { "invitation_id", "integration" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_integration_links_tenant_id",
                table: "integration_links",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_integration_settings_tenant_id_integration",
                table: "integration_settings",
                columns: new[] { "tenant_id", "integration" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "integration_calls");

            migrationBuilder.DropTable(
                name: "integration_links");

            migrationBuilder.DropTable(
                name: "integration_settings");

            migrationBuilder.DropColumn(
                name: "authorization_protected",
                table: "webhook_deliveries");

            migrationBuilder.DropColumn(
                name: "method",
                table: "webhook_deliveries");
        }
    }
}
