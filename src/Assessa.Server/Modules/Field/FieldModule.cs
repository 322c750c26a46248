using Assessa.Server.Modules.Field.Features.Import;
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
        FieldPolicies.Add(builder.Services.AddAuthorizationBuilder());

        // CSV imports (Features/Import)
        builder.Services.AddSettings((settings, sp) => FieldImportSettings.From(settings, sp.GetRequiredService<StorageSettings>()));
        builder.Services.AddJobHandler<FieldImportJob>(FieldImportJob.JobType, FieldImportJob.MaxAttempts);

        return builder;
    }

    public static IEndpointRouteBuilder MapFieldEndpoints(this IEndpointRouteBuilder app)
    {
        // CSV imports (Features/Import)
        UploadImport.Map(app);
        ReadImports.Map(app);

        return app;
    }
}
