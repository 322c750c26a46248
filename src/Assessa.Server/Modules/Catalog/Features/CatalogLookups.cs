using Assessa.Server.Modules.Catalog.Domain;
using Assessa.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Catalog.Features;

/// <summary>
/// Competencies and sectors by name, as questions name them: an unknown name creates the entry (so a bank can
/// be posted or imported in one go). Names compare case-insensitively; the first spelling is kept.
/// </summary>
public sealed class CatalogLookups(AppDbContext db)
{
    private readonly Dictionary<string, Competency> _competencies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Sector> _sectors = new(StringComparer.Ordinal);

    public async Task<Competency> CompetencyAsync(string name, CancellationToken ct)
    {
        var key = Competency.Normalize(name);
        if (_competencies.TryGetValue(key, out var known))
        {
            return known;
        }

        var competency = await db.Set<Competency>().SingleOrDefaultAsync(c => c.NormalizedName == key, ct)
            ?? db.Add(new Competency { Name = name.Trim(), NormalizedName = key }).Entity;
        return _competencies[key] = competency;
    }

    public async Task<Sector?> SectorAsync(string? name, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var key = Competency.Normalize(name);
        if (_sectors.TryGetValue(key, out var known))
        {
            return known;
        }

        var sector = await db.Set<Sector>().SingleOrDefaultAsync(s => s.NormalizedName == key, ct)
            ?? db.Add(new Sector { Name = name.Trim(), NormalizedName = key }).Entity;
        return _sectors[key] = sector;
    }

    /// <summary>Names of competencies and sectors by id (deleted ones included: published content may still name them).</summary>
    public async Task<(Dictionary<Guid, string> Competencies, Dictionary<Guid, string> Sectors)> NamesAsync(IEnumerable<Guid> competencyIds, IEnumerable<Guid?> sectorIds, CancellationToken ct)
    {
        var cIds = competencyIds.Distinct().ToList();
        var sIds = sectorIds.Where(s => s is not null).Select(s => s!.Value).Distinct().ToList();
        var competencies = await db.Set<Competency>().IgnoreQueryFilters([QueryFilters.SoftDelete]).Where(c => cIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var sectors = await db.Set<Sector>().IgnoreQueryFilters([QueryFilters.SoftDelete]).Where(s => sIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        return (competencies, sectors);
    }
}
