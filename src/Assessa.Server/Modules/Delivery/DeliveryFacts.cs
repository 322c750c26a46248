using Assessa.Server.Modules.Catalog.Scoring;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Delivery;

/// <summary>A submission as reporting sees it (no answers, no conversation history).</summary>
public sealed class SubmissionFact
{
    public Guid Id { get; init; }

    public Guid? InvitationId { get; init; }

    public Guid? CandidateId { get; init; }

    public Guid? AssessmentId { get; init; }

    public Guid? AssessmentVersionId { get; init; }

    public DeliveryChannel Channel { get; init; }

    public SubmissionStatus Status { get; init; }

    public double? Score { get; init; }

    public double? MaxScore { get; init; }

    public double? Percent { get; init; }

    public string? RecommendationBand { get; init; }

    public string? RecommendationLabel { get; init; }

    /// <summary>"SJT" or "JDT" for sjt-jdt submissions and attempts.</summary>
    public string? TestType { get; init; }

    /// <summary>The name the sjt-jdt client sent (other submissions name their candidate).</summary>
    public string? CandidateName { get; init; }

    public DateTime? StartedAt { get; init; }

    public DateTime SubmittedAt { get; init; }

    public DateTime? CompletedAt { get; init; }

    public int? DurationSeconds { get; init; }

    public Guid? EnumeratorId { get; init; }

    public Guid? SiteId { get; init; }

    /// <summary>The competency names as a JSON array (read with <see cref="CompetencySummary"/>).</summary>
    public string? CompetencyNames { get; init; }

    /// <summary>The competency percents as a JSON array aligned with <see cref="CompetencyNames"/>.</summary>
    public string? CompetencyPercents { get; init; }
}

/// <summary>An invitation as reporting sees it (no token, no links).</summary>
public sealed class InvitationFact
{
    public Guid Id { get; init; }

    public Guid CandidateId { get; init; }

    public Guid AssessmentId { get; init; }

    public Guid AssessmentVersionId { get; init; }

    public InvitationStatus Status { get; init; }

    public DeliveryChannel Channel { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? OpenedAt { get; init; }

    public DateTime? StartedAt { get; init; }

    public DateTime? CompletedAt { get; init; }

    public Guid? SubmissionId { get; init; }
}

/// <summary>One competency of a scored submission.</summary>
public sealed class CompetencyFact
{
    public Guid SubmissionId { get; init; }

    public required string Name { get; init; }

    public double Score { get; init; }

    public double MaxScore { get; init; }

    public double Percent { get; init; }
}

/// <summary>One item of a scored submission: what was answered and what it scored.</summary>
public sealed class AnswerFact
{
    public Guid SubmissionId { get; init; }

    public Guid QuestionId { get; init; }

    public int Position { get; init; }

    public QuestionType QuestionType { get; init; }

    public required string Competency { get; init; }

    /// <summary>Null when the item was left unanswered.</summary>
    public AnswerInput? Answer { get; init; }

    public double? Score { get; init; }

    public double MaxScore { get; init; }

    public ItemStatus Status { get; init; }

    public int? SecondsSpent { get; init; }
}

/// <summary>A candidate's display fields (null once erased).</summary>
public sealed class CandidateFact
{
    public Guid Id { get; init; }

    public string? Name { get; init; }

    public string? Email { get; init; }

    public bool Erased { get; init; }
}

/// <summary>
/// Delivery's public surface for reporting: read-only projections of submissions, invitations, their competency
/// and item rows, and candidates, in the current tenant (the context's tenant filter applies). They are
/// <see cref="IQueryable{T}"/>, so reports filter, join and aggregate them in SQL; nothing is tracked.
/// </summary>
public static class DeliveryFacts
{
    public static IQueryable<SubmissionFact> Submissions(AppDbContext db) => Project(db.Set<Submission>());

    /// <summary>
    /// The submissions of <paramref name="tenantId"/>, whatever the current tenant — only for callers that have
    /// checked the caller may see that tenant (a superadmin's tenant statistics).
    /// </summary>
    public static IQueryable<SubmissionFact> SubmissionsOfTenant(AppDbContext db, Guid tenantId) =>
        Project(db.Set<Submission>().IgnoreQueryFilters([QueryFilters.Tenant]).Where(s => s.TenantId == tenantId));

    private static IQueryable<SubmissionFact> Project(IQueryable<Submission> submissions) =>
        submissions.Select(s => new SubmissionFact
        {
            Id = s.Id,
            InvitationId = s.InvitationId,
            CandidateId = s.CandidateId,
            AssessmentId = s.AssessmentId,
            AssessmentVersionId = s.AssessmentVersionId,
            Channel = s.Channel,
            Status = s.Status,
            Score = s.Score,
            MaxScore = s.MaxScore,
            Percent = s.Percent,
            RecommendationBand = s.RecommendationBand,
            RecommendationLabel = s.RecommendationLabel,
            TestType = s.TestType,
            CandidateName = s.CandidateName,
            StartedAt = s.StartedAt,
            SubmittedAt = s.SubmittedAt,
            CompletedAt = s.CompletedAt,
            DurationSeconds = s.DurationSeconds,
            EnumeratorId = s.EnumeratorId,
            SiteId = s.SiteId,
            CompetencyNames = s.CompetencyNames,
            CompetencyPercents = s.CompetencyPercents,
        });

    public static IQueryable<InvitationFact> Invitations(AppDbContext db) =>
        db.Set<Invitation>().Select(i => new InvitationFact
        {
            Id = i.Id,
            CandidateId = i.CandidateId,
            AssessmentId = i.AssessmentId,
            AssessmentVersionId = i.AssessmentVersionId,
            Status = i.Status,
            Channel = i.Channel,
            CreatedAt = i.CreatedAt,
            OpenedAt = i.OpenedAt,
            StartedAt = i.StartedAt,
            CompletedAt = i.CompletedAt,
            SubmissionId = i.SubmissionId,
        });

    public static IQueryable<CompetencyFact> Competencies(AppDbContext db) =>
        db.Set<SubmissionCompetency>().Select(c => new CompetencyFact
        {
            SubmissionId = c.SubmissionId,
            Name = c.Name,
            Score = c.Score,
            MaxScore = c.MaxScore,
            Percent = c.Percent,
        });

    public static IQueryable<AnswerFact> Answers(AppDbContext db) =>
        db.Set<SubmissionAnswer>().Select(a => new AnswerFact
        {
            SubmissionId = a.SubmissionId,
            QuestionId = a.QuestionId,
            Position = a.Position,
            QuestionType = a.QuestionType,
            Competency = a.Competency,
            Answer = a.Answer,
            Score = a.Score,
            MaxScore = a.MaxScore,
            Status = a.Status,
            SecondsSpent = a.SecondsSpent,
        });

    public static IQueryable<CandidateFact> Candidates(AppDbContext db) =>
        db.Set<Candidate>().Select(c => new CandidateFact
        {
            Id = c.Id,
            Name = c.Name,
            Email = c.Email,
            Erased = c.ErasedAt != null,
        });
}
