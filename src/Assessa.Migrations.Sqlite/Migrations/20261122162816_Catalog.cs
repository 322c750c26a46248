using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Assessa.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Catalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "assessments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    package_number = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    settings = table.Column<string>(type: "TEXT", nullable: false),
                    scoring = table.Column<string>(type: "TEXT", nullable: false),
                    latest_version = table.Column<int>(type: "INTEGER", nullable: false),
                    has_unpublished_changes = table.Column<bool>(type: "INTEGER", nullable: false),
                    test_type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "competencies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    normalized_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    parent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_competencies", x => x.id);
                    table.ForeignKey(
                        name: "fk_competencies_competencies_parent_id",
                        column: x => x.parent_id,
                        principalTable: "competencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "configurations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    config_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    scope = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    config_data = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_configurations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sectors",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    normalized_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sectors", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "assessment_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    assessment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    description = table.Column<string>(type: "TEXT", nullable: true),
                    language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    settings = table.Column<string>(type: "TEXT", nullable: false),
                    scoring = table.Column<string>(type: "TEXT", nullable: false),
                    items = table.Column<string>(type: "TEXT", nullable: false),
                    published_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    published_by_user_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessment_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_assessment_versions_assessments_assessment_id",
                        column: x => x.assessment_id,
                        principalTable: "assessments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "questions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    stem = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    situation = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    competency_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sector_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    tags = table.Column<string>(type: "TEXT", nullable: false),
                    options = table.Column<string>(type: "TEXT", nullable: false),
                    max_score = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: false),
                    preferred_answer = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    rubric = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    numeric_answer = table.Column<double>(type: "REAL", precision: 28, scale: 8, nullable: true),
                    tolerance = table.Column<double>(type: "REAL", precision: 28, scale: 8, nullable: true),
                    reverse_keyed = table.Column<bool>(type: "INTEGER", nullable: false),
                    rating_scale = table.Column<int>(type: "INTEGER", nullable: true),
                    language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    translations = table.Column<string>(type: "TEXT", nullable: false),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    source_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_questions", x => x.id);
                    table.ForeignKey(
                        name: "fk_questions_competencies_competency_id",
                        column: x => x.competency_id,
                        principalTable: "competencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_questions_sector_sector_id",
                        column: x => x.sector_id,
                        principalTable: "sectors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "assessment_version_questions",
                columns: table => new
                {
                    version_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    question_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    question_version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessment_version_questions", x => new { x.version_id, x.question_id });
                    table.ForeignKey(
                        name: "fk_assessment_version_questions_assessment_versions_version_id",
                        column: x => x.version_id,
                        principalTable: "assessment_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "assessment_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    assessment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    question_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    section = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessment_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_assessment_items_assessments_assessment_id",
                        column: x => x.assessment_id,
                        principalTable: "assessments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_assessment_items_question_question_id",
                        column: x => x.question_id,
                        principalTable: "questions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "question_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    question_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    content = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_question_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_question_versions_questions_question_id",
                        column: x => x.question_id,
                        principalTable: "questions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_assessment_items_assessment_id_position",
                table: "assessment_items",
                columns: new[] { "assessment_id", "position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_assessment_items_question_id",
                table: "assessment_items",
                column: "question_id");

            migrationBuilder.CreateIndex(
                name: "ix_assessment_items_tenant_id",
                table: "assessment_items",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_assessment_version_questions_question_id_question_version",
                table: "assessment_version_questions",
                columns: new[] { "question_id", "question_version" });

            migrationBuilder.CreateIndex(
                name: "ix_assessment_version_questions_tenant_id",
                table: "assessment_version_questions",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_assessment_versions_assessment_id_number",
                table: "assessment_versions",
                columns: new[] { "assessment_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_assessment_versions_tenant_id",
                table: "assessment_versions",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_assessments_tenant_id_package_number",
                table: "assessments",
                columns: new[] { "tenant_id", "package_number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_assessments_tenant_id_test_type",
                table: "assessments",
                columns: new[] { "tenant_id", "test_type" },
                unique: true,
                filter: "test_type IS NOT NULL AND deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_competencies_parent_id",
                table: "competencies",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_competencies_tenant_id_normalized_name",
                table: "competencies",
                columns: new[] { "tenant_id", "normalized_name" },
                unique: true,
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_configurations_tenant_id_config_type",
                table: "configurations",
                columns: new[] { "tenant_id", "config_type" },
                filter: "is_active");

            migrationBuilder.CreateIndex(
                name: "ix_configurations_tenant_id_config_type_version",
                table: "configurations",
                columns: new[] { "tenant_id", "config_type", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_question_versions_question_id_version",
                table: "question_versions",
                columns: new[] { "question_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_question_versions_tenant_id",
                table: "question_versions",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_questions_competency_id",
                table: "questions",
                column: "competency_id");

            migrationBuilder.CreateIndex(
                name: "ix_questions_sector_id",
                table: "questions",
                column: "sector_id");

            migrationBuilder.CreateIndex(
                name: "ix_questions_tenant_id_competency_id",
                table: "questions",
                columns: new[] { "tenant_id", "competency_id" });

            migrationBuilder.CreateIndex(
                name: "ix_questions_tenant_id_source_key",
                table: "questions",
                columns: new[] { "tenant_id", "source_key" },
                unique: true,
                filter: "source_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_sectors_tenant_id_normalized_name",
                table: "sectors",
                columns: new[] { "tenant_id", "normalized_name" },
                unique: true,
                filter: "deleted_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "assessment_items");

            migrationBuilder.DropTable(
                name: "assessment_version_questions");

            migrationBuilder.DropTable(
                name: "configurations");

            migrationBuilder.DropTable(
                name: "question_versions");

            migrationBuilder.DropTable(
                name: "assessment_versions");

            migrationBuilder.DropTable(
                name: "questions");

            migrationBuilder.DropTable(
                name: "assessments");

            migrationBuilder.DropTable(
                name: "competencies");

            migrationBuilder.DropTable(
                name: "sectors");
        }
    }
}
