using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Assessa.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SubmissionCompetencySummary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "competency_names",
                table: "submissions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "competency_percents",
                table: "submissions",
                type: "text",
                nullable: true);

            // Existing submissions get the summary of the competency rows they already have (ADR 0020); both arrays
            // are aggregated in the same (name) order, so they stay aligned.
            migrationBuilder.Sql("""
                UPDATE submissions AS s
                SET competency_names = x.names, competency_percents = x.percents
                FROM (
                    SELECT submission_id,
                           json_agg(name ORDER BY name COLLATE "C")::text AS names,
                           json_agg(percent ORDER BY name COLLATE "C")::text AS percents
                    FROM submission_competencies
                    GROUP BY submission_id) AS x
                WHERE x.submission_id = s.id;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "competency_names",
                table: "submissions");

            migrationBuilder.DropColumn(
                name: "competency_percents",
                table: "submissions");
        }
    }
}
