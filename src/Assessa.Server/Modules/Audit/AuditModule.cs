using Assessa.Server.Modules.Audit.Data;
using Assessa.Server.Modules.Audit.Features;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Assessa.Server.Modules.Audit;

/// <summary>The append-only audit log of every mutation (contracts/sjt-jdt-api.md, audit_logs).</summary>
public static class AuditModule
{
    public static WebApplicationBuilder AddAuditModule(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IInterceptor, AuditInterceptor>();
        builder.Services.AddScoped<AuditTrail>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        ListAuditLogs.Map(app);
        return app;
    }
}
