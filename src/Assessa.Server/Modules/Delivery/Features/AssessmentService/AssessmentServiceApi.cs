using System.Text.Json.Serialization;
using Assessa.Server.Modules.Catalog;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Modules.Delivery.Features.Candidates;
using Assessa.Server.Modules.Delivery.Features.Invitations;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Assessa.Server.Platform.Json;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Delivery.Features.AssessmentService;

/// <summary>
/// contracts/assessment-service-api.md, machine side: <c>GET /api/packages</c> (published assessments by package
/// number) and <c>POST /api/assessments/</c> (an "assessment record" = an invitation keyed by the caller's id;
/// the same id again returns the same record). Authenticated by a tenant API key in <c>X_EXAMPLE_ASSESSMENTS_KEY</c>
/// or <c>X-Api-Key</c>.
/// </summary>
public static class AssessmentServiceApi
{
    /// <summary>The request, in the client's camelCase.</summary>
    public sealed record CreateRecord(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("email")] string? Email,
        [property: JsonPropertyName("packageId")] string? PackageId,
        [property: JsonPropertyName("webhookUrl")] string? WebhookUrl,
        [property: JsonPropertyName("platformUrl")] string? PlatformUrl);

    public sealed record RecordResponse(
        string Id,
        string? Name,
        string? Email,
        string Status,
        string Description,
        string? WebhookUrl,
        string? PlatformUrl,
        DateTime CreatedAt,
        DateTime UpdatedAt);

    /// <summary>The statuses this API speaks (an invitation's status outside the list is shown as the nearest one).</summary>
    public static readonly IReadOnlyList<string> AllowedStatuses = ["pending", "completed", "abandoned", "failed", "cancelled", "archived", "not_started"];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/packages", PackagesAsync).WithTags("Assessment service").WithName("Delivery.Packages")
            .WithSummary("Published assessments by package id").RequireAuthorization(Policies.ApiScope(ApiScopes.AssessmentsRead));
        // Routing matches "/api/assessments/" (as the client writes it) and "/api/assessments" with this one route.
        app.MapPost("/api/assessments", CreateAsync).WithTags("Assessment service").WithName("Delivery.CreateRecord")
            .WithSummary("Create an assessment record (idempotent on id)").RequireAuthorization(Policies.ApiScope(ApiScopes.AssessmentsWrite));
    }

    public static async Task<Ok<Dictionary<string, string>>> PackagesAsync(PublishedAssessments catalog, CancellationToken ct) =>
        TypedResults.Ok((await catalog.ListAsync(ct)).ToDictionary(a => a.PackageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), a => a.Title));

    public static async Task<Results<Ok<RecordResponse>, ProblemHttpResult>> CreateAsync(
        CreateRecord request, AppDbContext db, PublishedAssessments catalog, InvitationCreator creator, CandidateResolver resolver, InvitationFactory factory, CancellationToken ct)
    {
        var v = new Validation()
            .Required("id", request.Id).MaxLength("id", request.Id, 200)
            .Required("name", request.Name).MaxLength("name", request.Name, 200)
            .Required("email", request.Email)
            .Check(request.Email is null || Contacts.NormalizeEmail(request.Email) is not null, "email", "is not a valid e-mail address.")
            .Required("packageId", request.PackageId)
            .Check(request.PackageId is null || int.TryParse(request.PackageId, out _), "packageId", "must be a package id from GET /api/packages.")
            .Check(request.WebhookUrl is null || Urls.IsHttp(request.WebhookUrl), "webhookUrl", "must be an absolute http(s) URL.")
            .Check(request.PlatformUrl is null || Urls.IsHttp(request.PlatformUrl), "platformUrl", "must be an absolute http(s) URL.");
        if (!v.IsValid)
        {
            return v.ToError().ToProblem();
        }

        var recordId = request.Id!.Trim();
        for (var attempt = 1; ; attempt++)
        {
            if (await creator.FindAsync(InvitationSources.AssessmentService, recordId, ct) is { } existing)
            {
                return TypedResults.Ok(await ResponseAsync(db, catalog, existing, ct));
            }

            var version = await catalog.LatestByPackageNumberAsync(int.Parse(request.PackageId!, System.Globalization.CultureInfo.InvariantCulture), ct);
            if (version is null)
            {
                return Error.Unprocessable("unknown_package", $"Package '{request.PackageId}' is not a published assessment of this organisation; see GET /api/packages.").ToProblem();
            }

            var (resolution, conflict) = await resolver.ResolveAsync(new CandidateDetails(request.Name!.Trim(), Contacts.NormalizeEmail(request.Email), null, null, [], null), ct);
            if (conflict is not null)
            {
                return conflict.ToProblem();
            }

            var created = factory.Create(resolution!.Candidate, version, new InvitationOptions(
                Source: InvitationSources.AssessmentService, ExternalId: recordId, WebhookUrl: request.WebhookUrl, PlatformUrl: request.PlatformUrl));
            try
            {
                await db.SaveChangesAsync(ct);
                return TypedResults.Ok(await ResponseAsync(db, catalog, created.Invitation, ct));
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation() && attempt < 3)
            {
                // The same id (or candidate) arrived twice at once: the next round returns the one that won.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The record's status in this API's vocabulary.</summary>
    public static string StatusName(InvitationStatus status) => status switch
    {
        InvitationStatus.InProgress => "pending",
        InvitationStatus.Expired => "abandoned",
        _ => EnumText.Name(status),
    };

    private static async Task<RecordResponse> ResponseAsync(AppDbContext db, PublishedAssessments catalog, Invitation invitation, CancellationToken ct)
    {
        var candidate = await db.Set<Candidate>().SingleAsync(c => c.Id == invitation.CandidateId, ct);
        var title = (await catalog.VersionAsync(invitation.AssessmentVersionId, ct))?.Title ?? "";
        return new RecordResponse(
            invitation.ExternalId ?? invitation.Id.ToString(), candidate.Name, candidate.Email, StatusName(invitation.Status), title,
            invitation.WebhookUrl, invitation.PlatformUrl, invitation.CreatedAt, invitation.UpdatedAt);
    }
}
