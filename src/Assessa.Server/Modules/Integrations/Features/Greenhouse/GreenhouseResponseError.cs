using System.Text.Json;
using Assessa.Server.Modules.Integrations.Domain;
using Assessa.Server.Modules.Integrations.Features.Ats;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessa.Server.Modules.Integrations.Features.Greenhouse;

/// <summary>
/// <c>POST /integrations/greenhouse/response_error</c>: Greenhouse could not use one of our answers. Logged (as a
/// failed call with what Greenhouse said) so tenant admins see it on the integration settings page; answers 200.
/// </summary>
public static partial class GreenhouseResponseError
{
    public sealed record ResponseErrorReport(
        string? ApiCall,
        List<JsonElement>? Errors,
        string? PartnerTestId,
        string? PartnerTestName,
        string? PartnerInterviewId,
        string? CandidateEmail);

    public sealed record Logged(Guid? PartnerInterviewId, int Errors);

    public static async Task<Results<Ok<Logged>, ProblemHttpResult>> HandleAsync(
        ResponseErrorReport report, AtsCallers callers, ILoggerFactory loggers, CancellationToken ct)
    {
        var (caller, refusal) = await GreenhouseEndpoints.CallerAsync(callers, "response_error", ct);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }

        var errors = (report.Errors ?? []).Take(50).Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText()).ToList();
        var interview = Guid.TryParse(report.PartnerInterviewId, out var id) ? id : (Guid?)null;
        var message = $"Greenhouse could not use our answer to {Clip(report.ApiCall, 40) ?? "a call"}"
            + (report.PartnerTestName is null ? "" : $" (test {Clip(report.PartnerTestName, 200)})")
            + ": " + (errors.Count == 0 ? "no details given" : string.Join("; ", errors.Select(e => Clip(e, 300))));
        await callers.RecordAsync(caller, IntegrationNames.Greenhouse, "response_error", StatusCodes.Status200OK, message, interview, ct);
        LogReported(loggers.CreateLogger("Assessa.Integrations.Greenhouse"), caller.TenantId, Clip(report.ApiCall, 40), errors.Count);
        return TypedResults.Ok(new Logged(interview, errors.Count));
    }

    private static string? Clip(string? text, int length) => text is null ? null : text.Length <= length ? text : text[..length] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Greenhouse reported {Errors} error(s) about our answer to {ApiCall} for tenant {TenantId}")]
    private static partial void LogReported(ILogger logger, Guid tenantId, string? apiCall, int errors);
}
