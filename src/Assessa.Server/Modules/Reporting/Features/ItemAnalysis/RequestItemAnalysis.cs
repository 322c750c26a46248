using Assessa.Server.Modules.Reporting.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Jobs;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Reporting.Features.ItemAnalysis;

/// <summary>
/// <c>POST /api/v1/assessments/{assessmentId}/versions/{number}/item-analysis</c>: queues a (re)computation of the
/// version's item analysis as a background job and answers 202 with its state. While one is queued or running,
/// another request queues nothing and answers the same.
/// </summary>
public static class RequestItemAnalysis
{
    public static void Map(RouteGroupBuilder reporting) =>
        reporting.MapPost("/assessments/{assessmentId}/versions/{number}/item-analysis", HandleAsync)
            .WithName("Reporting.RequestItemAnalysis").WithSummary("Queue the item analysis (classical test theory) of a published version");

    public static async Task<Results<Accepted<ItemAnalysisResponse>, ProblemHttpResult>> HandleAsync(
        string assessmentId, string number, AppDbContext db, Outbox outbox, ICurrentActor actor, TimeProvider time, CancellationToken ct)
    {
        var (target, error) = await ItemAnalysisTarget.ResolveAsync(assessmentId, number, db, ct);
        if (target is null)
        {
            return error!.ToProblem();
        }

        var analysis = await QueueAsync(target, db, outbox, actor, time, ct);
        return TypedResults.Accepted(target.Location, await ItemAnalysisTarget.RespondAsync(analysis, db, ct));
    }

    private static async Task<Domain.ItemAnalysis> QueueAsync(ItemAnalysisTarget target, AppDbContext db, Outbox outbox, ICurrentActor actor, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var existing = await db.Set<Domain.ItemAnalysis>().AsNoTracking().SingleOrDefaultAsync(a => a.VersionId == target.VersionId, ct);
        if (existing is null)
        {
            var analysis = new Domain.ItemAnalysis
            {
                AssessmentId = target.AssessmentId,
                VersionId = target.VersionId,
                VersionNumber = target.Number,
                Status = ItemAnalysisStatus.Queued,
                RequestedAt = now,
                RequestedBy = actor.UserId,
            };
            db.Add(analysis);
            analysis.JobId = outbox.Enqueue(ItemAnalysisJob.JobType, new ItemAnalysisJob.Payload(analysis.Id)).Id;
            try
            {
                await db.SaveChangesAsync(ct);
                return analysis;
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                // Another request created it at the same moment, and queued its job.
                db.ChangeTracker.Clear();
                return await db.Set<Domain.ItemAnalysis>().AsNoTracking().SingleAsync(a => a.VersionId == target.VersionId, ct);
            }
        }

        // A queued or running analysis whose job the runner gave up on (its worker died on every attempt) is queued again.
        if (existing.Status is ItemAnalysisStatus.Queued or ItemAnalysisStatus.Running && await ItemAnalysisTarget.JobFailureAsync(existing, db, ct) is null)
        {
            return existing;
        }

        // Claim the row with a conditional update on the state just read, so of two concurrent requests only one queues a job.
        var seenStatus = existing.Status;
        var seenJob = existing.JobId;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var job = outbox.Enqueue(ItemAnalysisJob.JobType, new ItemAnalysisJob.Payload(existing.Id));
        var jobId = job.Id;
        var claimed = await db.Set<Domain.ItemAnalysis>()
            .Where(a => a.Id == existing.Id && a.Status == seenStatus && a.JobId == seenJob)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ItemAnalysisStatus.Queued)
                .SetProperty(a => a.JobId, jobId)
                .SetProperty(a => a.RequestedAt, now)
                .SetProperty(a => a.RequestedBy, actor.UserId)
                .SetProperty(a => a.UpdatedAt, now), ct);
        if (claimed == 1)
        {
            await db.SaveChangesAsync(ct);
        }
        else
        {
            db.ChangeTracker.Clear();
        }

        await transaction.CommitAsync(ct);
        return await db.Set<Domain.ItemAnalysis>().AsNoTracking().SingleAsync(a => a.Id == existing.Id, ct);
    }
}
