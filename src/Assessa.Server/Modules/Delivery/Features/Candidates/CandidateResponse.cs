using Assessa.Server.Modules.Delivery.Domain;

namespace Assessa.Server.Modules.Delivery.Features.Candidates;

public sealed record ExternalIdResponse(string Source, string ExternalId);

/// <summary>A candidate as the API shows it.</summary>
public sealed record CandidateResponse(
    Guid Id,
    string? Name,
    string? Email,
    string? Phone,
    string? Language,
    List<ExternalIdResponse> ExternalIds,
    Dictionary<string, string> Metadata,
    Guid? UserId,
    bool Erased,
    DateTime? ErasedAt,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static CandidateResponse From(Candidate c, IEnumerable<CandidateExternalId> externalIds) => new(
        c.Id, c.Name, c.Email, c.Phone, c.Language,
        externalIds.Where(e => e.CandidateId == c.Id).OrderBy(e => e.Source).ThenBy(e => e.ExternalId).Select(e => new ExternalIdResponse(e.Source, e.ExternalId)).ToList(),
        c.Metadata, c.UserId, c.ErasedAt is not null, c.ErasedAt, c.CreatedAt, c.UpdatedAt);
}
