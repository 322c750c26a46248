using System.Text.Json;
using Assessa.Server.Modules.Catalog.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Security;
using Assessa.Server.Platform.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Catalog.Features.Configurations;

/// <summary>
/// <c>/api/v1/configurations</c> exactly as contracts/sjt-jdt-api.md: creating a configuration of a type
/// deactivates the tenant's active one of that type and bumps <c>version</c>; <c>POST /sjt|/jdt|/global</c> take
/// the body as <c>config_data</c>; <c>GET /sjt|/jdt|/global</c> and <c>/type/{type}</c> return the active one (the
/// tenant's, else the system default). Staff read; admins write; system scope is for superadmins.
/// </summary>
public static class ManageConfigurations
{
    public sealed record CreateRequest(string? ConfigType, string? Scope, JsonElement? ConfigData);

    public sealed record UpdateRequest(JsonElement? ConfigData, bool? IsActive);

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/configurations").WithTags("Configurations");
        group.MapGet("", ListAsync).WithName("Catalog.ListConfigurations").WithSummary("List configurations").RequireAuthorization(Policies.Staff);
        group.MapPost("", (CreateRequest request, AppDbContext db, ICurrentActor actor, ICurrentTenant tenant, ConfigurationMaterializer materializer, CancellationToken ct) =>
                CreateAsync(ConfigDataRules.ParseType(request.ConfigType), request.Scope, request.ConfigData, db, actor, tenant, materializer, ct))
            .WithName("Catalog.CreateConfiguration").WithSummary("Create (and activate) a configuration").RequireAuthorization(Policies.Admin);
        foreach (var type in Enum.GetValues<ConfigType>())
        {
            var name = type.ToString().ToLowerInvariant();
            group.MapGet($"/{name}", (AppDbContext db, ICurrentTenant tenant, CancellationToken ct) => ActiveAsync(type, db, tenant, ct))
                .WithName($"Catalog.GetActive{type}Configuration").WithSummary($"The active {name} configuration").RequireAuthorization(Policies.Staff);
            group.MapPost($"/{name}", (JsonElement configData, AppDbContext db, ICurrentActor actor, ICurrentTenant tenant, ConfigurationMaterializer materializer, CancellationToken ct) =>
                    CreateAsync(type, null, configData, db, actor, tenant, materializer, ct))
                .WithName($"Catalog.Create{type}Configuration").WithSummary($"Create a {name} configuration (the body is config_data)").RequireAuthorization(Policies.Admin);
        }

