using Assessa.Server.Modules.Catalog;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Assessa.Server.Platform.Json;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Delivery.Features.Results;

/// <summary><c>GET /api/v1/results</c> (filters: assessment, candidate, invitation, status, channel, band, submitted from/to) and <c>GET /{id}</c>.</summary>
public static class ManageResults
{
    public sealed record Query(
        [FromQuery(Name = "assessment_id")] Guid? AssessmentId,
        [FromQuery(Name = "candidate_id")] Guid? CandidateId,
        [FromQuery(Name = "invitation_id")] Guid? InvitationId,
        [FromQuery(Name = "status")] string? Status,
        [FromQuery(Name = "channel")] string? Channel,
        [FromQuery(Name = "recommendation")] string? Recommendation,
        [FromQuery(Name = "from")] DateTime? From,
        [FromQuery(Name = "to")] DateTime? To,
        [FromQuery(Name = "page")] int? Page,
        [FromQuery(Name = "per_page")] int? PerPage);

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("", ListAsync).WithName("Delivery.ListResults").WithSummary("List results").RequireAuthorization(DeliveryPolicies.ReadResults);
        group.MapGet("/{id:guid}", GetAsync).WithName("Delivery.GetResult").WithSummary("A result with per-item and per-competency detail").RequireAuthorization(DeliveryPolicies.ReadResults);
        group.MapGet("/{id:guid}/report", ReportAsync).WithName("Delivery.ResultReport").WithSummary("The result as an HTML report")
            .Produces(StatusCodes.Status200OK, contentType: "text/html").WithMetadata(new BrowserPageAttribute()).RequireAuthorization(DeliveryPolicies.ReadResults);
    }

    public static async Task<IResult> ReportAsync(Guid id, HttpContext http, ReportBuilder reports, CancellationToken ct)
    {
        var nonce = HtmlPages.NewNonce();
        return await reports.ForSubmissionAsync(id, nonce, ct) is { } model
            ? HtmlPages.Render<Components.Staff.ReportPage>(http, nonce, new Dictionary<string, object?> { ["Model"] = model })
            : HtmlPages.Render<Components.Staff.NotFoundPage>(http, nonce, new Dictionary<string, object?> { ["Nonce"] = nonce, ["What"] = $"Result '{id}'" }, StatusCodes.Status404NotFound);
    }

    public static async Task<Results<Ok<List<ResultSummary>>, ProblemHttpResult>> ListAsync(
        [AsParameters] Query query, HttpContext http, AppDbContext db, PublishedAssessments catalog, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(query.Page, query.PerPage, out var page, out var error))
        {
            return error!.ToProblem();
        }

        var status = query.Status is null ? null : EnumText.Parse<SubmissionStatus>(query.Status);
        var channel = query.Channel is null ? null : EnumText.Parse<DeliveryChannel>(query.Channel);
        var v = new Validation()
            .Check(query.Status is null || status is not null, "status", $"must be one of {string.Join(", ", EnumText.Names<SubmissionStatus>())}.")
            .Check(query.Channel is null || channel is not null, "channel", $"must be one of {string.Join(", ", EnumText.Names<DeliveryChannel>())}.")
            .Check(query.From is null || query.To is null || query.From <= query.To, "from", "must not be after to.");
        if (!v.IsValid)
        {
            return v.ToError().ToProblem();
        }

        var from = query.From?.ToUniversalTime();
        var to = query.To?.ToUniversalTime();
        var submissions = await db.Set<Submission>().AsNoTracking()
            .WhereIf(query.AssessmentId is not null, s => s.AssessmentId == query.AssessmentId)
            .WhereIf(query.CandidateId is not null, s => s.CandidateId == query.CandidateId)
            .WhereIf(query.InvitationId is not null, s => s.InvitationId == query.InvitationId)
            .WhereIf(status is not null, s => s.Status == status)
            .WhereIf(channel is not null, s => s.Channel == channel)
            .WhereIf(query.Recommendation is not null, s => s.RecommendationBand == query.Recommendation)
            .WhereIf(from is not null, s => s.SubmittedAt >= from)
            .WhereIf(to is not null, s => s.SubmittedAt <= to)
            .OrderByDescending(s => s.SubmittedAt).ThenByDescending(s => s.Id)
            .ToPageAsync(page, http, ct);
        var titles = await catalog.TitlesAsync(submissions.Where(s => s.AssessmentId is not null).Select(s => s.AssessmentId!.Value), ct);
        return TypedResults.Ok(submissions.Select(s => new ResultSummary(
            s.Id, s.InvitationId, s.CandidateId, s.CandidateName, s.AssessmentId, s.AssessmentId is { } a ? titles.GetValueOrDefault(a) : null,
            s.Channel, s.Status, Numbers.Dec(s.Score), Numbers.Dec(s.MaxScore), Numbers.Dec(s.Percent), s.RecommendationBand,
            s.SubmittedAt, s.CompletedAt, s.DurationSeconds)).ToList());
    }

    public static async Task<Results<Ok<ResultResponse>, ProblemHttpResult>> GetAsync(Guid id, ResultReader reader, CancellationToken ct) =>
        await reader.ReadAsync(id, ct) is { } result ? TypedResults.Ok(result) : DeliveryErrors.ResultNotFound(id).ToProblem();
}
