using Assessa.Server.Modules.Catalog;
using Assessa.Server.Modules.Delivery;
using Assessa.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Reporting.Features.Exports;

/// <summary>One exported submission (before formatting); the candidate is already resolved to what the export shows.</summary>
public sealed record ExportRow(
    Guid Id, string? Candidate, string? Assessment, DeliveryChannel Channel, SubmissionStatus Status, double? Score, double? Percent,
    string? Recommendation, DateTime SubmittedAt);

/// <summary>
/// Reads an export's rows from the database while they are written: one ordered, untracked query (by
/// submitted_at, then id) streams the submissions with their assessment title, candidate and the competency
/// percents copied onto each submission row (<see cref="CompetencySummary"/>, ADR 0020), so memory holds one row
/// whatever the range and the database does one index scan.
/// </summary>
public sealed class ExportSource(AppDbContext db, ExportFilter filter)
{
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
        // Submissions of one assessment version share one names array, so this reads a handful of distinct values.
        var arrays = await Submissions().Where(s => s.CompetencyNames != null).Select(s => s.CompetencyNames).Distinct().ToListAsync(ct);
        var names = arrays.SelectMany(CompetencySummary.Names).Distinct(StringComparer.Ordinal).ToList();
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
                       s.CompetencyNames,
                       s.CompetencyPercents,
                   };

        var columns = new ColumnMaps(competencies);
        var cells = new double?[competencies.Count];
        var percents = new double?[competencies.Count];
        await foreach (var r in rows.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            Array.Clear(cells);
            if (columns.For(r.CompetencyNames) is { Length: > 0 } map)
            {
                if (percents.Length < map.Length)
                {
                    percents = new double?[map.Length];
                }

                var read = CompetencySummary.Percents(r.CompetencyPercents ?? "", percents.AsSpan(0, map.Length));
                for (var i = 0; i < read; i++)
                {
                    if (map[i] >= 0)
                    {
                        cells[map[i]] = percents[i];
                    }
                }
            }

            var candidate = r.Erased == true ? null : r.Name ?? r.CandidateName ?? r.Email;
            await write(new ExportRow(r.Id, candidate, r.Title, r.Channel, r.Status, r.Score, r.Percent, r.Recommendation, r.SubmittedAt), cells);
        }
    }

    /// <summary>
    /// For each distinct <c>competency_names</c> array, where each of its entries goes among the export's columns
    /// (-1: not a column). Rows of one assessment version share an array, so it is parsed once per export.
    /// </summary>
    private sealed class ColumnMaps(IReadOnlyList<string> competencies)
    {
        private readonly Dictionary<string, int> _columns = competencies.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i, StringComparer.Ordinal);
        private readonly Dictionary<string, int[]> _maps = new(StringComparer.Ordinal);
        private string? _last;
        private int[] _lastMap = [];

        public int[] For(string? names)
        {
            if (names is null)
            {
                return [];
            }

            if (!string.Equals(names, _last, StringComparison.Ordinal))
            {
                if (!_maps.TryGetValue(names, out var map))
                {
                    map = [.. CompetencySummary.Names(names).Select(n => _columns.GetValueOrDefault(n, -1))];
                    _maps[names] = map;
                }

                (_last, _lastMap) = (names, map);
            }

            return _lastMap;
        }
    }
}
