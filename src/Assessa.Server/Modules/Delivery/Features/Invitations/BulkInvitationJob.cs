using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Delivery.Features.Invitations;

/// <summary>
/// Creates a large bulk batch in the background. All rows are saved in one transaction, so the batch exists
/// completely or not at all; a retry after a crash first checks whether the batch already committed.
/// </summary>
public sealed class BulkInvitationJob(AppDbContext db, InvitationCreator creator) : IJobHandler
{
    public const string JobType = "delivery.bulk_invitations";

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var batchId = context.JobId;
        var done = await db.Set<Invitation>().CountAsync(i => i.BatchId == batchId, cancellationToken);
        if (done > 0)
        {
            context.Result = new { Created = done, Existing = 0, Note = "committed by an earlier run" };
            return;
        }

        var batch = context.ReadPayload<BulkBatch>();
        var (results, error) = await CreateAllAsync(batch, batchId, creator, context, cancellationToken);
        if (error is not null)
        {
            throw new PermanentJobFailureException(error.Detail);
        }

        await context.ReportProgressAsync(95, "saving", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        context.Result = new { Created = results.Count(r => !r.Existing), Existing = results.Count(r => r.Existing) };
    }

    /// <summary>Creates every row on the creator's context (unsaved); stops at the first row that cannot be created.</summary>
    public static async Task<(List<BulkInvitations.BulkRowResult> Results, Error? Error)> CreateAllAsync(
        BulkBatch batch, Guid batchId, InvitationCreator creator, JobContext? progress, CancellationToken ct)
    {
        var results = new List<BulkInvitations.BulkRowResult>(batch.Rows.Count);
        for (var i = 0; i < batch.Rows.Count; i++)
        {
            var label = batch.Labels.ElementAtOrDefault(i) ?? $"invitations[{i}].";
            var (outcome, error) = await creator.CreateAsync(batch.Rows[i], batch.Source, batchId, ct, label);
            if (error is not null)
            {
                return (results, error with { Detail = $"{label.TrimEnd('.')}: {error.Detail}" });
            }

            results.Add(new BulkInvitations.BulkRowResult(i, outcome!.Invitation.Id, outcome.Invitation.CandidateId, outcome.Link, outcome.Existing));
            if (progress is not null && i % 500 == 499)
            {
                await progress.ReportProgressAsync(90 * (i + 1) / batch.Rows.Count, $"{i + 1} of {batch.Rows.Count} rows", ct);
            }
        }

        return (results, null);
    }
}
