using Assessa.Server.Modules.Catalog.Domain;
using Assessa.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Catalog;

/// <summary>
/// An assessment definition as reporting sees it. Soft-deleted ones are included, so old results keep a title;
/// that lifts the soft-delete filter for the whole query it is composed into (no Delivery fact is soft-deletable).
/// </summary>
public sealed class AssessmentFact
{
    public Guid Id { get; init; }

    public required string Title { get; init; }

    public int PackageNumber { get; init; }

    public string? TestType { get; init; }

    public int LatestVersion { get; init; }

    public bool Deleted { get; init; }
}

/// <summary>A published version's header (its items come from <see cref="PublishedAssessments.VersionAsync"/>).</summary>
public sealed class VersionFact
{
    public Guid Id { get; init; }

    public Guid AssessmentId { get; init; }

    public int Number { get; init; }

    public required string Title { get; init; }

    public DateTime PublishedAt { get; init; }
}

/// <summary>
/// Catalog's public surface for reporting: read-only projections in the current tenant (the context's tenant
/// filter applies), composable in SQL with <see cref="Delivery.DeliveryFacts"/>.
/// </summary>
public static class CatalogFacts
{
    public static IQueryable<AssessmentFact> Assessments(AppDbContext db) =>
        db.Set<Assessment>().IgnoreQueryFilters([QueryFilters.SoftDelete]).Select(a => new AssessmentFact
        {
            Id = a.Id,
            Title = a.Title,
            PackageNumber = a.PackageNumber,
            TestType = a.TestType,
            LatestVersion = a.LatestVersion,
            Deleted = a.DeletedAt != null,
        });

    public static IQueryable<VersionFact> Versions(AppDbContext db) =>
        db.Set<AssessmentVersion>().Select(v => new VersionFact
        {
            Id = v.Id,
            AssessmentId = v.AssessmentId,
            Number = v.Number,
            Title = v.Title,
            PublishedAt = v.PublishedAt,
        });
}
