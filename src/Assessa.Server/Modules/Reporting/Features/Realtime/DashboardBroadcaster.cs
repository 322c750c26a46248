using System.Text.Json;
using Assessa.Server.Platform.Jobs;
using Microsoft.AspNetCore.SignalR;

namespace Assessa.Server.Modules.Reporting.Features.Realtime;

/// <summary>
/// Sends dashboard events to each tenant's group as soon as the outbox dispatcher has committed them — so a client
/// never hears of a change that rolled back. With the Redis backplane the group spans every node, whichever node
/// dispatched the event. Best effort by design (<see cref="IOutboxObserver"/>): a dashboard that reconnects
/// re-reads the summary.
/// </summary>
public sealed class DashboardBroadcaster(IHubContext<DashboardHub> hub) : IOutboxObserver
{
    public async Task OnDispatchedAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        // A claimed batch comes back in no particular order; clients expect events in the order they happened.
        foreach (var message in messages.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id))
        {
            if (message.TenantId is not { } tenantId || DashboardEvents.For(message.Type) is not { } method)
            {
                continue;
            }

            using var payload = JsonDocument.Parse(message.Payload);
            await hub.Clients.Group(DashboardHub.Group(tenantId)).SendAsync(method, payload.RootElement.Clone(), cancellationToken);
        }
    }
}
