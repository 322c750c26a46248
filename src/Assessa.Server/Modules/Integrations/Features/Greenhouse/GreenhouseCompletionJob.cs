using Assessa.Server.Modules.Delivery;
using Assessa.Server.Modules.Integrations.Domain;
using Assessa.Server.Modules.Integrations.Features.Webhooks;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Integrations.Features.Greenhouse;

/// <summary>
/// When an invitation Greenhouse created completes, PATCH the <c>url</c> it gave in <c>send_test</c>, with no body and
/// the Basic header it called us with. It goes through the webhook pipeline (from the outbox after commit, retried on
/// the same schedule, logged, replayable); Greenhouse then calls <c>test_status</c>.
/// </summary>
public sealed class GreenhouseCompletionJob(AppDbContext db, Outbox outbox, TimeProvider time) : IJobHandler
{
    public const string JobType = "greenhouse.completed";
    public const string MessageType = "invitation.status_changed";
    public const string EventType = "greenhouse.test_completed";

    private sealed record StatusChanged(Guid InvitationId, string? Source, string? To);

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var change = context.ReadPayload<StatusChanged>();
        if (change.Source != AtsInvitations.Greenhouse || change.To != "completed"
            || context.TenantId is not { } tenantId || context.OutboxMessageId is not { } messageId)
        {
            return;
        }

        var link = await db.Set<IntegrationLink>().AsNoTracking()
            .SingleOrDefaultAsync(l => l.InvitationId == change.InvitationId && l.Integration == IntegrationNames.Greenhouse, cancellationToken);
        if (link is null || await db.Set<WebhookDelivery>().AnyAsync(d => d.OutboxMessageId == messageId && d.EndpointId == null, cancellationToken))
        {
            return;
        }

        var delivery = CallbackFanoutJob.Queue(db, outbox, tenantId, link.CallbackUrl, EventType, "", messageId, time.UtcNow(), HttpMethods.Patch, link.AuthorizationProtected);
        await db.SaveChangesAsync(cancellationToken);
        context.Result = new { DeliveryId = delivery.Id };
    }
}
