using Assessa.Server.Platform.Data;

namespace Assessa.Server.Platform.Jobs;

/// <summary>
/// Periodic cleanup a module contributes to <see cref="Maintenance"/> (e.g. deleting expired export files).
/// Runs in the maintenance scope without a current tenant: work across tenants names <c>IgnoreQueryFilters</c>.
/// </summary>
public interface IMaintenanceTask
{
    Task RunAsync(AppDbContext db, CancellationToken ct);
}
