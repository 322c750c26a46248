using Assessa.Server.Modules.Catalog.Domain;
using Assessa.Server.Modules.Catalog.Scoring;
using Assessa.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Assessa.Server.Modules.Catalog;

/// <summary>How a published version is delivered (timers, draw, shuffle, attempts).</summary>
public sealed record DeliverySettings(
    int? TimeLimitMinutes,
    int? QuestionTimeLimitSeconds,
    int? NumberOfQuestions,
    bool ShuffleQuestions,
    bool ShuffleOptions,
    int? MaxAttempts,
    decimal? PassMarkPercent);

/// <summary>An immutable published version, as delivery and reporting see it.</summary>
public sealed record PublishedVersion(
    Guid Id,
    Guid TenantId,
    Guid AssessmentId,
    int Number,
    int PackageNumber,
    string Title,
    string? Description,
    string Language,
    string? TestType,
    DeliverySettings Settings,
    ScoringConfig Scoring,
    IReadOnlyList<ItemSnapshot> Items)
{
    /// <summary>The items of this version in <paramref name="questionIds"/> order (an invitation's draw), or all of them.</summary>
    public IReadOnlyList<ItemSnapshot> ItemsFor(IReadOnlyList<Guid>? questionIds)
    {
        if (questionIds is null || questionIds.Count == 0)
        {
            return Items;
        }

        var byQuestion = Items.ToDictionary(i => i.QuestionId);
        return questionIds.Where(byQuestion.ContainsKey).Select(id => byQuestion[id]).ToList();
    }
}

/// <summary>A deliverable assessment: published, not archived, with its latest version.</summary>
public sealed record PublishedAssessment(Guid Id, int PackageNumber, string Title, string? Description, string? TestType, int LatestVersion, Guid LatestVersionId);

/// <summary>
/// The Catalog module's public surface for delivery and integrations: published assessments and their frozen
/// versions, always within the current tenant. Versions never change once published, so they are cached.
/// </summary>
public sealed class PublishedAssessments(AppDbContext db, PublishedVersionCache cache)
{
    /// <summary>A version of the current tenant by id (archived assessments included: their invitations still run).</summary>
    public async Task<PublishedVersion?> VersionAsync(Guid versionId, CancellationToken ct)
    {
        if (cache.TryGet(versionId, out var cached))
        {
            return cached.TenantId == db.CurrentTenantId ? cached : null;
        }

        var version = await db.Set<AssessmentVersion>().AsNoTracking()
            .Where(v => v.Id == versionId)
            .Join(db.Set<Assessment>().IgnoreQueryFilters([QueryFilters.SoftDelete]), v => v.AssessmentId, a => a.Id, (v, a) => new { Version = v, a.PackageNumber, a.TestType })
            .SingleOrDefaultAsync(ct);
        return version is null ? null : cache.Add(ToPublished(version.Version, version.PackageNumber, version.TestType));
    }

    /// <summary>The latest version of a deliverable (published, not archived) assessment of the current tenant.</summary>
    public async Task<PublishedVersion?> LatestAsync(Guid assessmentId, CancellationToken ct) =>
        await Deliverable(a => a.Id == assessmentId).SingleOrDefaultAsync(ct) is { } a ? await VersionAsync(a.LatestVersionId, ct) : null;

    /// <summary>Version <paramref name="number"/> of a deliverable assessment of the current tenant.</summary>
    public async Task<PublishedVersion?> VersionByNumberAsync(Guid assessmentId, int number, CancellationToken ct)
    {
        if (await Deliverable(a => a.Id == assessmentId).SingleOrDefaultAsync(ct) is null)
        {
            return null;
        }

        var id = await db.Set<AssessmentVersion>().Where(v => v.AssessmentId == assessmentId && v.Number == number).Select(v => (Guid?)v.Id).SingleOrDefaultAsync(ct);
        return id is null ? null : await VersionAsync(id.Value, ct);
    }

    /// <summary>The latest version of the deliverable assessment with this package number.</summary>
    public async Task<PublishedVersion?> LatestByPackageNumberAsync(int packageNumber, CancellationToken ct) =>
        await Deliverable(a => a.PackageNumber == packageNumber).SingleOrDefaultAsync(ct) is { } a ? await VersionAsync(a.LatestVersionId, ct) : null;

    /// <summary>The latest version of the assessment generated from the active SJT or JDT configuration.</summary>
    public async Task<PublishedVersion?> LatestForTestTypeAsync(string testType, CancellationToken ct) =>
        await Deliverable(a => a.TestType == testType.ToUpperInvariant()).SingleOrDefaultAsync(ct) is { } a ? await VersionAsync(a.LatestVersionId, ct) : null;

    /// <summary>The tenant's deliverable assessments, by package number.</summary>
    public async Task<List<PublishedAssessment>> ListAsync(CancellationToken ct) =>
        (await Deliverable(_ => true).ToListAsync(ct)).OrderBy(a => a.PackageNumber).ToList(); // EF cannot order by a projected record's member

    /// <summary>The titles of assessments (any status) by id, for lists and reports.</summary>
    public async Task<Dictionary<Guid, string>> TitlesAsync(IEnumerable<Guid> assessmentIds, CancellationToken ct)
    {
        var ids = assessmentIds.Distinct().ToList();
        return await db.Set<Assessment>().IgnoreQueryFilters([QueryFilters.SoftDelete]).Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Title, ct);
    }

    private IQueryable<PublishedAssessment> Deliverable(System.Linq.Expressions.Expression<Func<Assessment, bool>> filter) =>
        db.Set<Assessment>().AsNoTracking()
            .Where(a => a.Status == AssessmentStatus.Published && a.LatestVersion > 0)
            .Where(filter)
            .Join(db.Set<AssessmentVersion>(), a => new { AssessmentId = a.Id, Number = a.LatestVersion }, v => new { v.AssessmentId, v.Number },
                (a, v) => new PublishedAssessment(a.Id, a.PackageNumber, a.Title, a.Description, a.TestType, a.LatestVersion, v.Id));

    private static PublishedVersion ToPublished(AssessmentVersion v, int packageNumber, string? testType) => new(
        v.Id,
        v.TenantId,
        v.AssessmentId,
        v.Number,
        packageNumber,
        v.Title,
        v.Description,
        v.Language,
        testType,
        new DeliverySettings(
            v.Settings.TimeLimitMinutes, v.Settings.QuestionTimeLimitSeconds, v.Settings.NumberOfQuestions,
            v.Settings.ShuffleQuestions, v.Settings.ShuffleOptions, v.Settings.MaxAttempts, v.Settings.PassMarkPercent),
        v.Scoring,
        v.Items);
}

/// <summary>Published versions by id (they never change), bounded by item count.</summary>
public sealed class PublishedVersionCache : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 200_000 });

    public bool TryGet(Guid id, out PublishedVersion version) => _cache.TryGetValue(id, out version!);

    public PublishedVersion Add(PublishedVersion version) =>
        _cache.Set(version.Id, version, new MemoryCacheEntryOptions { Size = Math.Max(1, version.Items.Count), SlidingExpiration = TimeSpan.FromHours(1) });

    public void Dispose() => _cache.Dispose();
}
