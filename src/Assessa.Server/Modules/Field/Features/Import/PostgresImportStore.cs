using System.Data.Common;
using Assessa.Server.Modules.Field.Domain;
using Assessa.Server.Platform.Data;
using Npgsql;
using NpgsqlTypes;

namespace Assessa.Server.Modules.Field.Features.Import;

/// <summary>
/// PostgreSQL: new names through <c>unnest</c> arrays (<c>ON CONFLICT DO NOTHING</c>, then the winners' ids are
/// read back), sessions through binary COPY into a temporary staging table and one
/// <c>INSERT … ON CONFLICT (tenant_id, number) DO UPDATE</c>.
/// </summary>
public sealed class PostgresImportStore(AppDbContext db, Guid tenantId, Guid importId, TimeProvider time) : ImportStore(db, tenantId, importId, time)
{
    private const string Stage = "field_import_stage";
    private bool _staged;

    private NpgsqlConnection Npgsql => (NpgsqlConnection)Connection;

    public override async Task<ImportCounts> WriteAsync(ImportBatch batch, ImportCounts before, CancellationToken ct)
    {
        var now = Now;
        await EnsureStageAsync(ct);
        await using var transaction = await Npgsql.BeginTransactionAsync(ct);
        await InsertSitesAsync(batch.Sites, transaction, now, ct);
        await InsertEnumeratorsAsync(batch.Enumerators, transaction, now, ct);
        await InsertCandidatesAsync(batch.Candidates, transaction, now, ct);
        var rows = batch.DistinctRows();
        var (created, updated) = await UpsertSessionsAsync(rows, transaction, now, ct);
        await InsertErrorsAsync(batch.Errors, transaction, ct);
        var after = batch.After(before, created, updated, rows.Count);
        await CheckpointAsync(transaction, after, now, ct);
        await transaction.CommitAsync(ct);
        return after;
    }

    protected override object Param(Guid id) => id;

    protected override Guid ReadGuid(DbDataReader reader, int ordinal) => reader.GetGuid(ordinal);

    private async Task EnsureStageAsync(CancellationToken ct)
    {
        if (_staged)
        {
            return;
        }

        await using var command = Command($"CREATE TEMP TABLE IF NOT EXISTS {Stage} (id uuid, number bigint, client_id bigint, candidate_id uuid, site_id uuid, " +
            "enumerator_id uuid, deadline date, visit_date date, visit_time time) ON COMMIT DELETE ROWS");
        await command.ExecuteNonQueryAsync(ct);
        _staged = true;
    }

