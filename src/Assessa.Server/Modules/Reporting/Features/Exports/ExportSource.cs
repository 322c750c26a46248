using Assessa.Server.Modules.Catalog;
using Assessa.Server.Modules.Delivery;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Reporting.Features.Exports;

/// <summary>One exported submission (before formatting); the candidate is already resolved to what the export shows.</summary>
public sealed record ExportRow(
    Guid Id, string? Candidate, string? Assessment, DeliveryChannel Channel, SubmissionStatus Status, double? Score, double? Percent,
    string? Recommendation, DateTime SubmittedAt);

/// <summary>
/// Reads an export's rows from the database while they are written: submissions stream through one ordered,
/// untracked query (by submitted_at, then id); every <see cref="BatchSize"/> rows, their competencies are fetched
/// by id on a second context (the first one's reader is still open), so memory holds one batch whatever the range.
/// </summary>
public sealed class ExportSource(AppDbContext db, IServiceScopeFactory scopes, Guid tenantId, ExportFilter filter)
{
    public const int BatchSize = 2_000;

    /// <summary>
    /// An export reads a whole range while it writes, so its queries may run far longer than a request's usual
    /// 30-second command timeout. (A 100,000-row test export once answered 500 under full CI load, most likely from
    /// that timeout; the server log of that run was not kept.)
    /// </summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Submissions of the tenant that pass the filter.</summary>
    public IQueryable<SubmissionFact> Submissions()
    {
        db.Database.SetCommandTimeout(CommandTimeout);
        var submissions = DeliveryFacts.Submissions(db);
        if (filter.From is { } from)
        {
            submissions = submissions.Where(s => s.SubmittedAt >= from);
        }

        if (filter.To is { } to)
        {
            submissions = submissions.Where(s => s.SubmittedAt < to);
        }

        if (filter.AssessmentId is { } assessmentId)
        {
            submissions = submissions.Where(s => s.AssessmentId == assessmentId);
        }

        if (filter.Status is { } status)
        {
            submissions = submissions.Where(s => s.Status == status);
        }

        return submissions;
    }

    public Task<int> CountAsync(CancellationToken ct) => Submissions().CountAsync(ct);

    /// <summary>The competency names found in the range, sorted (ordinal): one column each.</summary>
    public async Task<IReadOnlyList<string>> CompetenciesAsync(CancellationToken ct)
    {
        var ids = Submissions().Select(s => s.Id);
        var names = await DeliveryFacts.Competencies(db).Where(c => ids.Contains(c.SubmissionId)).Select(c => c.Name).Distinct().ToListAsync(ct);
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>
    /// Calls <paramref name="write"/> for every row in order, with the row's competency percents in the order of
    /// <paramref name="competencies"/> (null where it has none). The array is reused between calls.
    /// </summary>
    public async Task ReadAsync(IReadOnlyList<string> competencies, Func<ExportRow, double?[], ValueTask> write, CancellationToken ct)
    {
        var rows = from s in Submissions()
                   join a in CatalogFacts.Assessments(db) on s.AssessmentId equals (Guid?)a.Id into assessments
                   from a in assessments.DefaultIfEmpty()
                   join c in DeliveryFacts.Candidates(db) on s.CandidateId equals (Guid?)c.Id into candidates
                   from c in candidates.DefaultIfEmpty()
                   orderby s.SubmittedAt, s.Id
                   select new
                   {
                       s.Id,
                       Name = (string?)c.Name,
                       Email = (string?)c.Email,
                       Erased = (bool?)c.Erased,
                       s.CandidateName,
                       Title = (string?)a.Title,
                       s.Channel,
                       s.Status,
                       s.Score,
                       s.Percent,
                       Recommendation = s.RecommendationLabel ?? s.RecommendationBand,
                       s.SubmittedAt,
                   };

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < competencies.Count; i++)
        {
            columns[competencies[i]] = i;
        }

        await using var scope = scopes.CreateAsyncScope();
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Use(tenantId);
        var side = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        side.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        side.Database.SetCommandTimeout(CommandTimeout);

        var batch = new List<ExportRow>(BatchSize);
        var percents = new Dictionary<(Guid, int), double>();
        var cells = new double?[competencies.Count];

        async Task FlushAsync()
        {
            percents.Clear();
            if (columns.Count > 0)
            {
                var ids = batch.Select(r => r.Id).ToList();
                await foreach (var c in DeliveryFacts.Competencies(side).Where(c => ids.Contains(c.SubmissionId))
                    .Select(c => new { c.SubmissionId, c.Name, c.Percent }).AsAsyncEnumerable().WithCancellation(ct))
                {
                    if (columns.TryGetValue(c.Name, out var column))
                    {
                        percents[(c.SubmissionId, column)] = c.Percent;
                    }
                }
            }

            foreach (var row in batch)
            {
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = percents.TryGetValue((row.Id, i), out var percent) ? percent : null;
                }

                await write(row, cells);
            }

            batch.Clear();
        }

        await foreach (var r in rows.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            var candidate = r.Erased == true ? null : r.Name ?? r.CandidateName ?? r.Email;
            batch.Add(new ExportRow(r.Id, candidate, r.Title, r.Channel, r.Status, r.Score, r.Percent, r.Recommendation, r.SubmittedAt));
            if (batch.Count == BatchSize)
            {
                await FlushAsync();
            }
        }

        await FlushAsync();
    }
}
