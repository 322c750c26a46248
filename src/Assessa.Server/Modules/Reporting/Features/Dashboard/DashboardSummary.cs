using Assessa.Server.Modules.Catalog;
using Assessa.Server.Modules.Delivery;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Reporting.Features.Dashboard;

/// <summary>
/// <c>GET /api/v1/dashboard/summary?from=&amp;to=&amp;assessment_id=</c> (contracts/skills-api.md): the invitation
/// funnel (invitations created in the range; how many of them were started and completed) and the results of
/// submissions completed in the range (average, per assessment, per competency, per channel, per recommendation,
/// the last ten). Every number is counted in SQL by grouped queries; only group rows reach the server.
/// </summary>
public static class DashboardSummary
{
    public sealed record Summary(
        int Invitations,
        int Started,
        int Completed,
        double CompletionRate,
        int Submissions,
        double? AveragePercent,
        IReadOnlyList<AssessmentSummary> ByAssessment,
        IReadOnlyList<CompetencySummary> ByCompetency,
        IReadOnlyDictionary<string, int> ByChannel,
        IReadOnlyDictionary<string, int> ByRecommendation,
        IReadOnlyList<RecentCompletion> Recent);

    public sealed record AssessmentSummary(
        Guid AssessmentId, string? Title, int Invitations, int Started, int Completed, double CompletionRate, int Submissions, double? AveragePercent);

    public sealed record CompetencySummary(string Name, int Submissions, double AveragePercent);

    public sealed record RecentCompletion(
        Guid SubmissionId, Guid? CandidateId, string? CandidateName, Guid? AssessmentId, string? AssessmentTitle, string Channel,
        double? Score, double? Percent, string? Recommendation, DateTime CompletedAt);

    /// <summary>The key of <c>by_recommendation</c> for results without a recommendation band.</summary>
    public const string NoRecommendation = "none";

    public static void Map(IEndpointRouteBuilder reporting) =>
        reporting.MapGet("/dashboard/summary", HandleAsync)
            .WithName("Reporting.DashboardSummary")
            .WithSummary("Dashboard summary: invitation funnel and results in a date range");

    public static async Task<Results<Ok<Summary>, ProblemHttpResult>> HandleAsync(
        AppDbContext db,
        [FromQuery(Name = "from")] string? from,
        [FromQuery(Name = "to")] string? to,
        [FromQuery(Name = "assessment_id")] string? assessmentId,
        CancellationToken ct)
    {
        if (!ReportFilter.TryParse(from, to, assessmentId, out var filter, out var error))
        {
            return error!.ToProblem();
        }

        var funnel = await ReportQueries.Invitations(db, filter)
            .GroupBy(i => i.AssessmentId)
            .Select(g => new FunnelRow
            {
                AssessmentId = g.Key,
                Invitations = g.Count(),
                Started = g.Count(i => i.StartedAt != null || i.Status == InvitationStatus.Completed),
                Completed = g.Count(i => i.Status == InvitationStatus.Completed),
            })
            .ToListAsync(ct);

        var completed = ReportQueries.Completed(db, filter);
        var results = await completed
            .GroupBy(s => s.AssessmentId)
            .Select(g => new ResultRow
            {
                AssessmentId = g.Key,
                Submissions = g.Count(),
                Scored = g.Count(s => s.Percent != null),
                PercentSum = g.Sum(s => s.Percent ?? 0),
            })
            .ToListAsync(ct);

        var competencies = await DeliveryFacts.Competencies(db)
            .Join(completed, c => c.SubmissionId, s => s.Id, (c, s) => c)
            .GroupBy(c => c.Name)
            .Select(g => new CompetencyRow { Name = g.Key, Submissions = g.Count(), AveragePercent = g.Average(c => c.Percent) })
            .ToListAsync(ct);

        var outcomes = await completed
            .GroupBy(s => new { s.Channel, s.RecommendationBand })
            .Select(g => new OutcomeRow { Channel = g.Key.Channel, Band = g.Key.RecommendationBand, Count = g.Count() })
            .ToListAsync(ct);

        var recent = await completed
            .OrderByDescending(s => s.CompletedAt).ThenByDescending(s => s.Id)
            .Take(10)
            .ToListAsync(ct);

        var assessmentIds = funnel.Select(f => f.AssessmentId)
            .Concat(results.Where(r => r.AssessmentId != null).Select(r => r.AssessmentId!.Value))
            .Distinct().ToList();
        var titles = await CatalogFacts.Assessments(db)
            .Where(a => assessmentIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.Title, ct);
        var candidateIds = recent.Where(s => s.CandidateId != null).Select(s => s.CandidateId!.Value).Distinct().ToList();
        var names = await DeliveryFacts.Candidates(db)
            .Where(c => candidateIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Name, ct);

        return TypedResults.Ok(Build(funnel, results, competencies, outcomes, recent, titles, names));
    }

