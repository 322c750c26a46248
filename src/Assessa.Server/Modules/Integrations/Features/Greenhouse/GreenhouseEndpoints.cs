using Assessa.Server.Modules.Integrations.Domain;
using Assessa.Server.Modules.Integrations.Features.Ats;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Security;

namespace Assessa.Server.Modules.Integrations.Features.Greenhouse;

/// <summary>
/// contracts/greenhouse.md under <c>/integrations/greenhouse/</c>: Greenhouse calls with HTTP Basic, the tenant's API
/// key as the username and an empty password; the key selects the tenant. Every call is logged for the integration
/// settings page; a tenant that switched Greenhouse off gets 403.
/// </summary>
public static class GreenhouseEndpoints
{
    public const string Root = "/integrations/greenhouse";

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Root).WithTags("Greenhouse").DisableAntiforgery();
        group.MapGet("/list_tests", GreenhouseListTests.HandleAsync).WithName("Integrations.GreenhouseListTests")
            .WithSummary("Published assessments as Greenhouse tests").RequireAuthorization(Policies.ApiScope(ApiScopes.AssessmentsRead));
        group.MapPost("/send_test", GreenhouseSendTest.HandleAsync).WithName("Integrations.GreenhouseSendTest")
            .WithSummary("Invite a Greenhouse candidate (idempotent on candidate + test + url)").RequireAuthorization(Policies.ApiScope(ApiScopes.AssessmentsWrite));
        group.MapGet("/test_status", GreenhouseTestStatus.HandleAsync).WithName("Integrations.GreenhouseTestStatus")
            .WithSummary("Status, score and report link of a Greenhouse invitation").RequireAuthorization(Policies.ApiScope(ApiScopes.ResultsRead));
        group.MapPost("/response_error", GreenhouseResponseError.HandleAsync).WithName("Integrations.GreenhouseResponseError")
            .WithSummary("Greenhouse reports a response it could not use (logged for tenant admins)").RequireAuthorization(Policies.ApiScope(ApiScopes.AssessmentsRead));
    }

    /// <summary>The caller, or the 403 for a tenant that switched Greenhouse off (logged).</summary>
    public static async Task<(AtsCaller Caller, Error? Refusal)> CallerAsync(AtsCallers callers, string operation, CancellationToken ct)
    {
        var caller = (await callers.ResolveAsync(null, ct))!;
        if (await callers.IsEnabledAsync(IntegrationNames.Greenhouse, ct))
        {
            return (caller, null);
        }

        var refusal = Error.Forbidden("Greenhouse is switched off for this organisation in Assessa (Settings → Integrations).");
        await callers.RecordAsync(caller, IntegrationNames.Greenhouse, operation, refusal.Status, refusal.Detail, ct: ct);
        return (caller, refusal);
    }
}
