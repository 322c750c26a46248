using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Delivery.Features.Candidates;

/// <summary>
/// Finds the candidate that given details describe — by e-mail, by phone, or by an external id of a source —
/// and merges the details into it (non-empty incoming values win: an ATS resending a candidate updates them);
/// creates one when nothing matches. Details matching two different candidates are a conflict, never a guess.
/// Changes are tracked on the caller's context and saved with the caller's <c>SaveChanges</c>.
/// </summary>
public sealed class CandidateResolver(AppDbContext db)
{
    // What this unit of work added but has not saved yet, so one bulk request naming a person twice makes one
    // candidate. Entries the caller's context no longer tracks (it was cleared) are ignored.
    private readonly Dictionary<string, Candidate> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CandidateExternalId> _pendingExternalIds = new(StringComparer.Ordinal);

    public sealed record Resolution(Candidate Candidate, bool Created);

    public async Task<(Resolution? Resolution, Error? Error)> ResolveAsync(CandidateDetails details, CancellationToken ct)
    {
        var matches = new HashSet<Guid>();
        if (details.Email is not null)
        {
            matches.UnionWith(await db.Set<Candidate>().Where(c => c.Email == details.Email).Select(c => c.Id).ToListAsync(ct));
        }

        if (details.Phone is not null)
        {
            matches.UnionWith(await db.Set<Candidate>().Where(c => c.Phone == details.Phone).Select(c => c.Id).ToListAsync(ct));
        }

        foreach (var (source, externalId) in details.ExternalIds)
        {
            matches.UnionWith(await db.Set<CandidateExternalId>().Where(e => e.Source == source && e.ExternalId == externalId).Select(e => e.CandidateId).ToListAsync(ct));
        }

        // Candidates added earlier in this unit of work (bulk invitations naming one person twice).
        foreach (var key in Keys(details))
        {
            if (_pending.TryGetValue(key, out var added) && db.Entry(added).State != EntityState.Detached)
            {
                matches.Add(added.Id);
            }
        }

        if (matches.Count > 1)
        {
            var two = matches.Order().Take(2).ToList();
            return (null, DeliveryErrors.CandidateConflict(two[0], two[1]));
        }

        if (matches.Count == 0)
        {
            var created = new Candidate();
            db.Add(created);
            await MergeAsync(created, details, ct);
            foreach (var key in Keys(details))
            {
                _pending[key] = created;
            }

            return (new Resolution(created, Created: true), null);
        }

        var candidate = _pending.Values.FirstOrDefault(c => c.Id == matches.First() && db.Entry(c).State != EntityState.Detached)
            ?? await db.Set<Candidate>().SingleAsync(c => c.Id == matches.First(), ct);
        await MergeAsync(candidate, details, ct);
        foreach (var key in Keys(details))
        {
            _pending[key] = candidate;
        }

        return (new Resolution(candidate, Created: false), null);
    }

    /// <summary>Applies non-empty details to <paramref name="candidate"/> and adds external ids it lacks.</summary>
    public async Task MergeAsync(Candidate candidate, CandidateDetails details, CancellationToken ct)
    {
        candidate.Name = details.Name ?? candidate.Name;
        candidate.Email = details.Email ?? candidate.Email;
        candidate.Phone = details.Phone ?? candidate.Phone;
        candidate.Language = details.Language ?? candidate.Language;
        if (details.Metadata is { Count: > 0 })
        {
            var merged = new Dictionary<string, string>(candidate.Metadata);
            foreach (var (key, value) in details.Metadata)
            {
                merged[key] = value;
            }

            candidate.Metadata = merged;
        }

        if (details.ExternalIds.Count == 0)
        {
            return;
        }

        var known = db.Entry(candidate).State == EntityState.Added
            ? []
            : await db.Set<CandidateExternalId>().Where(e => e.CandidateId == candidate.Id).Select(e => new { e.Source, e.ExternalId }).ToListAsync(ct);
        foreach (var (source, externalId) in details.ExternalIds.Where(d => !known.Any(k => k.Source == d.Source && k.ExternalId == d.ExternalId)))
        {
            var key = ExternalKey(source, externalId);
            if (!_pendingExternalIds.TryGetValue(key, out var added) || db.Entry(added).State == EntityState.Detached)
            {
                var externalIdRow = new CandidateExternalId { CandidateId = candidate.Id, Source = source, ExternalId = externalId };
                db.Add(externalIdRow);
                _pendingExternalIds[key] = externalIdRow;
                _pending[key] = candidate;
            }
        }
    }

    private static IEnumerable<string> Keys(CandidateDetails details)
    {
        if (details.Email is not null)
        {
            yield return "e:" + details.Email;
        }

        if (details.Phone is not null)
        {
            yield return "p:" + details.Phone;
        }

        foreach (var (source, externalId) in details.ExternalIds)
        {
            yield return ExternalKey(source, externalId);
        }
    }

    private static string ExternalKey(string source, string externalId) => $"x:{source}\n{externalId}";
}
