using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Idempotency;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Delivery.Features.Invitations;

/// <summary>
/// <c>POST /api/v1/invitations</c>: invites one candidate (found or created from the details) to a published
/// assessment → 201 with the link. With an <c>external_id</c> already used → 200 with that invitation.
/// </summary>
public static class CreateInvitation
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("", HandleAsync).WithName("Delivery.CreateInvitation").WithSummary("Invite a candidate to an assessment")
            .RequireAuthorization(DeliveryPolicies.ManageInvitations).WithIdempotency();

    public static async Task<Results<Created<InvitationResponse>, Ok<InvitationResponse>, ProblemHttpResult>> HandleAsync(
        InvitationInput input, AppDbContext db, InvitationCreator creator, InvitationResponses responses, ICurrentActor actor, TimeProvider time, CancellationToken ct)
    {
        var validation = new Validation();
        input.Validate(validation, time.UtcNow());
        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        var source = actor.ApiKeyId is null ? Domain.InvitationSources.Manual : Domain.InvitationSources.Api;
        for (var attempt = 1; ; attempt++)
        {
            var (outcome, error) = await creator.CreateAsync(input, source, batchId: null, ct);
            if (error is not null)
            {
                return error.ToProblem();
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation() && attempt < 3)
            {
                // A concurrent request created the same candidate or external id: the next round finds it.
                db.ChangeTracker.Clear();
                continue;
            }

            var response = await responses.BuildAsync(outcome!.Invitation, ct);
            return outcome.Existing ? TypedResults.Ok(response) : TypedResults.Created($"/api/v1/invitations/{response.Id}", response);
        }
    }
}
