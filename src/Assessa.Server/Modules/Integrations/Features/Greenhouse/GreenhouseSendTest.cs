using System.Security.Cryptography;
using System.Text;
using Assessa.Server.Modules.Delivery;
using Assessa.Server.Modules.Integrations.Domain;
using Assessa.Server.Modules.Integrations.Features.Ats;
using Assessa.Server.Modules.Integrations.Features.Webhooks;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Assessa.Server.Modules.Integrations.Features.Greenhouse;

/// <summary>
/// <c>POST /integrations/greenhouse/send_test</c>: invites the candidate (fields nested under <c>candidate</c> or flat)
/// to the test → <c>{"partner_interview_id"}</c>. The same candidate e-mail + test + callback url again returns the
/// same id. The callback url and the caller's Basic header are kept (the header encrypted) for the PATCH on completion.
/// </summary>
public static class GreenhouseSendTest
{
    public sealed record CandidateFields(string? FirstName, string? LastName, string? Email, string? ResumeUrl, string? PhoneNumber, string? GreenhouseProfileUrl);

    public sealed record SendTestRequest(
        string? PartnerTestId,
        CandidateFields? Candidate,
        string? Url,
        string? FirstName,
        string? LastName,
        string? Email,
        string? ResumeUrl,
        string? PhoneNumber,
        string? GreenhouseProfileUrl);

    public sealed record SendTestResponse(string PartnerInterviewId);

    public static async Task<Results<Ok<SendTestResponse>, ProblemHttpResult>> HandleAsync(
        SendTestRequest request, HttpRequest http, AtsCallers callers, AtsInvitations invitations, AtsCredentials credentials,
        WebhookSettings webhooks, AppDbContext db, CancellationToken ct)
    {
        var (caller, refusal) = await GreenhouseEndpoints.CallerAsync(callers, "send_test", ct);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }

        var candidate = request.Candidate ?? new CandidateFields(request.FirstName, request.LastName, request.Email, request.ResumeUrl, request.PhoneNumber, request.GreenhouseProfileUrl);
        var email = candidate.Email?.Trim();
        var url = request.Url?.Trim();
        var urlRefusal = string.IsNullOrEmpty(url) ? null : Destinations.Refusal(url, webhooks.AllowPrivateNetworks);
        var v = new Validation()
            .Required("partner_test_id", request.PartnerTestId)
            .Check(request.PartnerTestId is null || Guid.TryParse(request.PartnerTestId, out _), "partner_test_id", "must be a partner_test_id from list_tests.")
            .Required("candidate.email", email)
            .MaxLength("candidate.first_name", candidate.FirstName, 100)
            .MaxLength("candidate.last_name", candidate.LastName, 100)
            .MaxLength("candidate.resume_url", candidate.ResumeUrl, 2000)
            .MaxLength("candidate.greenhouse_profile_url", candidate.GreenhouseProfileUrl, 2000)
            .Required("url", url)
            .Check(urlRefusal is null, "url", urlRefusal ?? "");
        if (!v.IsValid)
        {
            return await FailAsync(callers, caller, v.ToError(), ct);
        }

        var testId = Guid.Parse(request.PartnerTestId!);
        var name = string.Join(' ', new[] { candidate.FirstName?.Trim(), candidate.LastName?.Trim() }.Where(p => !string.IsNullOrEmpty(p)));
        var metadata = new Dictionary<string, string>();
        Add(metadata, "greenhouse_profile_url", candidate.GreenhouseProfileUrl);
        Add(metadata, "resume_url", candidate.ResumeUrl);
        var authorization = credentials.Protect(http.Headers[HeaderNames.Authorization].ToString());
        var (invitation, error) = await invitations.CreateAsync(
            new AtsInvitationRequest(AtsInvitations.Greenhouse, ExternalId(testId, email!, url!), testId, name.Length == 0 ? null : name, email!,
                candidate.PhoneNumber, null, null, metadata),
            ct,
            async (invitationId, existing) =>
            {
                var link = existing ? await db.Set<IntegrationLink>().SingleOrDefaultAsync(l => l.InvitationId == invitationId && l.Integration == IntegrationNames.Greenhouse, ct) : null;
                if (link is null)
                {
                    db.Add(new IntegrationLink { TenantId = caller.TenantId, Integration = IntegrationNames.Greenhouse, InvitationId = invitationId, CallbackUrl = url!, AuthorizationProtected = authorization });
                }
                else
                {
                    link.AuthorizationProtected = authorization; // the key may have been rotated since the first call
                }
            });
        if (error is not null)
        {
            return await FailAsync(callers, caller, error, ct);
        }

        await callers.RecordAsync(caller, IntegrationNames.Greenhouse, "send_test", StatusCodes.Status200OK, invitationId: invitation!.Id, ct: ct);
        return TypedResults.Ok(new SendTestResponse(invitation.Id.ToString()));
    }

    /// <summary>The idempotency key: the same test, candidate e-mail (case-insensitive) and callback url give the same id.</summary>
    public static string ExternalId(Guid testId, string email, string url) =>
        "gh_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{testId:N}\n{email.Trim().ToLowerInvariant()}\n{url.Trim()}")))[..40];

    private static void Add(Dictionary<string, string> metadata, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            metadata[key] = value.Trim();
        }
    }

    private static async Task<ProblemHttpResult> FailAsync(AtsCallers callers, AtsCaller caller, Error error, CancellationToken ct)
    {
        await callers.RecordAsync(caller, IntegrationNames.Greenhouse, "send_test", error.Status, error.Detail, ct: ct);
        return error.ToProblem();
    }
}
