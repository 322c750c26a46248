using System.Text.Json;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Platform.Security;

namespace Assessa.Server.Modules.Delivery.Features.Submissions;

/// <summary><c>&lt;Submission&gt;</c> of contracts/sjt-jdt-api.md.</summary>
public sealed record SubmissionResponse(
    Guid Id,
    Guid? UserId,
    Guid TenantId,
    string? CandidateName,
    string? CandidateId,
    string? TestType,
    string CandidateLanguage,
    string UiLanguage,
    JsonElement ConversationHistory,
    JsonElement? AnalysisResult,
    string Status,
    bool AnalysisCompleted,
    DateTime? AnalysisCompletedAt,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    private static readonly JsonElement EmptyArray = JsonDocument.Parse("[]").RootElement.Clone();

    public static SubmissionResponse From(Submission s) => new(
        s.Id,
        s.UserId,
        s.TenantId,
        s.CandidateName,
        s.CandidateReference,
        s.TestType,
        s.CandidateLanguage,
        s.UiLanguage,
        s.ConversationHistory is null ? EmptyArray : JsonDocument.Parse(s.ConversationHistory).RootElement.Clone(),
        s.AnalysisResult is null ? null : JsonDocument.Parse(s.AnalysisResult).RootElement.Clone(),
        StatusName(s.Status),
        s.AnalysisCompleted,
        s.AnalysisCompletedAt,
        s.CreatedAt,
        s.UpdatedAt);

    /// <summary>The contract knows submitted, analyzing, completed and failed; waiting for an analyst counts as analyzing.</summary>
    public static string StatusName(SubmissionStatus status) => status switch
    {
        SubmissionStatus.Submitted => "submitted",
        SubmissionStatus.Analyzing or SubmissionStatus.PendingReview => "analyzing",
        SubmissionStatus.Completed => "completed",
        _ => "failed",
    };
}

/// <summary>Who may see which submissions: staff their tenant's, everyone else only their own.</summary>
public static class SubmissionAccess
{
    public static bool SeesAll(ICurrentActor actor) => actor.Role is Roles.Admin or Roles.Superadmin or Roles.Analyst || actor.ApiKeyId is not null;

    public static IQueryable<Submission> Visible(this IQueryable<Submission> submissions, ICurrentActor actor) =>
        SeesAll(actor) ? submissions : submissions.Where(s => s.UserId == actor.UserId);
}
