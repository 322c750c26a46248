using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Assessa.Server.Platform.Idempotency;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Delivery.Features.Candidates;

/// <summary>
/// <c>/api/v1/candidates</c>: list and search (staff), create-or-merge (201 when new, 200 with the merged record when
/// the e-mail, phone or an external id already belongs to a candidate), read, update, and DELETE = erasure.
/// </summary>
public static class ManageCandidates
{
    public sealed record Query(
        [FromQuery(Name = "q")] string? Q,
        [FromQuery(Name = "email")] string? Email,
        [FromQuery(Name = "phone")] string? Phone,
        [FromQuery(Name = "source")] string? Source,
        [FromQuery(Name = "external_id")] string? ExternalId,
        [FromQuery(Name = "page")] int? Page,
        [FromQuery(Name = "per_page")] int? PerPage);

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/candidates").WithTags("Candidates");
        group.MapGet("", ListAsync).WithName("Delivery.ListCandidates").WithSummary("List and search candidates").RequireAuthorization(DeliveryPolicies.ReadResults);
        group.MapPost("", CreateAsync).WithName("Delivery.CreateCandidate").WithSummary("Create a candidate, or merge into the one with the same e-mail, phone or external id")
            .RequireAuthorization(DeliveryPolicies.ManageInvitations).WithIdempotency();
        group.MapGet("/{id:guid}", GetAsync).WithName("Delivery.GetCandidate").WithSummary("Get a candidate").RequireAuthorization(DeliveryPolicies.ReadResults);
        group.MapPut("/{id:guid}", UpdateAsync).WithName("Delivery.UpdateCandidate").WithSummary("Update a candidate").RequireAuthorization(DeliveryPolicies.ManageInvitations);
        group.MapDelete("/{id:guid}", EraseAsync).WithName("Delivery.EraseCandidate")
            .WithSummary("Erase a candidate's personal data (scores are kept)").RequireAuthorization(DeliveryPolicies.ManageInvitations);
    }

    public static async Task<Results<Ok<List<CandidateResponse>>, ProblemHttpResult>> ListAsync([AsParameters] Query query, HttpContext http, AppDbContext db, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(query.Page, query.PerPage, out var page, out var error))
        {
            return error!.ToProblem();
        }

        var q = query.Q?.Trim().ToLowerInvariant();
        var email = query.Email is null ? null : Contacts.NormalizeEmail(query.Email) ?? query.Email.Trim().ToLowerInvariant();
        var phone = query.Phone is null ? null : Contacts.NormalizePhone(query.Phone) ?? query.Phone.Trim();
        var candidates = await db.Set<Candidate>()
            .WhereIf(!string.IsNullOrEmpty(q), c => c.Name!.ToLower().Contains(q!) || c.Email!.Contains(q!))
            .WhereIf(email is not null, c => c.Email == email)
            .WhereIf(phone is not null, c => c.Phone == phone)
            .WhereIf(query.ExternalId is not null, c => db.Set<CandidateExternalId>().Any(e => e.CandidateId == c.Id && e.ExternalId == query.ExternalId && (query.Source == null || e.Source == query.Source)))
            .WhereIf(query.ExternalId is null && query.Source is not null, c => db.Set<CandidateExternalId>().Any(e => e.CandidateId == c.Id && e.Source == query.Source))
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .ToPageAsync(page, http, ct);
        var ids = candidates.Select(c => c.Id).ToList();
        var externalIds = await db.Set<CandidateExternalId>().Where(e => ids.Contains(e.CandidateId)).ToListAsync(ct);
        return TypedResults.Ok(candidates.Select(c => CandidateResponse.From(c, externalIds)).ToList());
    }

    public static async Task<Results<Created<CandidateResponse>, Ok<CandidateResponse>, ProblemHttpResult>> CreateAsync(CandidateInput input, AppDbContext db, CandidateResolver resolver, CancellationToken ct)
    {
        var validation = new Validation();
        input.Validate(validation);
        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        for (var attempt = 1; ; attempt++)
        {
            var (resolution, conflict) = await resolver.ResolveAsync(input.ToDetails(), ct);
            if (conflict is not null)
            {
                return conflict.ToProblem();
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation() && attempt < 3)
            {
                // Someone created the same candidate at the same moment: resolve again and merge into theirs.
                db.ChangeTracker.Clear();
                continue;
            }

            var response = await ResponseAsync(db, resolution!.Candidate, ct);
            return resolution.Created ? TypedResults.Created($"/api/v1/candidates/{response.Id}", response) : TypedResults.Ok(response);
        }
    }

    public static async Task<Results<Ok<CandidateResponse>, ProblemHttpResult>> GetAsync(Guid id, AppDbContext db, CancellationToken ct) =>
        await db.Set<Candidate>().SingleOrDefaultAsync(c => c.Id == id, ct) is { } candidate
            ? TypedResults.Ok(await ResponseAsync(db, candidate, ct))
            : DeliveryErrors.CandidateNotFound(id).ToProblem();

    public static async Task<Results<Ok<CandidateResponse>, ProblemHttpResult>> UpdateAsync(Guid id, CandidateInput input, AppDbContext db, CandidateResolver resolver, CancellationToken ct)
    {
        var candidate = await db.Set<Candidate>().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (candidate is null)
        {
            return DeliveryErrors.CandidateNotFound(id).ToProblem();
        }

        if (candidate.ErasedAt is not null)
        {
            return DeliveryErrors.CandidateErased.ToProblem();
        }

        var validation = new Validation();
        input.Validate(validation, requireIdentity: false);
        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        var details = input.ToDetails();
        var taken = await db.Set<Candidate>().Where(c => c.Id != id)
            .Where(c => (details.Email != null && c.Email == details.Email) || (details.Phone != null && c.Phone == details.Phone))
            .Select(c => c.Id).FirstOrDefaultAsync(ct);
        foreach (var (source, externalId) in details.ExternalIds)
        {
            taken = taken != Guid.Empty ? taken : await db.Set<CandidateExternalId>()
                .Where(e => e.CandidateId != id && e.Source == source && e.ExternalId == externalId).Select(e => e.CandidateId).FirstOrDefaultAsync(ct);
        }

        if (taken != Guid.Empty)
        {
            return DeliveryErrors.CandidateConflict(id, taken).ToProblem();
        }

        await resolver.MergeAsync(candidate, details, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return Error.Conflict("candidate_conflict", "Another candidate took this e-mail, phone or external id at the same time.").ToProblem();
        }

        return TypedResults.Ok(await ResponseAsync(db, candidate, ct));
    }

    public static async Task<Results<Ok<CandidateResponse>, ProblemHttpResult>> EraseAsync(Guid id, AppDbContext db, CandidateEraser eraser, CancellationToken ct)
    {
        var candidate = await db.Set<Candidate>().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (candidate is null)
        {
            return DeliveryErrors.CandidateNotFound(id).ToProblem();
        }

        await eraser.EraseAsync(candidate, ct);
        return TypedResults.Ok(await ResponseAsync(db, candidate, ct));
    }

    private static async Task<CandidateResponse> ResponseAsync(AppDbContext db, Candidate candidate, CancellationToken ct) =>
        CandidateResponse.From(candidate, await db.Set<CandidateExternalId>().Where(e => e.CandidateId == candidate.Id).ToListAsync(ct));
}
