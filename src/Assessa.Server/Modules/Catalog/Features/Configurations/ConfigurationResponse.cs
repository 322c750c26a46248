using System.Text.Json;
using Assessa.Server.Modules.Catalog.Domain;

namespace Assessa.Server.Modules.Catalog.Features.Configurations;

/// <summary><c>&lt;Configuration&gt;</c> of contracts/sjt-jdt-api.md.</summary>
public sealed record ConfigurationResponse(
    Guid Id,
    ConfigType ConfigType,
    ConfigScope Scope,
    JsonElement ConfigData,
    Guid? TenantId,
    int Version,
    bool IsActive,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    Guid? CreatedBy)
{
    public static ConfigurationResponse From(Configuration c) =>
        new(c.Id, c.ConfigType, c.Scope, JsonDocument.Parse(c.ConfigData).RootElement.Clone(), c.TenantId, c.Version, c.IsActive, c.CreatedAt, c.UpdatedAt, c.CreatedBy);
}