    private static Summary Build(
        List<FunnelRow> funnel,
        List<ResultRow> results,
        List<CompetencyRow> competencies,
        List<OutcomeRow> outcomes,
        List<SubmissionFact> recent,
        Dictionary<Guid, string> titles,
        Dictionary<Guid, string?> names)
    {
        var funnelById = funnel.ToDictionary(f => f.AssessmentId);
        var resultsById = results.Where(r => r.AssessmentId != null).ToDictionary(r => r.AssessmentId!.Value);
        var byAssessment = funnelById.Keys.Union(resultsById.Keys)
            .Select(id =>
            {
                var f = funnelById.GetValueOrDefault(id) ?? new FunnelRow { AssessmentId = id };
                var r = resultsById.GetValueOrDefault(id) ?? new ResultRow { AssessmentId = id };
                return new AssessmentSummary(id, titles.GetValueOrDefault(id), f.Invitations, f.Started, f.Completed,
                    Rate(f.Completed, f.Invitations), r.Submissions, Average(r.PercentSum, r.Scored));
            })
            .OrderByDescending(a => a.Invitations).ThenByDescending(a => a.Submissions).ThenBy(a => a.Title, StringComparer.Ordinal).ThenBy(a => a.AssessmentId)
            .ToList();

        var byChannel = Enum.GetValues<DeliveryChannel>().ToDictionary(
            EnumText.Name, c => outcomes.Where(o => o.Channel == c).Sum(o => o.Count));
        var byRecommendation = outcomes
            .GroupBy(o => o.Band ?? NoRecommendation, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(o => o.Count), StringComparer.Ordinal);

        var invitations = funnel.Sum(f => f.Invitations);
        var completedInvitations = funnel.Sum(f => f.Completed);
        return new Summary(
            invitations,
            funnel.Sum(f => f.Started),
            completedInvitations,
            Rate(completedInvitations, invitations),
            results.Sum(r => r.Submissions),
            Average(results.Sum(r => r.PercentSum), results.Sum(r => r.Scored)),
            byAssessment,
            competencies
                .Select(c => new CompetencySummary(c.Name, c.Submissions, Math.Round(c.AveragePercent, 2)))
                .OrderBy(c => c.Name, StringComparer.Ordinal).ToList(),
            byChannel,
            byRecommendation,
            recent.Select(s => new RecentCompletion(
                s.Id, s.CandidateId, s.CandidateId is { } c ? names.GetValueOrDefault(c) : s.CandidateName,
                s.AssessmentId, s.AssessmentId is { } a ? titles.GetValueOrDefault(a) : null,
                EnumText.Name(s.Channel), s.Score, s.Percent, s.RecommendationBand, s.CompletedAt!.Value)).ToList());
    }

    /// <summary>A share as 0–1, four decimals; 0 when there is nothing to share.</summary>
    private static double Rate(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

    private static double? Average(double sum, int count) => count == 0 ? null : Math.Round(sum / count, 2);

    private sealed class FunnelRow
    {
        public Guid AssessmentId { get; init; }

        public int Invitations { get; init; }

        public int Started { get; init; }

        public int Completed { get; init; }
    }

    private sealed class ResultRow
    {
        public Guid? AssessmentId { get; init; }

        public int Submissions { get; init; }

        public int Scored { get; init; }

        public double PercentSum { get; init; }
    }

    private sealed class CompetencyRow
    {
        public required string Name { get; init; }

        public int Submissions { get; init; }

        public double AveragePercent { get; init; }
    }

    private sealed class OutcomeRow
    {
        public DeliveryChannel Channel { get; init; }

        public string? Band { get; init; }

        public int Count { get; init; }
    }
}
