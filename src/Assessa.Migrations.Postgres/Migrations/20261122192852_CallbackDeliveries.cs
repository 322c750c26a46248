using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Assessa.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CallbackDeliveries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_webhook_deliveries_endpoint_id_outbox_message_id",
                table: "webhook_deliveries");

            migrationBuilder.AlterColumn<Guid>(
                name: "endpoint_id",
                table: "webhook_deliveries",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<string>(
                name: "url",
                table: "webhook_deliveries",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "callback_signing_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    secret_protected = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_callback_signing_keys", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_endpoint_id_outbox_message_id",
                table: "webhook_deliveries",
                columns: new[] { "endpoint_id", "outbox_message_id" },
                unique: true,
                filter: "outbox_message_id IS NOT NULL AND endpoint_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_outbox_message_id",
                table: "webhook_deliveries",
                column: "outbox_message_id",
                unique: true,
                filter: "outbox_message_id IS NOT NULL AND endpoint_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_callback_signing_keys_tenant_id",
                table: "callback_signing_keys",
                column: "tenant_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "callback_signing_keys");

            migrationBuilder.DropIndex(
                name: "ix_webhook_deliveries_endpoint_id_outbox_message_id",
                table: "webhook_deliveries");

            migrationBuilder.DropIndex(
                name: "ix_webhook_deliveries_outbox_message_id",
                table: "webhook_deliveries");

            migrationBuilder.DropColumn(
                name: "url",
                table: "webhook_deliveries");

            migrationBuilder.AlterColumn<Guid>(
                name: "endpoint_id",
                table: "webhook_deliveries",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_endpoint_id_outbox_message_id",
                table: "webhook_deliveries",
                columns: new[] { "endpoint_id", "outbox_message_id" },
                unique: true,
                filter: "outbox_message_id IS NOT NULL");
        }
    }
}
