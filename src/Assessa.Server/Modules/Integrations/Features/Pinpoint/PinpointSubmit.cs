using Assessa.Server.Modules.Delivery;
using Assessa.Server.Modules.Integrations.Domain;
using Assessa.Server.Modules.Integrations.Features.Ats;
using Assessa.Server.Modules.Integrations.Features.Webhooks;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessa.Server.Modules.Integrations.Features.Pinpoint;

/// <summary>
/// <c>POST /integrations/pinpoint/create-assessment/submit</c>: invites the candidate to the selected assessment,
/// idempotent on <c>generatedUuid</c> (the same uuid returns the same invitation), with Pinpoint's
/// <c>webhookUrl</c> for result callbacks and <c>generatedUuidRedirectUrl</c> for the candidate's way back.
/// </summary>
public static class PinpointSubmit
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost(PinpointPlugin.SubmitEndpoint, HandleAsync).WithTags("Pinpoint").WithName("Integrations.PinpointSubmit")
            .WithSummary("Pinpoint createAssessment: invite the candidate").AllowAnonymous().DisableAntiforgery();

    public static async Task<Results<JsonHttpResult<object>, ProblemHttpResult>> HandleAsync(
        HttpRequest request, AtsCallers callers, AtsInvitations invitations, WebhookSettings webhooks, CancellationToken ct)
    {
        var (call, problem) = await PinpointCall.ReadAsync(request, PinpointPlugin.ActionKey, ct);
        if (problem is not null)
        {
            return problem;
        }

        var caller = await callers.ResolveAsync(call!.Configuration(PinpointCall.ApiKeyField), ct);
        if (caller is null)
        {
            return PinpointCall.Failure(PinpointPlugin.ActionKey, new Error(StatusCodes.Status401Unauthorized, "invalid_api_key", "Unauthorized",
                "Invalid API Key: enter a valid Assessa API key in this integration's settings."));
        }

        AtsInvitationRequest? input = null;
        var error = await RefusalAsync(caller, callers, ct) ?? Validate(call, webhooks, out input);
        if (error is not null)
        {
            await callers.RecordAsync(caller, IntegrationNames.Pinpoint, "submit", error.Status, error.Detail, ct: ct);
            return PinpointCall.Failure(PinpointPlugin.ActionKey, error);
        }

        var (invitation, refused) = await invitations.CreateAsync(input!, ct);
        if (refused is not null)
        {
            await callers.RecordAsync(caller, IntegrationNames.Pinpoint, "submit", refused.Status, refused.Detail, ct: ct);
            return PinpointCall.Failure(PinpointPlugin.ActionKey, refused);
        }

        await callers.RecordAsync(caller, IntegrationNames.Pinpoint, "submit", StatusCodes.Status200OK, invitationId: invitation!.Id, ct: ct);
        return TypedResults.Json<object>(new
        {
            resultVersion = "1.0.0",
            key = PinpointPlugin.ActionKey,
            success = true,
            assessmentName = invitation.AssessmentTitle,
            message = invitation.Existing
                ? $"{invitation.CandidateEmail} was already invited to {invitation.AssessmentTitle}."
                : $"{invitation.CandidateEmail} is invited to {invitation.AssessmentTitle}.",
            status = AtsInvitations.PinpointStatus(invitation.Status),
            externalIdentifier = invitation.Id.ToString(),
            externalRecordUrl = invitation.ReportUrl,
            externalLinks = invitation.CandidateLink is null
                ? Array.Empty<object>()
                : [new { key = "candidate_link", label = "Candidate link", url = invitation.CandidateLink }],
        }, PinpointCall.Json);
    }

    /// <summary>Why this caller may not invite: a missing scope or the integration switched off.</summary>
    public static async Task<Error?> RefusalAsync(AtsCaller caller, AtsCallers callers, CancellationToken ct) =>
        !caller.Allows(ApiScopes.AssessmentsWrite)
            ? Error.Forbidden("This Assessa API key may not send assessments: give it the assessments:write scope.")
            : !await callers.IsEnabledAsync(IntegrationNames.Pinpoint, ct)
                ? Error.Forbidden("Pinpoint is switched off for this organisation in Assessa (Settings → Integrations).")
                : null;

    private static Error? Validate(PinpointCall call, WebhookSettings webhooks, out AtsInvitationRequest? input)
    {
        input = null;
        var test = call.Form("selectedTest");
        var first = call.Form("firstName")?.Trim();
        var last = call.Form("lastName")?.Trim();
        var email = call.Form("email")?.Trim();
        var uuid = call.Text("generatedUuid")?.Trim();
        var webhookUrl = call.Text("webhookUrl")?.Trim();
        var redirectUrl = call.Text("generatedUuidRedirectUrl")?.Trim();
        var refusal = string.IsNullOrEmpty(webhookUrl) ? null : Destinations.Refusal(webhookUrl, webhooks.AllowPrivateNetworks);
        var v = new Validation()
            .Required("selectedTest", test)
            .Check(test is null || Guid.TryParse(test, out _), "selectedTest", "must be one of the assessments the form lists.")
            .Required("email", email)
            .MaxLength("firstName", first, 100)
            .MaxLength("lastName", last, 100)
            .Required("generatedUuid", uuid)
            .MaxLength("generatedUuid", uuid, 200)
            .Check(refusal is null, "webhookUrl", refusal ?? "")
            .Check(string.IsNullOrEmpty(redirectUrl) || Urls.IsHttp(redirectUrl), "generatedUuidRedirectUrl", "must be an absolute http(s) URL of at most 2,000 characters.");
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var name = string.Join(' ', new[] { first, last }.Where(p => !string.IsNullOrEmpty(p)));
        input = new AtsInvitationRequest(
            AtsInvitations.Pinpoint, uuid!, Guid.Parse(test!), name.Length == 0 ? null : name, email!, null,
            string.IsNullOrEmpty(webhookUrl) ? null : webhookUrl, string.IsNullOrEmpty(redirectUrl) ? null : redirectUrl, null);
        return null;
    }
}
