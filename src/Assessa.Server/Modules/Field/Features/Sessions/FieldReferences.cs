using Assessa.Server.Modules.Delivery;
using Assessa.Server.Modules.Field.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Field.Features.Sessions;

/// <summary>
/// Finds — or creates, on the caller's context — the site, enumerator and candidate a field session names, and
/// narrows queries for enumerators to their own sessions. A soft-deleted site or enumerator named again is restored.
/// </summary>
public sealed class FieldReferences(AppDbContext db, ExternalCandidates candidates, ICurrentActor actor)
{
    public async Task<Site> SiteAsync(string name, CancellationToken ct)
    {
        var normalized = FieldNames.Normalize(name);
        var site = db.Set<Site>().Local.FirstOrDefault(s => s.NormalizedName == normalized)
            ?? await db.Set<Site>().IgnoreQueryFilters([QueryFilters.SoftDelete]).SingleOrDefaultAsync(s => s.NormalizedName == normalized, ct);
        if (site is null)
        {
            var clean = FieldNames.Clean(name);
            var (state, city) = FieldNames.SplitSite(clean);
            site = new Site { Name = clean, NormalizedName = normalized, State = state, City = city };
            db.Add(site);
        }

        site.DeletedAt = null;
        return site;
    }

    public async Task<Enumerator> EnumeratorAsync(string name, CancellationToken ct)
    {
        var normalized = FieldNames.Normalize(name);
        var enumerator = db.Set<Enumerator>().Local.FirstOrDefault(e => e.NormalizedName == normalized)
            ?? await db.Set<Enumerator>().IgnoreQueryFilters([QueryFilters.SoftDelete]).SingleOrDefaultAsync(e => e.NormalizedName == normalized, ct);
        if (enumerator is null)
        {
            enumerator = new Enumerator { Name = FieldNames.Clean(name), NormalizedName = normalized };
            db.Add(enumerator);
        }

        enumerator.DeletedAt = null;
        return enumerator;
    }

    public Task<Guid> CandidateAsync(long clientId, CancellationToken ct) =>
        candidates.ResolveAsync(FieldNames.ClientSource, clientId.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);

    /// <summary>The sessions the caller may see: all of the tenant's, or an enumerator's own.</summary>
    public IQueryable<FieldSession> VisibleSessions()
    {
        var sessions = db.Set<FieldSession>().AsQueryable();
        if (actor.Role != Roles.Enumerator)
        {
            return sessions;
        }

        var userId = actor.UserId;
        var own = db.Set<Enumerator>().Where(e => e.UserId == userId).Select(e => e.Id);
        return sessions.Where(s => own.Contains(s.EnumeratorId));
    }

    /// <summary>The next free session number of the tenant, soft-deleted rows included (numbers are never reused).</summary>
    public async Task<long> NextNumberAsync(CancellationToken ct) =>
        (await db.Set<FieldSession>().IgnoreQueryFilters([QueryFilters.SoftDelete]).MaxAsync(s => (long?)s.Number, ct) ?? 0) + 1;
}
