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
    private readonly HashSet<long> _seen = [];

    public List<SessionRow> Rows { get; } = [];

    public List<RowError> Errors { get; } = [];

    public List<NewSite> Sites { get; } = [];

    public List<NewEnumerator> Enumerators { get; } = [];

    public List<NewCandidate> Candidates { get; } = [];

    public long LastLine { get; set; }

    /// <summary>How far into the file the reader was when the batch was full (for progress).</summary>
    public int Percent { get; set; }

    /// <summary>The file's last batch (possibly empty: it may only move the checkpoint past blank lines).</summary>
    public bool Final { get; set; }

    public int Count => Rows.Count + Errors.Count;

    /// <summary>
    /// Rows with a repeated <c>id_atendimento</c> collapse to the last one (a file's later line wins). Without
    /// repeats (the usual case) that is <see cref="Rows"/> itself: a copy would be another array of a batch's size
    /// on the large object heap.
    /// </summary>
    public List<SessionRow> DistinctRows()
    {
        _seen.Clear();
        foreach (var row in Rows)
        {
            _seen.Add(row.Number);
        }

        if (_seen.Count == Rows.Count)
        {
            return Rows;
        }

        var rows = new List<SessionRow>(_seen.Count);
        _seen.Clear();
        for (var i = Rows.Count - 1; i >= 0; i--)
        {
            if (_seen.Add(Rows[i].Number))
            {
                rows.Add(Rows[i]);
            }
        }

        rows.Reverse();
        return rows;
    }

    /// <summary>Empties the batch for the next lines, keeping its capacity.</summary>
    public void Clear()
    {
        Rows.Clear();
        Errors.Clear();
        Sites.Clear();
        Enumerators.Clear();
        Candidates.Clear();
        LastLine = 0;
        Percent = 0;
        Final = false;
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
