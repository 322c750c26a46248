using System.Collections.Concurrent;

[assembly: AssemblyFixture(typeof(Assessa.Tests.Infrastructure.SharedApps))]

namespace Assessa.Tests.Infrastructure;

/// <summary>
/// One running server per database for the whole test run, for tests that only need the default
/// configuration. Tests on shared servers never depend on what other tests wrote (they create their own data).
/// </summary>
public sealed class SharedApps : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Db, Lazy<Task<AssessaApp>>> _apps = new();

    public Task<AssessaApp> GetAsync(Db kind)
    {
        Assert.SkipWhen(kind == Db.Postgres && !PostgresServer.IsConfigured, PostgresServer.SkipReason);
        return _apps.GetOrAdd(kind, k => new Lazy<Task<AssessaApp>>(() => AssessaApp.StartAsync(k))).Value;
    }

    public async Task<HttpClient> ClientAsync(Db kind, bool followRedirects = true) =>
        (await GetAsync(kind)).NewClient(followRedirects);

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps.Values.Where(a => a.IsValueCreated))
        {
            try
            {
                await (await app.Value).DisposeAsync();
            }
            catch (Exception) when (app.Value.IsFaulted)
            {
                // The app never started; its failure was reported by the tests that needed it.
            }
        }
    }
}
