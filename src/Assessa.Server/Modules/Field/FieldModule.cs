using Assessa.Server.Modules.Field.Features.Registry;
using Assessa.Server.Modules.Field.Features.Import;
using Assessa.Server.Modules.Field.Features.Kpis;
using Assessa.Server.Modules.Field.Features.Sessions;
using Assessa.Server.Platform.Configuration;
using Assessa.Server.Platform.Jobs;

namespace Assessa.Server.Modules.Field;

/// <summary>
/// Field operations (contracts/field-kpi-api.md): sites, enumerators and field sessions ("atendimento"), the
/// documented <c>/api/v1/atendimento</c> API and the native <c>/api/v1/field/</c> resources, background CSV
/// imports, and SLA/productivity KPIs computed in SQL.
/// </summary>
public static class FieldModule
{
    public static WebApplicationBuilder AddFieldModule(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        FieldPolicies.Add(services.AddAuthorizationBuilder());
        services.AddScoped<FieldReferences>();

        // CSV imports (Features/Import)
        services.AddSettings((settings, sp) => FieldImportSettings.From(settings, sp.GetRequiredService<StorageSettings>()));
        services.AddJobHandler<FieldImportJob>(FieldImportJob.JobType, FieldImportJob.JobAttempts);
        return builder;
    }

    public static IEndpointRouteBuilder MapFieldEndpoints(this IEndpointRouteBuilder app)
    {
        var atendimento = app.MapGroup("/api/v1/atendimento").WithTags("Field");
        CreateAtendimento.Map(atendimento);
        ListAtendimentos.Map(atendimento);
        ChangeAtendimento.Map(atendimento);
        DocumentedKpis.Map(atendimento);

        var field = app.MapGroup("/api/v1/field").WithTags("Field");
        FieldKpis.Map(field.MapGroup("/kpis"));
        ManageSites.Map(field.MapGroup("/sites"));
        ManageEnumerators.Map(field.MapGroup("/enumerators"));
        ListFieldSessions.Map(field.MapGroup("/sessions"));

        // CSV imports (Features/Import): /api/v1/atendimento/import_csv, task_status, /api/v1/field/imports
        UploadImport.Map(app);
        ReadImports.Map(app);
        return app;
    }
}
