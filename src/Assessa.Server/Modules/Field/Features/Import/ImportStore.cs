using System.Data.Common;
using System.Globalization;
using Assessa.Server.Modules.Field.Domain;
using Assessa.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Field.Features.Import;

/// <summary>
/// Writes an import's batches set-based, below EF (docs/adr/0017-field-import-staging-copy-and-checkpoints.md): every batch — new
/// sites, enumerators and candidates, upserted sessions, row errors and the import's checkpoint — commits in one
/// transaction, so a crash loses or repeats nothing. Every statement names the tenant.
/// </summary>
public abstract class ImportStore(AppDbContext db, Guid tenantId, Guid importId, TimeProvider time) : IAsyncDisposable
{
    protected Guid TenantId => tenantId;

    protected Guid ImportId => importId;

    protected DateTime Now => time.GetUtcNow().UtcDateTime;

    protected DbConnection Connection => db.Database.GetDbConnection();

    public static ImportStore Create(AppDbContext db, Guid tenantId, Guid importId, TimeProvider time) =>
        db.Database.IsNpgsql() ? new PostgresImportStore(db, tenantId, importId, time) : new SqliteImportStore(db, tenantId, importId, time);

    public async Task<ImportLookups> LoadAsync(CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var sites = await ReadPairsAsync("SELECT normalized_name, id FROM field_sites WHERE tenant_id = @t", ct);
        var enumerators = await ReadPairsAsync("SELECT normalized_name, id FROM field_enumerators WHERE tenant_id = @t", ct);
        var clients = new Dictionary<long, EntityRef>();
        foreach (var (key, id) in await ReadPairsAsync($"SELECT external_id, candidate_id FROM candidate_external_ids WHERE tenant_id = @t AND source = '{FieldNames.ClientSource}'", ct))
        {
            if (long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var client))
            {
                clients[client] = id;
            }
        }

        return new ImportLookups(sites, enumerators, clients);
    }

    /// <summary>Commits one batch and the checkpoint after it; returns the counts stored.</summary>
    public abstract Task<ImportCounts> WriteAsync(ImportBatch batch, ImportCounts before, CancellationToken ct);

    public async ValueTask DisposeAsync()
    {
        await db.Database.CloseConnectionAsync();
        GC.SuppressFinalize(this);
    }

    protected abstract object Param(Guid id);

    protected abstract Guid ReadGuid(DbDataReader reader, int ordinal);

    protected DbCommand Command(string sql, DbTransaction? transaction = null)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    protected static DbParameter Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    protected string CheckpointSql => "UPDATE field_imports SET lines_done = @lines, total_rows = @total, successful_rows = @ok, failed_rows = @failed, " +
        "created_sessions = @created, updated_sessions = @updated, updated_at = @now WHERE id = @import AND tenant_id = @t";

    protected async Task CheckpointAsync(DbTransaction transaction, ImportCounts counts, object now, CancellationToken ct)
    {
        await using var command = Command(CheckpointSql, transaction);
        Add(command, "@lines", counts.LinesDone);
        Add(command, "@total", counts.Total);
        Add(command, "@ok", counts.Successful);
        Add(command, "@failed", counts.Failed);
        Add(command, "@created", counts.Created);
        Add(command, "@updated", counts.Updated);
        Add(command, "@now", now);
        Add(command, "@import", Param(ImportId));
        Add(command, "@t", Param(TenantId));
        if (await command.ExecuteNonQueryAsync(ct) != 1)
        {
            throw new InvalidOperationException($"Import {ImportId} is gone; its batch was rolled back.");
        }
    }

    private async Task<Dictionary<string, EntityRef>> ReadPairsAsync(string sql, CancellationToken ct)
    {
        await using var command = Command(sql);
        Add(command, "@t", Param(TenantId));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var pairs = new Dictionary<string, EntityRef>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            pairs[reader.GetString(0)] = new EntityRef(ReadGuid(reader, 1));
        }

        return pairs;
    }
}
