using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Modules.Identity;
using Assessa.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Delivery.Features.Candidates;

/// <summary>Candidates who sign in themselves (sjt-jdt candidate accounts) and their candidate records.</summary>
public static class CandidateAccounts
{
    /// <summary>
    /// The candidate record of a user account: the one linked to it, else the one with its e-mail (which gets
    /// linked), else a new one. Tracked, unsaved when new.
    /// </summary>
    public static async Task<Candidate?> ForUserAsync(Guid userId, IdentityDirectory identity, CandidateResolver resolver, AppDbContext db, CancellationToken ct)
    {
        var linked = await db.Set<Candidate>().SingleOrDefaultAsync(c => c.UserId == userId, ct);
        if (linked is not null)
        {
            return linked;
        }

        var user = await identity.UserAsync(userId, ct);
        if (user is null)
        {
            return null;
        }

        var (resolution, conflict) = await resolver.ResolveAsync(
            new CandidateDetails(user.Name, Contacts.NormalizeEmail(user.Email), null, user.Language, [], null), ct);
        if (conflict is not null || resolution!.Candidate.UserId is not null)
        {
            return null;
        }

        resolution.Candidate.UserId = userId;
        return resolution.Candidate;
    }
}