        group.MapGet("/type/{type}", (string type, AppDbContext db, ICurrentTenant tenant, CancellationToken ct) =>
                ConfigDataRules.ParseType(type) is { } parsed ? ActiveAsync(parsed, db, tenant, ct) : Task.FromResult<Results<Ok<ConfigurationResponse>, ProblemHttpResult>>(UnknownType()))
            .WithName("Catalog.GetActiveConfigurationByType").WithSummary("The active configuration of a type").RequireAuthorization(Policies.Staff);
        group.MapGet("/{id:guid}", GetAsync).WithName("Catalog.GetConfiguration").WithSummary("Get a configuration").RequireAuthorization(Policies.Staff);
        group.MapPut("/{id:guid}", UpdateAsync).WithName("Catalog.UpdateConfiguration").WithSummary("Update a configuration").RequireAuthorization(Policies.Admin);
    }

    private static IQueryable<Configuration> Visible(AppDbContext db, ICurrentTenant tenant) =>
        db.Set<Configuration>().Where(c => c.TenantId == tenant.TenantId || c.TenantId == null);

    public static async Task<List<ConfigurationResponse>> ListAsync(AppDbContext db, ICurrentTenant tenant, CancellationToken ct) =>
        (await Visible(db, tenant).OrderBy(c => c.ConfigType).ThenByDescending(c => c.Version).ToListAsync(ct)).Select(ConfigurationResponse.From).ToList();

    public static async Task<Results<Ok<ConfigurationResponse>, ProblemHttpResult>> GetAsync(Guid id, AppDbContext db, ICurrentTenant tenant, CancellationToken ct) =>
        await Visible(db, tenant).SingleOrDefaultAsync(c => c.Id == id, ct) is { } config
            ? TypedResults.Ok(ConfigurationResponse.From(config))
            : CatalogErrors.ConfigurationNotFound(id).ToProblem();

    public static async Task<Results<Ok<ConfigurationResponse>, ProblemHttpResult>> ActiveAsync(ConfigType type, AppDbContext db, ICurrentTenant tenant, CancellationToken ct)
    {
        var active = await Visible(db, tenant).Where(c => c.ConfigType == type && c.IsActive)
            .OrderByDescending(c => c.TenantId != null).ThenByDescending(c => c.Version).FirstOrDefaultAsync(ct);
        return active is null ? CatalogErrors.NoActiveConfiguration.ToProblem() : TypedResults.Ok(ConfigurationResponse.From(active));
    }

    public static async Task<Results<Ok<ConfigurationResponse>, ProblemHttpResult>> CreateAsync(
        ConfigType? type, string? scopeName, JsonElement? data, AppDbContext db, ICurrentActor actor, ICurrentTenant tenant, ConfigurationMaterializer materializer, CancellationToken ct)
    {
        var scope = scopeName?.Trim().ToLowerInvariant() switch
        {
            null or "tenant" => ConfigScope.Tenant,
            "system" => (ConfigScope?)ConfigScope.System,
            _ => null,
        };
        var validation = new Validation()
            .Check(type is not null, "config_type", "must be one of jdt, sjt, global.")
            .Check(scope is not null, "scope", "must be tenant or system.");
        ConfigDataRules.Validate(data, validation);
        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        if (scope == ConfigScope.System && !actor.IsSuperadmin)
        {
            return Error.Forbidden("Only superadmins write system-wide configurations.").ToProblem();
        }

        var tenantId = scope == ConfigScope.System ? null : tenant.TenantId;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var latest = await db.Set<Configuration>().Where(c => c.TenantId == tenantId && c.ConfigType == type).MaxAsync(c => (int?)c.Version, ct) ?? 0;
        await db.Set<Configuration>().Where(c => c.TenantId == tenantId && c.ConfigType == type && c.IsActive).ForEachAsync(c => c.IsActive = false, ct);
        var config = new Configuration
        {
            TenantId = tenantId,
            ConfigType = type!.Value,
            Scope = scope!.Value,
            ConfigData = data!.Value.GetRawText(),
            Version = latest + 1,
            IsActive = true,
            CreatedBy = actor.UserId,
        };
        db.Add(config);
        await db.SaveChangesAsync(ct);
        if (await materializer.MaterializeAsync(config, ct) is { } error)
        {
            await transaction.RollbackAsync(ct);
            return error.ToProblem();
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(ConfigurationResponse.From(config));
    }

    public static async Task<Results<Ok<ConfigurationResponse>, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateRequest request, AppDbContext db, ICurrentActor actor, ICurrentTenant tenant, ConfigurationMaterializer materializer, CancellationToken ct)
    {
        var config = await Visible(db, tenant).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (config is null)
        {
            return CatalogErrors.ConfigurationNotFound(id).ToProblem();
        }

        if (config.Scope == ConfigScope.System && !actor.IsSuperadmin)
        {
            return Error.Forbidden("Only superadmins write system-wide configurations.").ToProblem();
        }

        var validation = new Validation();
        if (request.ConfigData is not null)
        {
            ConfigDataRules.Validate(request.ConfigData, validation);
        }

        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (request.IsActive == true && !config.IsActive)
        {
            await db.Set<Configuration>().Where(c => c.TenantId == config.TenantId && c.ConfigType == config.ConfigType && c.IsActive).ForEachAsync(c => c.IsActive = false, ct);
        }

        config.ConfigData = request.ConfigData?.GetRawText() ?? config.ConfigData;
        config.IsActive = request.IsActive ?? config.IsActive;
        await db.SaveChangesAsync(ct);
        if (await materializer.MaterializeAsync(config, ct) is { } error)
        {
            await transaction.RollbackAsync(ct);
            return error.ToProblem();
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(ConfigurationResponse.From(config));
    }

    private static ProblemHttpResult UnknownType() =>
        new Validation().Add("type", "must be one of jdt, sjt, global.").ToError().ToProblem();
}
