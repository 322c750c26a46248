using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Assessa.Server.Modules.Field.Features.Import;
using Assessa.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Assessa.Tests.Modules.Field.Import;

/// <summary>
/// One server per database for the import tests: jobs run only when a test runs them, batches of 3 rows (so every
/// small file spans several committed batches), a 20 kB upload limit, and a fault switch that stops an import
/// right after a committed batch.
/// </summary>
public sealed class ImportApps : IAsyncDisposable
{
    public const long MaxBytes = 20_000;

    private readonly ConcurrentDictionary<Db, Lazy<Task<AssessaApp>>> _apps = new();

    public ImportFaults Faults { get; } = new();

    public Task<AssessaApp> GetAsync(Db kind) =>
        _apps.GetOrAdd(kind, k => new Lazy<Task<AssessaApp>>(() => AssessaApp.StartAsync(
            k,
            new Dictionary<string, string?>
            {
                ["Jobs:Enabled"] = "false",
                ["Field:ImportBatchRows"] = "3",
                ["Field:ImportMaxBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            s => s.AddSingleton<IFieldImportObserver>(Faults)))).Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps.Values.Where(a => a.IsValueCreated && a.Value.IsCompletedSuccessfully))
        {
            await (await app.Value).DisposeAsync();
        }
    }

    public static MultipartFormDataContent Multipart(byte[] file, string field = "file", string fileName = "sessions.csv")
    {
        var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(part, field, fileName);
        return content;
    }
}

/// <summary>Simulates a crash: the import whose id is armed throws after its first committed batch, once.</summary>
public sealed class ImportFaults : IFieldImportObserver
{
    private readonly ConcurrentDictionary<Guid, bool> _armed = new();

    public void CrashAfterFirstBatch(Guid importId) => _armed[importId] = true;

    public Task CommittedAsync(Guid importId, ImportCounts counts, CancellationToken ct) =>
        _armed.TryRemove(importId, out _) ? throw new IOException("simulated crash after a committed batch") : Task.CompletedTask;
}
