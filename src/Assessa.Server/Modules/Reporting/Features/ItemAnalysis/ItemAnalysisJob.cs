using System.Text.Json;
using Assessa.Server.Modules.Catalog;
using Assessa.Server.Modules.Reporting.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Jobs;
using Assessa.Server.Platform.Json;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Reporting.Features.ItemAnalysis;

/// <summary>
/// Computes one version's item analysis (queued by <see cref="RequestItemAnalysis"/>) and stores it on its
/// <see cref="Domain.ItemAnalysis"/> row. Repeating it only recomputes the same thing, so retries are safe.
/// </summary>
public sealed class ItemAnalysisJob(AppDbContext db, PublishedAssessments published, TimeProvider time) : IJobHandler
{
    public const string JobType = "reporting.item_analysis";
    public const int MaxAttempts = 3;

    public sealed record Payload(Guid AnalysisId);

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var payload = context.ReadPayload<Payload>();
        var analysis = await db.Set<Domain.ItemAnalysis>().SingleOrDefaultAsync(a => a.Id == payload.AnalysisId, cancellationToken)
            ?? throw new PermanentJobFailureException($"Item analysis {payload.AnalysisId} does not exist (in the job's tenant).");
        try
        {
            analysis.Status = ItemAnalysisStatus.Running;
            await db.SaveChangesAsync(cancellationToken);

            var version = await published.VersionAsync(analysis.VersionId, cancellationToken)
                ?? throw new PermanentJobFailureException($"Version {analysis.VersionId} of the analysis is not in its tenant.");
            var input = await ItemAnalysisData.LoadAsync(db, version, cancellationToken);
            await context.ReportProgressAsync(50, $"{input.Persons.Count} submissions read", cancellationToken);
            var result = ClassicalTestTheory.Analyse(input.Items, input.Persons);

            analysis.Status = result.Status;
            analysis.Reason = result.Reason;
            analysis.SubmissionCount = input.Persons.Count;
            analysis.ComputedAt = time.GetUtcNow().UtcDateTime;
            analysis.Result = JsonSerializer.Serialize(new ItemAnalysisReport(result.Test, result.Items, input.ExcludedItems), AssessaJson.Options);
            await db.SaveChangesAsync(cancellationToken);
            context.Result = new { analysis.Status, analysis.SubmissionCount };
        }
        catch (Exception ex) when (ex is not OperationCanceledException && (ex is PermanentJobFailureException || context.Attempt >= MaxAttempts))
        {
            var reason = ex is PermanentJobFailureException ? ex.Message : $"Gave up after {context.Attempt} attempts: {ex.GetType().Name}: {ex.Message}";
            db.ChangeTracker.Clear();
            await db.Set<Domain.ItemAnalysis>().Where(a => a.Id == payload.AnalysisId).ExecuteUpdateAsync(
                s => s.SetProperty(a => a.Status, ItemAnalysisStatus.Failed)
                    .SetProperty(a => a.Reason, reason.Length > 2000 ? reason[..2000] : reason)
                    .SetProperty(a => a.UpdatedAt, time.GetUtcNow().UtcDateTime),
                CancellationToken.None);
            throw new PermanentJobFailureException(reason, ex);
        }
    }
}
