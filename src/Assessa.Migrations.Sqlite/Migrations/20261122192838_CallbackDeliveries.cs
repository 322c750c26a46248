using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Assessa.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<string>(
                name: "url",
                table: "webhook_deliveries",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "callback_signing_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    secret_protected = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
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
