using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Endpoints;
using Assessa.Server.Platform.Jobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Assessa.Tests.Infrastructure;

/// <summary>
/// The real server (Program) on real Kestrel at 127.0.0.1:&lt;free port&gt;, on its own fresh database. Tests talk
/// to it over HTTP. Extra settings and service overrides are per app, so apps never share state.
/// </summary>
public sealed class AssessaApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly bool _ownsDatabase = true;

    private AssessaApp(AssessaApp first, IDictionary<string, string?> settings)
    {
        Database = first.Database;
        _ownsDatabase = false;
        _settings = new Dictionary<string, string?>(first._settings);
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }
    }

    private AssessaApp(TestDatabase database, IDictionary<string, string?>? settings, Action<IServiceCollection>? services)
    {
        Database = database;
        _settings = new Dictionary<string, string?>(database.ServerSettings)
        {
            ["Auth:SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)),
            ["Bootstrap:AdminEmail"] = $"superadmin-{Guid.NewGuid():N}@assessa.test",
            ["Bootstrap:AdminPassword"] = "Sup3r-" + Guid.NewGuid().ToString("N"),
            // Tests share one client address; the limits themselves are tested on apps of their own.
            ["Auth:RateLimit:PerIpPerMinute"] = "100000",
            ["Auth:RateLimit:PerAccountPerMinute"] = "100000",
            ["Storage:DataDirectory"] = Path.Combine(Path.GetTempPath(), "assessa-tests", "data-" + Guid.NewGuid().ToString("N")),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        _services = services;
    }

    public TestDatabase Database { get; }

    /// <summary>The superadmin the server bootstrapped (unless the test configured another).</summary>
    public string SuperadminEmail => _settings["Bootstrap:AdminEmail"]!;

    public string SuperadminPassword => _settings["Bootstrap:AdminPassword"]!;

    public Db Kind => Database.Kind;

    /// <summary>Starts a server on a new database of <paramref name="kind"/> (migrated at startup).</summary>
    public static async Task<AssessaApp> StartAsync(Db kind, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        Assert.SkipWhen(kind == Db.Postgres && !PostgresServer.IsConfigured, PostgresServer.SkipReason);
        var database = await TestDatabase.CreateAsync(kind);
        return await StartAsync(new AssessaApp(database, settings, services));
    }

    /// <summary>
    /// A second node of <paramref name="first"/>: another server on another port, on the same database with the
    /// same keys and data directory, as behind a load balancer. <paramref name="settings"/> override the first's.
    /// </summary>
    public static Task<AssessaApp> StartNodeAsync(AssessaApp first, IDictionary<string, string?> settings) =>
        StartAsync(new AssessaApp(first, settings));

    private static async Task<AssessaApp> StartAsync(AssessaApp app)
    {
        try
        {
            app.UseKestrel(0);
            await Task.Run(app.StartServer);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client of the running server over real HTTP.</summary>
    public HttpClient NewClient(bool followRedirects = true) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = followRedirects, UseCookies = false }) { BaseAddress = BaseAddress };

    /// <summary>The server's base address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    /// <summary>Reads the database directly (every tenant: query filters off), for asserting on what was stored.</summary>
    public async Task<List<T>> QueryAsync<T>(Func<AppDbContext, IQueryable<T>> query)
        where T : class
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await query(db).IgnoreQueryFilters().AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Writes to the database directly as tenant <paramref name="tenantId"/>, for states the API would refuse to create.</summary>
    public async Task WriteAsync(Guid tenantId, Func<AppDbContext, Task> write)
    {
        await using var scope = Services.CreateAsyncScope();
        using var _ = scope.ServiceProvider.GetRequiredService<Assessa.Server.Platform.Tenancy.ICurrentTenant>().Use(tenantId);
        await write(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>Runs background jobs that are due now (for apps started with <c>Jobs:Enabled=false</c>) until none is left.</summary>
    public async Task RunJobsAsync() =>
        await Services.GetRequiredService<JobProcessorFactory>().Create("test-runner-" + Guid.NewGuid().ToString("N")[..6]).RunUntilIdleAsync(TestContext.Current.CancellationToken);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Warning);
            if (ErrorLogFile.Path is { } path)
            {
                logging.AddProvider(new ErrorLogFile(path));
            }
        });
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IEndpointContributor, TestEndpoints>();
            services.AddSingleton<TestCounters>();
            services.AddTestAuthentication();
            _services?.Invoke(services);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }
}
