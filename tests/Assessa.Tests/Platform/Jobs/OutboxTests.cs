using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Jobs;
using Assessa.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assessa.Tests.Platform.Jobs;

public sealed class OutboxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllDatabases]
    public async Task Messages_of_a_rolled_back_transaction_are_never_dispatched(Db db)
    {
        await using var app = await JobTestApp.StartAsync(db);
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var transaction = await context.Database.BeginTransactionAsync(Ct);
            scope.ServiceProvider.GetRequiredService<Outbox>().Publish("test.event", new { n = 1 });
            await context.SaveChangesAsync(Ct);
            await transaction.RollbackAsync(Ct);
        }

        await app.PublishAsync("test.event", new { n = 2 });
        await app.Runner("runner-a").RunUntilIdleAsync(Ct);

        Assert.Equal(["{\"n\":2}"], app.Log.PayloadsOf("record"));
        var messages = await app.QueryAsync(d => d.OutboxMessages);
        var message = Assert.Single(messages);
        Assert.Equal(OutboxStatus.Dispatched, message.Status);
    }

    [Theory, AllDatabases]
    public async Task Each_handler_of_a_message_gets_its_own_job_and_retries_on_its_own(Db db)
    {
        await using var app = await JobTestApp.StartAsync(db);
        await app.PublishAsync("test.event", new { n = 7 });
        var runner = app.Runner("runner-a");

        await runner.RunUntilIdleAsync(Ct);
        app.Time.Advance(TimeSpan.FromMinutes(5));
        await runner.RunUntilIdleAsync(Ct);

        Assert.Equal(["{\"n\":7}"], app.Log.PayloadsOf("record"));
        Assert.Equal(["{\"n\":7}", "{\"n\":7}"], app.Log.PayloadsOf("flaky"));
        var message = Assert.Single(await app.QueryAsync(d => d.OutboxMessages));
        var jobs = await app.QueryAsync(d => d.Jobs.Where(j => j.OutboxMessageId == message.Id).OrderBy(j => j.Type));
        Assert.Equal(["test.event.flaky", "test.event.record"], jobs.Select(j => j.Type));
        Assert.Equal([2, 1], jobs.Select(j => j.Attempts));
        Assert.All(jobs, j => Assert.Equal(JobStatus.Succeeded, j.Status));
    }

    [Theory, AllDatabases]
    public async Task The_hosted_runner_handles_a_committed_message_without_waiting_for_its_poll(Db db)
    {
        // Polls only every 60 s: prompt handling shows the commit woke the runner.
        await using var app = await JobTestApp.StartAsync(db, fakeTime: false, hostedRunner: true);
        var probe = app.App.Services.GetRequiredService<SignalProbe>();

        await app.PublishAsync("test.signal", new { n = 1 });
        await probe.WaitFor("{\"n\":1}").WaitAsync(TimeSpan.FromSeconds(20), Ct);
        await app.PublishAsync("test.signal", new { n = 2 });
        await probe.WaitFor("{\"n\":2}").WaitAsync(TimeSpan.FromSeconds(20), Ct);

        await Eventually.TrueAsync(
            async () => (await app.QueryAsync(d => d.Jobs.Where(j => j.Status != JobStatus.Succeeded))).Count == 0,
            "both jobs to be recorded as succeeded");
    }
}
