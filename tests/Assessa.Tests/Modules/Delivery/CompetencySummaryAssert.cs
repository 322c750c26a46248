using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Delivery;

/// <summary>Checks that a submission's competency summary (ADR 0020) equals its competency rows after a write path ran.</summary>
public static class CompetencySummaryAssert
{
    /// <summary>The submission's summary equals its competency rows (names and percents).</summary>
    public static async Task MatchesRowsAsync(AssessaApp app, Guid submissionId)
    {
        var submission = Assert.Single(await app.QueryAsync(d => d.Set<Submission>().Where(s => s.Id == submissionId)));
        var rows = await app.QueryAsync(d => d.Set<SubmissionCompetency>().Where(c => c.SubmissionId == submissionId));
        Assert.NotEmpty(rows);
        Assert.Equal(
            rows.ToDictionary(r => r.Name, r => (double?)r.Percent),
            CompetencySummaryTests.Read(submission.CompetencyNames, submission.CompetencyPercents));
    }
}
