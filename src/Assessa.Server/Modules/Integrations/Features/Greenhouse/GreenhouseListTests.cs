using Assessa.Server.Modules.Catalog;
using Assessa.Server.Modules.Integrations.Domain;
using Assessa.Server.Modules.Integrations.Features.Ats;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessa.Server.Modules.Integrations.Features.Greenhouse;

/// <summary><c>GET /integrations/greenhouse/list_tests</c>: the tenant's published assessments.</summary>
public static class GreenhouseListTests
{
    public sealed record PartnerTest(string PartnerTestId, string PartnerTestName);

    public static async Task<Results<Ok<List<PartnerTest>>, ProblemHttpResult>> HandleAsync(AtsCallers callers, PublishedAssessments catalog, CancellationToken ct)
    {
        var (caller, refusal) = await GreenhouseEndpoints.CallerAsync(callers, "list_tests", ct);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }

        var tests = (await catalog.ListAsync(ct)).OrderBy(a => a.Title, StringComparer.OrdinalIgnoreCase)
            .Select(a => new PartnerTest(a.Id.ToString(), a.Title)).ToList();
        await callers.RecordAsync(caller, IntegrationNames.Greenhouse, "list_tests", StatusCodes.Status200OK, ct: ct);
        return TypedResults.Ok(tests);
    }
}
