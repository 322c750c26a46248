using Assessa.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Assessa.Server.Platform.Jobs;

/// <summary>
/// The state changes a runner may make to a job it claimed. Each is one UPDATE fenced by (lease owner, attempt
/// number, still running): if another runner has taken the job over, nothing changes and the call says so.
/// </summary>
public sealed class JobClaims(string owner, IServiceScopeFactory scopes, JobSettings settings, TimeProvider time)
{
    public Task<bool> RenewAsync(Job job, int? progress, string? message, CancellationToken ct) =>
        UpdateAsync(job, endsClaim: false, (s, now) =>
        {
            s.SetProperty(j => j.LeaseExpiresAt, now + settings.Lease);
            if (progress is not null)
            {
                s.SetProperty(j => j.Progress, progress.Value).SetProperty(j => j.ProgressMessage, message);
            }
        },
        ct);

    public Task<bool> CompleteAsync(Job job, string? resultJson) =>
        UpdateAsync(job, endsClaim: true, (s, now) => s
            .SetProperty(j => j.Status, JobStatus.Succeeded)
            .SetProperty(j => j.Progress, 100)
            .SetProperty(j => j.Result, resultJson)
            .SetProperty(j => j.Error, (string?)null)
            .SetProperty(j => j.CompletedAt, now),
            CancellationToken.None);

    /// <summary>Records a failure: back to the queue after <paramref name="retryAfter"/>, or failed for good when null.</summary>
    public Task<bool> FailAsync(Job job, string error, TimeSpan? retryAfter) =>
        UpdateAsync(job, endsClaim: true, (s, now) => s
            .SetProperty(j => j.Status, retryAfter is null ? JobStatus.Failed : JobStatus.Queued)
            .SetProperty(j => j.RunAfter, retryAfter is null ? job.RunAfter : now + retryAfter.Value)
            .SetProperty(j => j.Error, error.Length > 2000 ? error[..2000] : error)
            .SetProperty(j => j.CompletedAt, retryAfter is null ? (DateTime?)now : null),
            CancellationToken.None);

    /// <summary>Gives the job back to the queue (this runner is stopping) without using up an attempt.</summary>
    public Task<bool> ReleaseAsync(Job job) =>
        UpdateAsync(job, endsClaim: true, (s, now) => s
            .SetProperty(j => j.Status, JobStatus.Queued)
            .SetProperty(j => j.Attempts, j => j.Attempts - 1)
            .SetProperty(j => j.RunAfter, now),
            CancellationToken.None);

    private async Task<bool> UpdateAsync(Job job, bool endsClaim, Action<UpdateSettersBuilder<Job>, DateTime> set, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = time.UtcNow();
        var updated = await db.Jobs
            .Where(j => j.Id == job.Id && j.LeaseOwner == owner && j.Attempts == job.Attempts && j.Status == JobStatus.Running)
            .ExecuteUpdateAsync(
                s =>
                {
                    set(s, now);
                    s.SetProperty(j => j.UpdatedAt, now);
                    if (endsClaim)
                    {
                        s.SetProperty(j => j.LeaseOwner, (string?)null).SetProperty(j => j.LeaseExpiresAt, (DateTime?)null);
                    }
                },
                ct);
        return updated == 1;
    }
}
