using System.Globalization;
using Assessa.Server.Modules.Delivery;
using Assessa.Server.Modules.Integrations.Domain;
using Assessa.Server.Modules.Integrations.Features.Ats;
using Assessa.Server.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Assessa.Server.Modules.Integrations.Features.Greenhouse;

/// <summary>
/// <c>GET /integrations/greenhouse/test_status?partner_interview_id=</c>: <c>partner_status</c> (<c>complete</c> once
/// there is a result), the report link (when complete), the score and primitive-valued metadata — every property
/// present, null when unknown.
/// </summary>
public static class GreenhouseTestStatus
{
    public sealed record TestStatus(string PartnerStatus, string? PartnerProfileUrl, decimal? PartnerScore, Dictionary<string, object?> Metadata);

    public static async Task<Results<Ok<TestStatus>, ProblemHttpResult>> HandleAsync(
        [FromQuery(Name = "partner_interview_id")] string? partnerInterviewId, AtsCallers callers, AtsInvitations invitations, CancellationToken ct)
    {
        var (caller, refusal) = await GreenhouseEndpoints.CallerAsync(callers, "test_status", ct);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }

        var error = string.IsNullOrWhiteSpace(partnerInterviewId)
            ? new Validation().Required("partner_interview_id", null).ToError()
            : !Guid.TryParse(partnerInterviewId, out _)
                ? Error.NotFound("Interview", partnerInterviewId.Length <= 100 ? partnerInterviewId : partnerInterviewId[..100])
                : null;
        var invitation = error is null ? await invitations.FindAsync(Guid.Parse(partnerInterviewId!), ct) : null;
        if (error is null && invitation?.Source != AtsInvitations.Greenhouse)
        {
            error = Error.NotFound("Interview", partnerInterviewId!);
        }

        if (error is not null)
        {
            await callers.RecordAsync(caller, IntegrationNames.Greenhouse, "test_status", error.Status, error.Detail, ct: ct);
            return error.ToProblem();
        }

        var status = AtsInvitations.GreenhouseStatus(invitation!.Status);
        var metadata = new Dictionary<string, object?>
        {
            ["Recommendation"] = invitation.Recommendation,
            ["Started At"] = Time(invitation.StartedAt),
            ["Completed At"] = Time(invitation.CompletedAt),
        };
        foreach (var competency in invitation.Competencies)
        {
            metadata.TryAdd(competency.Name, competency.Percent.ToString("0.##", CultureInfo.InvariantCulture) + "%");
        }

        await callers.RecordAsync(caller, IntegrationNames.Greenhouse, "test_status", StatusCodes.Status200OK, invitationId: invitation.Id, ct: ct);
        return TypedResults.Ok(new TestStatus(status, status == "complete" ? invitation.ReportUrl : null, invitation.Score, metadata));
    }

    private static string? Time(DateTime? at) => at?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
