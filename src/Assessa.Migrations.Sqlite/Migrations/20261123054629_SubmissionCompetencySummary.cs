using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Assessa.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "competency_percents",
                table: "submissions",
                type: "TEXT",
                nullable: true);

            // Existing submissions get the summary of the competency rows they already have (ADR 0020); both arrays
            // are aggregated over the rows in the same (name) order, so they stay aligned.
            migrationBuilder.Sql("""
                UPDATE submissions
                SET competency_names = (SELECT json_group_array(name) FROM (
                        SELECT name FROM submission_competencies AS c WHERE c.submission_id = submissions.id ORDER BY name)),
                    competency_percents = (SELECT json_group_array(percent) FROM (
                        SELECT percent FROM submission_competencies AS c WHERE c.submission_id = submissions.id ORDER BY name))
                WHERE EXISTS (SELECT 1 FROM submission_competencies AS c WHERE c.submission_id = submissions.id);
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
