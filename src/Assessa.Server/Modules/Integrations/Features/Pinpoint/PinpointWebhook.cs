using System.Globalization;
using System.Text.Json;
using Assessa.Server.Modules.Delivery;
using Assessa.Server.Modules.Integrations.Domain;
using Assessa.Server.Modules.Integrations.Features.Ats;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessa.Server.Modules.Integrations.Features.Pinpoint;

/// <summary>
/// <c>POST /integrations/pinpoint/webhook</c>: Pinpoint hands back the result webhook we sent to its
/// <c>webhookUrl</c> (<c>{"body":"&lt;the raw JSON string&gt;"}</c>) and we answer <c>updateAssessments</c>. The body
/// only names the invitation: status, score, competencies and the report link are read from the database in the
/// caller's tenant, so a forged or stale body cannot report anything the tenant's data does not say.
/// </summary>
public static class PinpointWebhook
{
    private const int MaxInnerBodyLength = 64 * 1024;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost(PinpointPlugin.WebhookEndpoint, HandleAsync).WithTags("Pinpoint").WithName("Integrations.PinpointWebhook")
            .WithSummary("Pinpoint webhook processing: updateAssessments from our result webhook").AllowAnonymous().DisableAntiforgery();

    public static async Task<Results<JsonHttpResult<object>, ProblemHttpResult>> HandleAsync(
        HttpRequest request, AtsCallers callers, AtsInvitations invitations, CancellationToken ct)
    {
        var (call, problem) = await PinpointCall.ReadAsync(request, null, ct);
        if (problem is not null)
        {
            return problem;
        }

        var caller = await callers.ResolveAsync(call!.Configuration(PinpointCall.ApiKeyField), ct);
        if (caller is null)
        {
            return PinpointCall.Failure(null, new Error(StatusCodes.Status401Unauthorized, "invalid_api_key", "Unauthorized",
                "Invalid API Key: enter a valid Assessa API key in this integration's settings."));
        }

        var error = !caller.Allows(ApiScopes.ResultsRead)
            ? Error.Forbidden("This Assessa API key may not read results: give it the results:read scope.")
            : !await callers.IsEnabledAsync(IntegrationNames.Pinpoint, ct)
                ? Error.Forbidden("Pinpoint is switched off for this organisation in Assessa (Settings → Integrations).")
                : null;
        var id = error is null ? InvitationId(call, out error) : null;
        var invitation = id is { } invitationId ? await invitations.FindAsync(invitationId, ct) : null;
        if (error is null && invitation is null)
        {
            error = Error.NotFound("Assessment", id!.Value);
        }

        if (error is not null)
        {
            await callers.RecordAsync(caller, IntegrationNames.Pinpoint, "webhook", error.Status, error.Detail, ct: ct);
            return PinpointCall.Failure(null, error);
        }

        await callers.RecordAsync(caller, IntegrationNames.Pinpoint, "webhook", StatusCodes.Status200OK, invitationId: invitation!.Id, ct: ct);
        return TypedResults.Json<object>(new
        {
            resultVersion = "1.0.0",
            success = true,
            updateAssessments = new[] { Update(invitation) },
        }, PinpointCall.Json);
    }

    /// <summary>One <c>updateAssessments</c> entry: Pinpoint's status, the score, "85%", per-competency result data and the report link.</summary>
    public static object Update(AtsInvitation invitation)
    {
        var status = AtsInvitations.PinpointStatus(invitation.Status);
        var ended = status == "completed";
        return new
        {
            externalIdentifier = invitation.Id.ToString(),
            status,
            score = invitation.Score,
            shouldNotify = ended,
            result = invitation.Score is { } score ? Percent(score) : ended ? Capitalise(invitation.Status) : null,
            resultUrl = invitation.ReportUrl,
            resultData = invitation.Competencies.Select(c => new { key = Key(c.Name), label = c.Name, value = Percent(c.Percent) }).ToArray(),
            externalLinks = new[] { new { key = "report", label = "Report", url = invitation.ReportUrl } },
        };
    }

    /// <summary>The invitation id in the forwarded body (<c>id</c>, or <c>externalIdentifier</c>), or why there is none.</summary>
    private static Guid? InvitationId(PinpointCall call, out Error? error)
    {
        error = null;
        var raw = call.Text("body");
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > MaxInnerBodyLength)
        {
            error = Error.BadRequest("invalid_webhook_body", "body must be the JSON string of the webhook Assessa sent (at most 64 KiB).");
            return null;
        }

        try
        {
            using var inner = JsonDocument.Parse(raw, new JsonDocumentOptions { MaxDepth = 16 });
            var root = inner.RootElement;
            var text = root.ValueKind != JsonValueKind.Object ? null
                : root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()
                : root.TryGetProperty("externalIdentifier", out var external) && external.ValueKind == JsonValueKind.String ? external.GetString()
                : null;
            if (Guid.TryParse(text, out var invitationId))
            {
                return invitationId;
            }

            error = Error.BadRequest("invalid_webhook_body", "body has no Assessa assessment id (\"id\").");
            return null;
        }
        catch (JsonException)
        {
            error = Error.BadRequest("invalid_webhook_body", "body is not the JSON Assessa sent: it could not be parsed.");
            return null;
        }
    }

    private static string Percent(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string Capitalise(string status) => char.ToUpperInvariant(status[0]) + status[1..].Replace('_', ' ');

    /// <summary>A competency name as a key: lower case, letters and digits, words joined by '_'.</summary>
    private static string Key(string name)
    {
        var words = new string(name.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0 ? "competency" : string.Join('_', words);
    }
}