    private async Task InsertSitesAsync(List<NewSite> sites, NpgsqlTransaction transaction, DateTime now, CancellationToken ct)
    {
        if (sites.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            "INSERT INTO field_sites (id, tenant_id, name, normalized_name, state, city, created_at, updated_at) " +
            "SELECT u.id, @t, u.name, u.norm, u.state, u.city, @now, @now FROM unnest(@ids, @names, @norms, @states, @cities) AS u(id, name, norm, state, city) " +
            "ON CONFLICT (tenant_id, normalized_name) DO NOTHING RETURNING id", Npgsql, transaction);
        command.Parameters.AddWithValue("t", TenantId);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("ids", sites.Select(s => s.Ref.Id).ToArray());
        command.Parameters.AddWithValue("names", sites.Select(s => s.Name).ToArray());
        command.Parameters.AddWithValue("norms", sites.Select(s => s.NormalizedName).ToArray());
        command.Parameters.Add(new NpgsqlParameter("states", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = sites.Select(s => (object?)s.State ?? DBNull.Value).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("cities", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = sites.Select(s => (object?)s.City ?? DBNull.Value).ToArray() });
        var inserted = await ReadIdsAsync(command, ct);
        await ReconcileAsync("field_sites", sites.Where(s => !inserted.Contains(s.Ref.Id)).ToDictionary(s => s.NormalizedName, s => s.Ref), transaction, ct);
    }

    private async Task InsertEnumeratorsAsync(List<NewEnumerator> enumerators, NpgsqlTransaction transaction, DateTime now, CancellationToken ct)
    {
        if (enumerators.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            "INSERT INTO field_enumerators (id, tenant_id, name, normalized_name, created_at, updated_at) " +
            "SELECT u.id, @t, u.name, u.norm, @now, @now FROM unnest(@ids, @names, @norms) AS u(id, name, norm) " +
            "ON CONFLICT (tenant_id, normalized_name) DO NOTHING RETURNING id", Npgsql, transaction);
        command.Parameters.AddWithValue("t", TenantId);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("ids", enumerators.Select(s => s.Ref.Id).ToArray());
        command.Parameters.AddWithValue("names", enumerators.Select(s => s.Name).ToArray());
        command.Parameters.AddWithValue("norms", enumerators.Select(s => s.NormalizedName).ToArray());
        var inserted = await ReadIdsAsync(command, ct);
        await ReconcileAsync("field_enumerators", enumerators.Where(s => !inserted.Contains(s.Ref.Id)).ToDictionary(s => s.NormalizedName, s => s.Ref), transaction, ct);
    }

    private async Task ReconcileAsync(string table, Dictionary<string, EntityRef> lost, NpgsqlTransaction transaction, CancellationToken ct)
    {
        if (lost.Count == 0)
        {
            return;
        }

        // Another writer created these names first: use its rows.
        await using var command = new NpgsqlCommand($"SELECT normalized_name, id FROM {table} WHERE tenant_id = @t AND normalized_name = ANY(@norms)", Npgsql, transaction);
        command.Parameters.AddWithValue("t", TenantId);
        command.Parameters.AddWithValue("norms", lost.Keys.ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            lost[reader.GetString(0)].Id = reader.GetGuid(1);
        }
    }

    private async Task InsertCandidatesAsync(List<NewCandidate> candidates, NpgsqlTransaction transaction, DateTime now, CancellationToken ct)
    {
        if (candidates.Count == 0)
        {
            return;
        }

        var ids = candidates.Select(c => c.Ref.Id).ToArray();
        await using (var insert = new NpgsqlCommand("INSERT INTO candidates (id, tenant_id, metadata, created_at, updated_at) SELECT u, @t, '{}', @now, @now FROM unnest(@ids) AS u", Npgsql, transaction))
        {
            insert.Parameters.AddWithValue("t", TenantId);
            insert.Parameters.AddWithValue("now", now);
            insert.Parameters.AddWithValue("ids", ids);
            await insert.ExecuteNonQueryAsync(ct);
        }

        HashSet<Guid> linked;
        await using (var external = new NpgsqlCommand(
            "INSERT INTO candidate_external_ids (id, tenant_id, candidate_id, source, external_id) " +
            "SELECT u.xid, @t, u.cid, @source, u.ext FROM unnest(@xids, @ids, @exts) AS u(xid, cid, ext) " +
            "ON CONFLICT (tenant_id, source, external_id) DO NOTHING RETURNING candidate_id", Npgsql, transaction))
        {
            external.Parameters.AddWithValue("t", TenantId);
            external.Parameters.AddWithValue("source", FieldNames.ClientSource);
            external.Parameters.AddWithValue("xids", candidates.Select(_ => Guid.CreateVersion7()).ToArray());
            external.Parameters.AddWithValue("ids", ids);
            external.Parameters.AddWithValue("exts", candidates.Select(c => c.ExternalId).ToArray());
            linked = await ReadIdsAsync(external, ct);
        }

        var lost = candidates.Where(c => !linked.Contains(c.Ref.Id)).ToList();
        if (lost.Count == 0)
        {
            return;
        }

        // Another writer linked these clients first: drop the spare candidates and use its ones.
        await using (var delete = new NpgsqlCommand("DELETE FROM candidates WHERE tenant_id = @t AND id = ANY(@ids)", Npgsql, transaction))
        {
            delete.Parameters.AddWithValue("t", TenantId);
            delete.Parameters.AddWithValue("ids", lost.Select(c => c.Ref.Id).ToArray());
            await delete.ExecuteNonQueryAsync(ct);
        }

        var byExternal = lost.ToDictionary(c => c.ExternalId, c => c.Ref);
        await using var select = new NpgsqlCommand("SELECT external_id, candidate_id FROM candidate_external_ids WHERE tenant_id = @t AND source = @source AND external_id = ANY(@exts)", Npgsql, transaction);
        select.Parameters.AddWithValue("t", TenantId);
        select.Parameters.AddWithValue("source", FieldNames.ClientSource);
        select.Parameters.AddWithValue("exts", byExternal.Keys.ToArray());
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            byExternal[reader.GetString(0)].Id = reader.GetGuid(1);
        }
    }

