using Assessa.Server.Modules.Catalog;
using Assessa.Server.Modules.Delivery;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Reporting.Features.Statistics;

/// <summary>
/// <c>GET /api/v1/assessments/{id}/statistics?from=&amp;to=</c>: one assessment's invitation funnel (invitations
/// created in the range), and for submissions completed in the range the score summary, a histogram of percents in
/// ten 10-point bins (the last includes 100), competency averages and the time taken. Grouped in SQL.
/// </summary>
public static class AssessmentStatistics
{
    public sealed record Statistics(
        Guid AssessmentId,
        string Title,
        Funnel Funnel,
        int Submissions,
        ScoreSummary Score,
        IReadOnlyList<Bin> Histogram,
        IReadOnlyList<CompetencyStatistics> Competencies,
        TimeTaken TimeTaken);

    public sealed record Funnel(int Invited, int Opened, int Started, int Completed, int Abandoned, int Expired, int Cancelled, double CompletionRate);

    public sealed record ScoreSummary(double? AveragePercent, double? MinPercent, double? MaxPercent);

    public sealed record Bin(int From, int To, int Count);

    public sealed record CompetencyStatistics(string Name, int Submissions, double AveragePercent, double MinPercent, double MaxPercent);

    public sealed record TimeTaken(int Submissions, double? AverageSeconds, double? MedianSeconds, int? MinSeconds, int? MaxSeconds);

    public static void Map(IEndpointRouteBuilder reporting) =>
        reporting.MapGet("/assessments/{assessmentId}/statistics", HandleAsync)
            .WithName("Reporting.AssessmentStatistics")
            .WithSummary("An assessment's funnel, score histogram, competency averages and time taken");

    public static async Task<Results<Ok<Statistics>, ProblemHttpResult>> HandleAsync(
        AppDbContext db,
        string assessmentId,
        [FromQuery(Name = "from")] string? from,
        [FromQuery(Name = "to")] string? to,
        CancellationToken ct)
    {
        if (!ReportFilter.TryParse(from, to, assessmentId, out var filter, out var error))
        {
            return error!.ToProblem();
        }

        var id = filter.AssessmentId!.Value;
        var title = await CatalogFacts.Assessments(db).Where(a => a.Id == id && !a.Deleted).Select(a => a.Title).SingleOrDefaultAsync(ct);
        if (title is null)
        {
            return Error.NotFound("Assessment", id).ToProblem();
        }

        var funnel = await FunnelAsync(db, filter, ct);
        var completed = ReportQueries.Completed(db, filter);
        var scored = completed.Where(s => s.Percent != null);
        var score = await scored
            .GroupBy(s => 1)
            .Select(g => new ScoreSummary(g.Average(s => s.Percent), g.Min(s => s.Percent), g.Max(s => s.Percent)))
            .SingleOrDefaultAsync(ct) ?? new ScoreSummary(null, null, null);
        var bins = await scored
            .GroupBy(s => s.Percent >= 90 ? 9 : s.Percent >= 80 ? 8 : s.Percent >= 70 ? 7 : s.Percent >= 60 ? 6 : s.Percent >= 50 ? 5
                : s.Percent >= 40 ? 4 : s.Percent >= 30 ? 3 : s.Percent >= 20 ? 2 : s.Percent >= 10 ? 1 : 0)
            .Select(g => new { Bin = g.Key, Count = g.Count() })
            .ToDictionaryAsync(b => b.Bin, b => b.Count, ct);
        var competencies = await DeliveryFacts.Competencies(db)
            .Join(completed, c => c.SubmissionId, s => s.Id, (c, s) => c)
            .GroupBy(c => c.Name)
            .Select(g => new CompetencyStatistics(g.Key, g.Count(), g.Average(c => c.Percent), g.Min(c => c.Percent), g.Max(c => c.Percent)))
            .ToListAsync(ct);

        return TypedResults.Ok(new Statistics(
            id,
            title,
            funnel,
            await completed.CountAsync(ct),
            new ScoreSummary(Round(score.AveragePercent), score.MinPercent, score.MaxPercent),
            Enumerable.Range(0, 10).Select(b => new Bin(b * 10, b * 10 + 10, bins.GetValueOrDefault(b))).ToList(),
            competencies.Select(c => c with { AveragePercent = Math.Round(c.AveragePercent, 2) }).OrderBy(c => c.Name, StringComparer.Ordinal).ToList(),
            await TimeTakenAsync(completed, ct)));
    }

    private static async Task<Funnel> FunnelAsync(AppDbContext db, ReportFilter filter, CancellationToken ct)
    {
        var counts = await ReportQueries.Invitations(db, filter)
            .GroupBy(i => i.Status)
            .Select(g => new
            {
                Status = g.Key,
                Count = g.Count(),
                Opened = g.Count(i => i.OpenedAt != null || i.StartedAt != null || i.Status == InvitationStatus.Completed),
                Started = g.Count(i => i.StartedAt != null || i.Status == InvitationStatus.Completed),
            })
            .ToListAsync(ct);
        int Of(InvitationStatus status) => counts.Where(c => c.Status == status).Sum(c => c.Count);
        var invited = counts.Sum(c => c.Count);
        var completed = Of(InvitationStatus.Completed);
        return new Funnel(
            invited,
            counts.Sum(c => c.Opened),
            counts.Sum(c => c.Started),
            completed,
            Of(InvitationStatus.Abandoned),
            Of(InvitationStatus.Expired),
            Of(InvitationStatus.Cancelled),
            invited == 0 ? 0 : Math.Round((double)completed / invited, 4));
    }

    /// <summary>Average, extremes and median of the recorded durations (the median from the one or two middle rows).</summary>
    private static async Task<TimeTaken> TimeTakenAsync(IQueryable<SubmissionFact> completed, CancellationToken ct)
    {
        var timed = completed.Where(s => s.DurationSeconds != null).Select(s => s.DurationSeconds!.Value);
        var summary = await timed
            .GroupBy(d => 1)
            .Select(g => new { Count = g.Count(), Average = g.Average(d => (double)d), Min = g.Min(), Max = g.Max() })
            .SingleOrDefaultAsync(ct);
        if (summary is null)
        {
            return new TimeTaken(0, null, null, null, null);
        }

        var middle = await timed.OrderBy(d => d).Skip((summary.Count - 1) / 2).Take(2 - (summary.Count % 2)).ToListAsync(ct);
        return new TimeTaken(summary.Count, Round(summary.Average), middle.Average(d => (double)d), summary.Min, summary.Max);
    }

    private static double? Round(double? value) => value is null ? null : Math.Round(value.Value, 2);
}
