using Assessa.Server.Modules.Delivery;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Security;
using Assessa.Server.Platform.Tenancy;
using Assessa.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Assessa.Tests.Modules.Delivery;

/// <summary>
/// The competency summary on each submission row (ADR 0020): what it holds, how it reads back (including the
/// spellings the databases' JSON functions produce), and that the migration fills it in for existing submissions.
/// That every write path keeps it equal to the rows is asserted in the submit, review and analysis tests through
/// <see cref="CompetencySummaryAssert"/>.
/// </summary>
public sealed class CompetencySummaryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_summary_holds_names_in_ordinal_order_with_their_percents_aligned()
    {
        var (names, percents) = CompetencySummary.Of(
        [
            Row("b", 12.5), Row("Zeta \"quoted\"", 100), Row("a", 1.0 / 3), Row("Éclair", 0),
        ]);

        Assert.Equal("[\"Zeta \\u0022quoted\\u0022\",\"a\",\"b\",\"\\u00C9clair\"]", names);
        Assert.Equal(["Zeta \"quoted\"", "a", "b", "Éclair"], CompetencySummary.Names(names));
        var read = new double?[4];
        Assert.Equal(4, CompetencySummary.Percents(percents, read));
        Assert.Equal([100, 1.0 / 3, 12.5, 0], read);
        Assert.Equal((null, null), CompetencySummary.Of([]));
    }

    [Theory]
    [InlineData("[52.5, 40, 77.5]", new[] { 52.5, 40, 77.5 })] // PostgreSQL's json_agg
    [InlineData("[52.5,40.0,77.5]", new[] { 52.5, 40, 77.5 })] // SQLite's json_group_array
    [InlineData(" [ 1e2 ,-0.5 ] ", new[] { 100, -0.5 })]
    public void Percents_read_what_either_database_writes(string text, double[] expected)
    {
        var read = new double?[expected.Length];
        Assert.Equal(expected.Length, CompetencySummary.Percents(text, read));
        Assert.Equal(expected.Select(e => (double?)e), read);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("[]", 0)]
    [InlineData("not json", 0)]
    [InlineData("[1,null,x,NaN,Infinity]", 5)]
    public void Damaged_percents_read_as_missing_cells_not_errors(string text, int count)
    {
        var read = new double?[5];
        Assert.Equal(count, CompetencySummary.Percents(text, read));
        Assert.Equal(count == 0 ? 0 : 1, read.Count(p => p is not null));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{\"a\":1}")]
    [InlineData("[\"a\",null]")]
    [InlineData("[\"a\"")]
    public void Names_that_are_not_an_array_of_strings_read_as_none(string? text) =>
        Assert.Empty(CompetencySummary.Names(text));

    [Theory, AllDatabases]
    public async Task The_migration_fills_in_the_summary_of_existing_submissions(Db kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, database.Settings);
        await using var db = new AppDbContext(options.Options, new FixedTenant(null), SystemActor.Instance);
        var migrations = db.Database.GetMigrations().ToList();
        var summary = migrations.FindIndex(m => m.EndsWith("_SubmissionCompetencySummary", StringComparison.Ordinal));
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(migrations[summary - 1], Ct);

        var tenant = Guid.NewGuid();
        var (scored, unscored) = (Guid.NewGuid(), Guid.NewGuid());
        var now = DateTime.UtcNow;
        foreach (var id in new[] { scored, unscored })
        {
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO submissions (id, tenant_id, attempt, channel, status, submitted_at, candidate_language, ui_language, analysis_completed, created_at, updated_at) VALUES ({id}, {tenant}, 1, 'web', 'completed', {now}, 'en', 'en', {false}, {now}, {now})",
                Ct);
        }

        foreach (var (name, percent) in new[] { ("Teamwork", 77.5), ("Juízo \"crítico\"", 40.0), ("Alpha", 12.25) })
        {
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO submission_competencies (id, tenant_id, submission_id, name, score, max_score, percent, weight, items, pending_items) VALUES ({Guid.NewGuid()}, {tenant}, {scored}, {name}, {percent}, 100.0, {percent}, 1.0, 1, 0)",
                Ct);
        }

        await migrator.MigrateAsync(cancellationToken: Ct);

        var rows = await db.Set<Submission>().IgnoreQueryFilters().AsNoTracking().Where(s => s.TenantId == tenant).ToListAsync(Ct);
        var filled = rows.Single(s => s.Id == scored);
        Assert.Equal(
            new Dictionary<string, double?> { ["Alpha"] = 12.25, ["Juízo \"crítico\""] = 40, ["Teamwork"] = 77.5 },
            Read(filled.CompetencyNames, filled.CompetencyPercents));
        var empty = rows.Single(s => s.Id == unscored);
        Assert.Null(empty.CompetencyNames);
        Assert.Null(empty.CompetencyPercents);
    }

    internal static Dictionary<string, double?> Read(string? names, string? percents)
    {
        var list = CompetencySummary.Names(names);
        var values = new double?[list.Count];
        Assert.Equal(list.Count, CompetencySummary.Percents(percents ?? "", values));
        return list.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => values[p.i]);
    }

    private static SubmissionCompetency Row(string name, double percent) => new() { Name = name, Percent = percent };
}
