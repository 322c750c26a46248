using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Jobs;
using Assessa.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Assessa.Tests.Platform.Jobs;

/// <summary>
/// A server whose hosted runner is off, with test handlers and a fake clock, so tests drive
/// <see cref="JobProcessor"/>s by hand and decide when time passes.
/// </summary>
public sealed class JobTestApp : IAsyncDisposable
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private JobTestApp(AssessaApp app, FakeTimeProvider? time)
    {
        App = app;
        FakeTime = time;
    }

    public AssessaApp App { get; }

    public FakeTimeProvider? FakeTime { get; }

    public FakeTimeProvider Time => FakeTime ?? throw new InvalidOperationException("This app runs on the real clock.");

    public JobLog Log => App.Services.GetRequiredService<JobLog>();

    public TestCounters Gates => App.Services.GetRequiredService<TestCounters>();

    public static async Task<JobTestApp> StartAsync(Db db, bool fakeTime = true, bool hostedRunner = false)
    {
        var time = fakeTime ? new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero)) : null;
        var app = await AssessaApp.StartAsync(
            db,
            new Dictionary<string, string?>
            {
                ["Jobs:Enabled"] = hostedRunner ? "true" : "false",
                ["Jobs:PollIntervalMs"] = "60000",
                ["Jobs:LeaseSeconds"] = ((int)Lease.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Jobs:Concurrency"] = "4",
                ["Jobs:MaxAttempts"] = "5",
            },
            services =>
            {
                if (time is not null)
                {
                    services.AddSingleton<TimeProvider>(time);
                }

                services.AddSingleton<JobLog>();
                services.AddSingleton<ExclusiveProbe>();
                services.AddSingleton<SignalProbe>();
                services.AddJobHandler<RecordingHandler>("test.record");
                services.AddJobHandler<FailingHandler>("test.fail", maxAttempts: 3);
                services.AddJobHandler<GatedHandler>("test.gated");
                services.AddJobHandler<ExclusiveHandler>("test.exclusive");
                services.AddOutboxHandler<RecordingHandler>("test.event", "test.event.record");
                services.AddOutboxHandler<FlakyHandler>("test.event", "test.event.flaky");
                services.AddOutboxHandler<SignalHandler>("test.signal", "test.signal.handle");
            });
        return new JobTestApp(app, time);
    }

    public JobProcessor Runner(string owner) => App.Services.GetRequiredService<JobProcessorFactory>().Create(owner);

    public async Task<Guid> EnqueueAsync(string type, object? payload = null)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var job = scope.ServiceProvider.GetRequiredService<Outbox>().Enqueue(type, payload ?? new { });
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        return job.Id;
    }

    public async Task PublishAsync(string type, object payload)
    {
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Outbox>().Publish(type, payload);
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
    }

    public async Task<Job> JobAsync(Guid id)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Jobs.AsNoTracking().SingleAsync(j => j.Id == id);
    }

    public Task<List<T>> QueryAsync<T>(Func<AppDbContext, IQueryable<T>> query)
        where T : class => App.QueryAsync(query);

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
