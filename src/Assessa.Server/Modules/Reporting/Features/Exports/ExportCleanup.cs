using Assessa.Server.Modules.Reporting.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Reporting.Features.Exports;

/// <summary>
/// Part of the maintenance loop: deletes the files of exports past their expiry (every tenant) and marks them
/// expired. A file that cannot be deleted now is retried on the next run.
/// </summary>
public sealed class ExportCleanup(TimeProvider time) : IMaintenanceTask
{
    private const int Batch = 500;

    public async Task RunAsync(AppDbContext db, CancellationToken ct)
    {
        var now = time.UtcNow();
        while (true)
        {
            var expired = await db.Set<ExportJob>().IgnoreQueryFilters([QueryFilters.Tenant]).AsNoTracking()
                .Where(e => e.Status == ExportJobStatus.Completed && e.ExpiresAt <= now)
                .OrderBy(e => e.ExpiresAt).Select(e => new { e.Id, e.StoragePath }).Take(Batch).ToListAsync(ct);
            var done = new List<Guid>(expired.Count);
            foreach (var export in expired)
            {
                try
                {
                    if (export.StoragePath is not null)
                    {
                        File.Delete(export.StoragePath);
                    }

                    done.Add(export.Id);
                }
                catch (IOException)
                {
                    // Still open (a download in progress on Windows) or the disk failed: the next run retries.
                }
            }

            if (done.Count > 0)
            {
                await db.Set<ExportJob>().IgnoreQueryFilters([QueryFilters.Tenant]).Where(e => done.Contains(e.Id)).ExecuteUpdateAsync(
                    s => s.SetProperty(e => e.Status, ExportJobStatus.Expired).SetProperty(e => e.StoragePath, (string?)null).SetProperty(e => e.UpdatedAt, now),
                    ct);
            }

            if (expired.Count < Batch || done.Count == 0)
            {
                return;
            }
        }
    }
}
