using System.Collections.Concurrent;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Reporting.Exports;

/// <summary>One server per database for the export tests, with background jobs run only when a test runs them.</summary>
public sealed class ExportApps : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Db, Lazy<Task<AssessaApp>>> _apps = new();

    public Task<AssessaApp> GetAsync(Db kind) =>
        _apps.GetOrAdd(kind, k => new Lazy<Task<AssessaApp>>(() => AssessaApp.StartAsync(k, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" }))).Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps.Values.Where(a => a.IsValueCreated && a.Value.IsCompletedSuccessfully))
        {
            await (await app.Value).DisposeAsync();
        }
    }
}
