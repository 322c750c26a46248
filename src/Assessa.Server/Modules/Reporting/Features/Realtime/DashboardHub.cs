using System.Globalization;
using Assessa.Server.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Assessa.Server.Modules.Reporting.Features.Realtime;

/// <summary>
/// <c>WS /api/v1/ws/dashboard</c> (contracts/skills-api.md): a SignalR hub that only sends. On connecting, a
/// signed-in analyst, admin or <c>results:read</c> key joins its tenant's group and from then on receives that
/// tenant's <see cref="DashboardEvents"/>. Browsers pass the bearer token as <c>?access_token=</c> (WebSockets
/// cannot carry headers); the tenant always comes from the token, never from the client.
/// </summary>
[Authorize(Policy = ReportingPolicies.Read)]
public sealed class DashboardHub : Hub
{
    public const string Path = "/api/v1/ws/dashboard";

    public static string Group(Guid tenantId) => "tenant:" + tenantId.ToString("N", CultureInfo.InvariantCulture);

    public override async Task OnConnectedAsync()
    {
        if (!Guid.TryParse(Context.User?.FindFirst(CurrentTenant.ClaimType)?.Value, out var tenantId))
        {
            // Every token and key carries its tenant; a principal without one gets nothing.
            Context.Abort();
            return;
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, Group(tenantId), Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }
}
