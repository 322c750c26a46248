namespace Assessa.Server.Modules.Field.Features.Import;

/// <summary>
/// The id of a site, enumerator or candidate as the import knows it. Shared by every row that names it, so when
/// another writer created the same name first, fixing the id once fixes every row.
/// </summary>
public sealed class EntityRef(Guid id)
{
    public Guid Id { get; set; } = id;
}

public readonly record struct SessionRow(
    long Line, Guid Id, long Number, long ClientId, EntityRef Candidate, EntityRef Site, EntityRef Enumerator, DateOnly Deadline, DateOnly? VisitDate, TimeOnly? VisitTime);

public sealed record RowError(long Line, string Error, string? Data);

public sealed record NewSite(EntityRef Ref, string Name, string NormalizedName, string? State, string? City);

public sealed record NewEnumerator(EntityRef Ref, string Name, string NormalizedName);

public sealed record NewCandidate(EntityRef Ref, string ExternalId);

/// <summary>Import counts and the checkpoint, as stored on the import row after each committed batch.</summary>
public sealed record ImportCounts(long LinesDone, long Total, long Successful, long Failed, long Created, long Updated);

/// <summary>One committed unit of an import: valid rows, row errors, the new names they need, and the last file line it covers.</summary>
public sealed class ImportBatch
{
    public List<SessionRow> Rows { get; } = [];

    public List<RowError> Errors { get; } = [];

    public List<NewSite> Sites { get; } = [];

    public List<NewEnumerator> Enumerators { get; } = [];

    public List<NewCandidate> Candidates { get; } = [];

    public long LastLine { get; set; }

    public int Count => Rows.Count + Errors.Count;

    /// <summary>Rows with a repeated <c>id_atendimento</c> collapse to the last one (a file's later line wins).</summary>
    public List<SessionRow> DistinctRows()
    {
        var seen = new HashSet<long>();
        var rows = new List<SessionRow>(Rows.Count);
        for (var i = Rows.Count - 1; i >= 0; i--)
        {
            if (seen.Add(Rows[i].Number))
            {
                rows.Add(Rows[i]);
            }
        }

        rows.Reverse();
        return rows;
    }

    public void Clear()
    {
        Rows.Clear();
        Errors.Clear();
        Sites.Clear();
        Enumerators.Clear();
        Candidates.Clear();
    }

    /// <summary>
    /// The counts after this batch: a row that repeats a session number of the same batch counts as an update of
    /// it, so created + updated = successful rows.
    /// </summary>
    public ImportCounts After(ImportCounts before, long created, long updated, int distinct) => new(
        LastLine,
        before.Total + Count,
        before.Successful + Rows.Count,
        before.Failed + Errors.Count,
        before.Created + created,
        before.Updated + updated + (Rows.Count - distinct));
}

/// <summary>What a store knows before the first batch: existing ids by normalized name and by client id.</summary>
public sealed record ImportLookups(Dictionary<string, EntityRef> Sites, Dictionary<string, EntityRef> Enumerators, Dictionary<long, EntityRef> Clients);