    private async Task<(long Created, long Updated)> UpsertSessionsAsync(List<SessionRow> rows, NpgsqlTransaction transaction, DateTime now, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return (0, 0);
        }

        await using (var copy = await Npgsql.BeginBinaryImportAsync(
            $"COPY {Stage} (id, number, client_id, candidate_id, site_id, enumerator_id, deadline, visit_date, visit_time) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in rows)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(row.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(row.Number, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(row.ClientId, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(row.Candidate.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(row.Site.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(row.Enumerator.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(row.Deadline, NpgsqlDbType.Date, ct);
                if (row.VisitDate is { } visit)
                {
                    await copy.WriteAsync(visit, NpgsqlDbType.Date, ct);
                }
                else
                {
                    await copy.WriteNullAsync(ct);
                }

                if (row.VisitTime is { } at)
                {
                    await copy.WriteAsync(at, NpgsqlDbType.Time, ct);
                }
                else
                {
                    await copy.WriteNullAsync(ct);
                }
            }

            await copy.CompleteAsync(ct);
        }

        await using var upsert = new NpgsqlCommand(
            "WITH up AS (INSERT INTO field_sessions (id, tenant_id, number, client_id, candidate_id, site_id, enumerator_id, deadline, visit_date, visit_time, status, import_id, created_at, updated_at) " +
            $"SELECT s.id, @t, s.number, s.client_id, s.candidate_id, s.site_id, s.enumerator_id, s.deadline, s.visit_date, s.visit_time, " +
            $"CASE WHEN s.visit_date IS NULL THEN '{FieldNames.DefaultStatus}' ELSE 'COMPLETED' END, @import, @now, @now FROM {Stage} s " +
            "ON CONFLICT (tenant_id, number) DO UPDATE SET client_id = excluded.client_id, candidate_id = excluded.candidate_id, site_id = excluded.site_id, " +
            "enumerator_id = excluded.enumerator_id, deadline = excluded.deadline, visit_date = excluded.visit_date, visit_time = excluded.visit_time, " +
            $"status = CASE WHEN field_sessions.status = '{FieldNames.DefaultStatus}' AND excluded.visit_date IS NOT NULL THEN 'COMPLETED' ELSE field_sessions.status END, " +
            "import_id = excluded.import_id, updated_at = excluded.updated_at RETURNING (xmax = 0) AS inserted) " +
            "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM up", Npgsql, transaction);
        upsert.Parameters.AddWithValue("t", TenantId);
        upsert.Parameters.AddWithValue("import", ImportId);
        upsert.Parameters.AddWithValue("now", now);
        await using var reader = await upsert.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task InsertErrorsAsync(List<RowError> errors, NpgsqlTransaction transaction, CancellationToken ct)
    {
        if (errors.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            "INSERT INTO field_import_errors (id, tenant_id, import_id, line, error, data) " +
            "SELECT u.id, @t, @import, u.line, u.error, u.data FROM unnest(@ids, @lines, @errors, @data) AS u(id, line, error, data) " +
            "ON CONFLICT (import_id, line) DO NOTHING", Npgsql, transaction);
        command.Parameters.AddWithValue("t", TenantId);
        command.Parameters.AddWithValue("import", ImportId);
        command.Parameters.AddWithValue("ids", errors.Select(_ => Guid.CreateVersion7()).ToArray());
        command.Parameters.AddWithValue("lines", errors.Select(e => e.Line).ToArray());
        command.Parameters.AddWithValue("errors", errors.Select(e => e.Error).ToArray());
        command.Parameters.Add(new NpgsqlParameter("data", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = errors.Select(e => (object?)e.Data ?? DBNull.Value).ToArray() });
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<HashSet<Guid>> ReadIdsAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var ids = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }
}
