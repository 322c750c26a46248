using Assessa.Server.Modules.Delivery.Features.Candidates;

namespace Assessa.Server.Modules.Delivery;

/// <summary>
/// Delivery's public surface for modules that know people by another system's id (field clients): the candidate
/// with that external id in the current tenant, created when there is none. Changes are tracked on the caller's
/// context and saved with the caller's <c>SaveChanges</c>, so the candidate and the caller's row commit together.
/// </summary>
public sealed class ExternalCandidates(CandidateResolver resolver)
{
    public async Task<Guid> ResolveAsync(string source, string externalId, CancellationToken ct)
    {
        var (resolution, error) = await resolver.ResolveAsync(new CandidateDetails(null, null, null, null, [(source, externalId)], null), ct);

        // One external id can match at most one candidate (unique per tenant and source), so there is no conflict to report.
        return resolution?.Candidate.Id ?? throw new InvalidOperationException(error?.Detail ?? "The candidate could not be resolved.");
    }
}
