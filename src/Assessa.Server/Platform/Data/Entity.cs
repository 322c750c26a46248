namespace Assessa.Server.Platform.Data;

/// <summary>An entity whose <c>created_at</c>/<c>updated_at</c> (UTC) are stamped on save.</summary>
public interface IHasTimestamps
{
    DateTime CreatedAt { get; set; }

    DateTime UpdatedAt { get; set; }
}

/// <summary>
/// An entity that is hidden rather than deleted: removing it sets <c>deleted_at</c>, and the
/// <c>"SoftDelete"</c> query filter hides it from every query that does not ask for it explicitly.
/// </summary>
public interface ISoftDeletable
{
    DateTime? DeletedAt { get; set; }
}

/// <summary>A row that is never changed or deleted once written (published versions, history). Saving a change throws.</summary>
public interface IImmutable;

/// <summary>Base for most entities: a UUIDv7 id (time-ordered, so inserts stay index-friendly) and timestamps.</summary>
public abstract class Entity : IHasTimestamps
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>Names of the EF Core named query filters, for <c>IgnoreQueryFilters([...])</c>.</summary>
public static class QueryFilters
{
    public const string Tenant = "Tenant";
    public const string SoftDelete = "SoftDelete";
}
