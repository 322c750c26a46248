using Assessa.Server.Modules.Catalog;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Modules.Delivery.Features.Candidates;
using Assessa.Server.Modules.Delivery.Features.Invitations;
using Assessa.Server.Modules.Identity;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Delivery.Features.Attempts;

/// <summary>
/// <c>POST /api/v1/tests/attempts/start</c> of contracts/sjt-jdt-api.md: a candidate starts the tenant's SJT or JDT
/// (the assessment generated from its active configuration). SJT serves the first <c>numberOfQuestions</c>
/// scenarios; JDT the questions of the chosen <c>role_category</c>. Each start is an invitation (source
/// <c>sjt_attempt</c>); more than the tenant's <c>max_test_attempts</c> → 409 with <c>can_start:false</c>. An attempt
/// still running is returned again rather than counted twice.
/// </summary>
public static class StartTestAttempt
{
    public sealed record StartInput(string? TestType, string? RoleCategory);

    public sealed record AttemptInfo(Guid Id, Guid InvitationId, string TestType, int AttemptNumber, InvitationStatus Status, DateTime? StartedAt, int MaxQuestions, string? RoleCategory, DateTime? DeadlineAt);

    public sealed record StartResponse(AttemptInfo Attempt, List<Dictionary<string, object?>> Questions, bool CanStart, int RemainingAttempts);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/tests/attempts/start", HandleAsync).WithTags("Submissions").WithName("Delivery.StartTestAttempt")
            .WithSummary("Start an SJT or JDT attempt").RequireAuthorization(Policies.Person);

    public static async Task<Results<Ok<StartResponse>, ProblemHttpResult>> HandleAsync(
        StartInput input, AppDbContext db, ICurrentActor actor, Platform.Tenancy.ICurrentTenant currentTenant, IdentityDirectory identity, PublishedAssessments catalog,
        CandidateResolver resolver, InvitationFactory factory, AttemptService attempts, CancellationToken ct)
    {
        var testType = input.TestType?.Trim().ToUpperInvariant();
        var v = new Validation().Check(testType is "SJT" or "JDT", "test_type", "must be SJT or JDT.").MaxLength("role_category", input.RoleCategory, 200);
        if (!v.IsValid)
        {
            return v.ToError().ToProblem();
        }

        var tenant = currentTenant.TenantId is { } tenantId ? await identity.TenantAsync(tenantId, ct) : null;
        if (tenant is null || !tenant.AllowedTestTypes.Contains(testType!, StringComparer.OrdinalIgnoreCase))
        {
            return Error.Forbidden($"This organisation does not offer the {testType} test.").ToProblem();
        }

        var version = await catalog.LatestForTestTypeAsync(testType!, ct);
        if (version is null)
        {
            return (Error.NotFound("Active configuration", testType!) with { Detail = $"No {testType} configuration with questions is active for this organisation." }).ToProblem();
        }

        var questions = Questions(version, testType!, input.RoleCategory, out var roleProblem);
        if (roleProblem is not null)
        {
            return new Validation().Add("role_category", roleProblem).ToError().ToProblem();
        }

        var candidate = await CandidateAccounts.ForUserAsync(actor.UserId!.Value, identity, resolver, db, ct);
        if (candidate is null)
        {
            return Error.Conflict("candidate_conflict", "Your e-mail belongs to another candidate record; ask the organisation to link it to your account.").ToProblem();
        }

        var mine = await db.Set<Invitation>().Where(i => i.CandidateId == candidate.Id && i.Source == InvitationSources.SjtAttempt && i.AssessmentId == version.AssessmentId)
            .OrderByDescending(i => i.CreatedAt).ToListAsync(ct);
        var running = mine.FirstOrDefault(i => i.Status == InvitationStatus.InProgress);
        var remaining = Math.Max(0, tenant.MaxTestAttempts - mine.Count);
        if (running is null && remaining == 0)
        {
            return (Error.Conflict("max_attempts_reached", $"All {tenant.MaxTestAttempts} attempts at the {testType} have been used.") with
            {
                Extensions = new Dictionary<string, object?> { ["can_start"] = false, ["remaining_attempts"] = 0 },
            }).ToProblem();
        }

        if (running is null)
        {
            var created = factory.Create(candidate, version, new InvitationOptions(Source: InvitationSources.SjtAttempt, MaxAttempts: 1,
                Metadata: input.RoleCategory is null ? null : new Dictionary<string, string> { ["role_category"] = input.RoleCategory.Trim() }));
            created.Invitation.QuestionOrder = questions.Select(q => q.QuestionId).ToList();
            await db.SaveChangesAsync(ct);
            var (started, error) = await attempts.StartAsync(new Attempt(created.Invitation, candidate, version, version.ItemsFor(created.Invitation.QuestionOrder)), ct);
            if (error is not null)
            {
                return error.ToProblem();
            }

            running = started!.Invitation;
            remaining--;
        }

        var items = version.ItemsFor(running.QuestionOrder);
        var number = mine.Count(i => i.Id != running.Id) + 1;
        var attempt = new AttemptInfo(running.Id, running.Id, testType!, number, running.Status, running.StartedAt, items.Count, running.Metadata.GetValueOrDefault("role_category"), running.DeadlineAt);
        return TypedResults.Ok(new StartResponse(attempt, items.Select(i => Describe(i, testType!)).ToList(), CanStart: true, remaining));
    }

    private static List<Catalog.Scoring.ItemSnapshot> Questions(PublishedVersion version, string testType, string? role, out string? problem)
    {
        problem = null;
        var ordered = version.Items.OrderBy(i => i.Position).ToList();
        if (testType == "SJT")
        {
            return ordered.Take(version.Settings.NumberOfQuestions ?? ordered.Count).ToList();
        }

        var roles = ordered.Select(i => i.Section).Where(s => s is not null).Distinct().ToList();
        var chosen = role is null && roles.Count == 1 ? roles[0] : roles.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (chosen is null)
        {
            problem = $"choose one of the roles: {string.Join(", ", roles)}.";
            return [];
        }

        return ordered.Where(i => i.Section == chosen).ToList();
    }

    private static Dictionary<string, object?> Describe(Catalog.Scoring.ItemSnapshot item, string testType) => testType == "SJT"
        ? new() { ["question_id"] = item.QuestionId, ["situation"] = item.Content.Situation, ["question"] = item.Content.Stem, ["assessedCompetency"] = item.Content.Competency }
        : new() { ["question_id"] = item.QuestionId, ["question"] = item.Content.Stem, ["preferredAnswer"] = item.Content.PreferredAnswer, ["competency"] = item.Content.Competency };
}
