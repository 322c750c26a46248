using Assessa.Server.Modules.Reporting.Features.Dashboard;
using Assessa.Server.Modules.Reporting.Features.Exports;
using Assessa.Server.Modules.Reporting.Features.ItemAnalysis;
using Assessa.Server.Modules.Reporting.Features.Realtime;
using Assessa.Server.Modules.Reporting.Features.Statistics;
using Assessa.Server.Platform.Configuration;
using Assessa.Server.Platform.Jobs;

namespace Assessa.Server.Modules.Reporting;

/// <summary>
/// Reporting (contracts/skills-api.md dashboard, ws and export; sjt-jdt-api.md statistics): the dashboard summary,
/// the realtime dashboard hub, streamed xlsx/CSV exports and export jobs, statistics and item analysis. It reads
/// other modules only through their public fact projections (<c>DeliveryFacts</c>, <c>CatalogFacts</c>).
/// </summary>
public static class ReportingModule
{
    public static WebApplicationBuilder AddReportingModule(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        ReportingPolicies.Add(services.AddAuthorizationBuilder());
        RealtimeSetup.Add(builder);

        // Item analysis (Features/ItemAnalysis)
        services.AddJobHandler<ItemAnalysisJob>(ItemAnalysisJob.JobType, ItemAnalysisJob.MaxAttempts);

        // Exports (Features/Exports)
        services.AddSettings((settings, sp) => ExportSettings.From(settings, sp.GetRequiredService<StorageSettings>()));
        services.AddJobHandler<ExportJobHandler>(ExportJobHandler.JobType, ExportJobHandler.MaxAttempts);
        services.AddScoped<IMaintenanceTask, ExportCleanup>();
        return builder;
    }

    public static IEndpointRouteBuilder MapReportingEndpoints(this IEndpointRouteBuilder app)
    {
        var reporting = app.MapGroup("/api/v1").WithTags("Reporting").RequireAuthorization(ReportingPolicies.Read);
        DashboardSummary.Map(reporting);
        AssessmentStatistics.Map(reporting);
        RequestItemAnalysis.Map(reporting);
        ReadItemAnalysis.Map(reporting);
        ItemAnalysisWorkbook.Map(reporting);
        RealtimeSetup.Map(app);

        // Exports (Features/Exports): /api/v1/exports/assessments.xlsx|csv, /api/v1/exports[/{id}[/download]]
        StreamExport.Map(reporting);
        CreateExport.Map(reporting);
        ReadExports.Map(reporting);
        return app;
    }
}
