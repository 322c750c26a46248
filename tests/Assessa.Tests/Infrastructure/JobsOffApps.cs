using System.Collections.Concurrent;

namespace Assessa.Tests.Infrastructure;

/// <summary>
/// A class fixture: one server per database with background jobs off, so jobs run only when a test runs them
/// (<see cref="AssessaApp.RunJobsAsync"/>) and a test sees queued work stay queued until it does — on the shared
/// servers a runner would take it at once.
/// </summary>
public sealed class JobsOffApps : IAsyncDisposable
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
