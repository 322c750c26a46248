namespace Assessa.Server.Platform;

/// <summary>
/// Work a module does once the database is ready and before the server serves (e.g. creating the first
/// superadmin). Registered as <c>IStartupTask</c> singletons; run in registration order.
/// </summary>
public interface IStartupTask
{
    Task RunAsync(IServiceProvider services, CancellationToken ct);
}

/// <summary>
/// Text shown on the console once the server listens — for things an operator must see exactly once (a
/// generated password). Never logged. <c>{base_url}</c> is replaced by the first listening address.
/// </summary>
public sealed class StartupNotices
{
    private readonly List<string> _notices = [];

    public IReadOnlyList<string> All => _notices;

    public void Add(string text) => _notices.Add(text);
}
