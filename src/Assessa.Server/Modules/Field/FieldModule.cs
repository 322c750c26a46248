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
        return builder;
    }

    public static IEndpointRouteBuilder MapFieldEndpoints(this IEndpointRouteBuilder app) => app;
}
