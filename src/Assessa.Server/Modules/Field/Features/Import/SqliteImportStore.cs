using System.Data.Common;
using System.Globalization;
using Assessa.Server.Modules.Field.Domain;
using Assessa.Server.Platform.Data;
using Microsoft.Data.Sqlite;

namespace Assessa.Server.Modules.Field.Features.Import;

/// <summary>
/// SQLite: prepared parameterised statements, one transaction per batch, the same upsert semantics as PostgreSQL.
/// Values are written in EF Core's SQLite text forms (upper-case GUIDs, ISO dates) so EF queries read them back.
/// </summary>
public sealed class SqliteImportStore(AppDbContext db, Guid tenantId, Guid importId, TimeProvider time) : ImportStore(db, tenantId, importId, time)
{
    private const string DateFormat = "yyyy-MM-dd";

    public override async Task<ImportCounts> WriteAsync(ImportBatch batch, ImportCounts before, CancellationToken ct)
    {
        var now = Text(Now);
        var t = Param(TenantId);
        await using var transaction = (SqliteTransaction)await Connection.BeginTransactionAsync(ct);

        if (batch.Sites.Count > 0)
        {
            using var insert = Prepare("INSERT INTO field_sites (id, tenant_id, name, normalized_name, state, city, created_at, updated_at) " +
                "VALUES ($id, $t, $name, $norm, $state, $city, $now, $now) ON CONFLICT (tenant_id, normalized_name) DO NOTHING", transaction, "$id", "$t", "$name", "$norm", "$state", "$city", "$now");
            foreach (var site in batch.Sites)
            {
                if (Run(insert, Param(site.Ref.Id), t, site.Name, site.NormalizedName, site.State, site.City, now) == 0)
                {
                    site.Ref.Id = Lookup("SELECT id FROM field_sites WHERE tenant_id = $t AND normalized_name = $key", site.NormalizedName, transaction);
                }
            }
        }

        if (batch.Enumerators.Count > 0)
        {
            using var insert = Prepare("INSERT INTO field_enumerators (id, tenant_id, name, normalized_name, created_at, updated_at) " +
                "VALUES ($id, $t, $name, $norm, $now, $now) ON CONFLICT (tenant_id, normalized_name) DO NOTHING", transaction, "$id", "$t", "$name", "$norm", "$now");
            foreach (var enumerator in batch.Enumerators)
            {
                if (Run(insert, Param(enumerator.Ref.Id), t, enumerator.Name, enumerator.NormalizedName, now) == 0)
                {
                    enumerator.Ref.Id = Lookup("SELECT id FROM field_enumerators WHERE tenant_id = $t AND normalized_name = $key", enumerator.NormalizedName, transaction);
                }
            }
        }

        if (batch.Candidates.Count > 0)
        {
            using var external = Prepare("INSERT INTO candidate_external_ids (id, tenant_id, candidate_id, source, external_id) " +
                $"VALUES ($id, $t, $candidate, '{FieldNames.ClientSource}', $ext) ON CONFLICT (tenant_id, source, external_id) DO NOTHING", transaction, "$id", "$t", "$candidate", "$ext");
            using var candidate = Prepare("INSERT INTO candidates (id, tenant_id, metadata, created_at, updated_at) VALUES ($id, $t, '{}', $now, $now)", transaction, "$id", "$t", "$now");
            foreach (var client in batch.Candidates)
            {
                var existing = TryLookup($"SELECT candidate_id FROM candidate_external_ids WHERE tenant_id = $t AND source = '{FieldNames.ClientSource}' AND external_id = $key", client.ExternalId, transaction);
                if (existing is { } id)
                {
                    client.Ref.Id = id;
                    continue;
                }

                Run(candidate, Param(client.Ref.Id), t, now);
                Run(external, Param(Guid.CreateVersion7()), t, Param(client.Ref.Id), client.ExternalId);
            }
        }

        var rows = batch.DistinctRows();
        long created = 0;
        using (var exists = Prepare("SELECT 1 FROM field_sessions WHERE tenant_id = $t AND number = $number", transaction, "$t", "$number"))
        using (var upsert = Prepare(
            "INSERT INTO field_sessions (id, tenant_id, number, client_id, candidate_id, site_id, enumerator_id, deadline, visit_date, visit_time, status, import_id, created_at, updated_at) " +
            $"VALUES ($id, $t, $number, $client, $candidate, $site, $enumerator, $deadline, $visit, $time, CASE WHEN $visit IS NULL THEN '{FieldNames.DefaultStatus}' ELSE 'COMPLETED' END, $import, $now, $now) " +
            "ON CONFLICT (tenant_id, number) DO UPDATE SET client_id = excluded.client_id, candidate_id = excluded.candidate_id, site_id = excluded.site_id, " +
            "enumerator_id = excluded.enumerator_id, deadline = excluded.deadline, visit_date = excluded.visit_date, visit_time = excluded.visit_time, " +
            $"status = CASE WHEN field_sessions.status = '{FieldNames.DefaultStatus}' AND excluded.visit_date IS NOT NULL THEN 'COMPLETED' ELSE field_sessions.status END, " +
            "import_id = excluded.import_id, updated_at = excluded.updated_at",
            transaction, "$id", "$t", "$number", "$client", "$candidate", "$site", "$enumerator", "$deadline", "$visit", "$time", "$import", "$now"))
        {
            var import = Param(ImportId);
            foreach (var row in rows)
            {
                exists.Parameters[0].Value = t;
                exists.Parameters[1].Value = row.Number;
                if (exists.ExecuteScalar() is null)
                {
                    created++;
                }

                Run(upsert, Param(row.Id), t, row.Number, row.ClientId, Param(row.Candidate.Id), Param(row.Site.Id), Param(row.Enumerator.Id),
                    row.Deadline.ToString(DateFormat, CultureInfo.InvariantCulture), row.VisitDate?.ToString(DateFormat, CultureInfo.InvariantCulture),
                    row.VisitTime?.ToString("HH:mm:ss", CultureInfo.InvariantCulture), import, now);
            }
        }

        if (batch.Errors.Count > 0)
        {
            using var insert = Prepare("INSERT INTO field_import_errors (id, tenant_id, import_id, line, error, data) VALUES ($id, $t, $import, $line, $error, $data) " +
                "ON CONFLICT (import_id, line) DO NOTHING", transaction, "$id", "$t", "$import", "$line", "$error", "$data");
            foreach (var error in batch.Errors)
            {
                Run(insert, Param(Guid.CreateVersion7()), t, Param(ImportId), error.Line, error.Error, error.Data);
            }
        }

        var after = batch.After(before, created, rows.Count - created, rows.Count);
        await CheckpointAsync(transaction, after, now, ct);
        await transaction.CommitAsync(ct);
        return after;
    }

    protected override object Param(Guid id) => id.ToString("D").ToUpperInvariant();

    protected override Guid ReadGuid(DbDataReader reader, int ordinal) => Guid.Parse(reader.GetString(ordinal));

    private static string Text(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private SqliteCommand Prepare(string sql, SqliteTransaction transaction, params string[] names)
    {
        var command = (SqliteCommand)Command(sql, transaction);
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        command.Prepare();
        return command;
    }

    private static int Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command.ExecuteNonQuery();
    }

    private Guid? TryLookup(string sql, string key, SqliteTransaction transaction)
    {
        using var command = Command(sql, transaction);
        Add(command, "$t", Param(TenantId));
        Add(command, "$key", key);
        return command.ExecuteScalar() is string id ? Guid.Parse(id) : null;
    }

    private Guid Lookup(string sql, string key, SqliteTransaction transaction) =>
        TryLookup(sql, key, transaction) ?? throw new InvalidOperationException($"'{key}' was neither inserted nor found.");
}
