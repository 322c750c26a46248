using System.Collections.Concurrent;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Reporting.ItemAnalysis;

/// <summary>
/// One server per database for the item analysis tests, with background jobs off: jobs run only when a test runs
/// them, so a test sees an analysis queued until it does (on the shared servers a runner would take it at once).
/// </summary>
public sealed class ItemAnalysisApps : IAsyncDisposable
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
