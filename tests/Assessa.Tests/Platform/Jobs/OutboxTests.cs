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

    [Theory, AllDatabases]
    public async Task A_batch_with_and_without_handlers_is_dispatched_whole_with_one_job_per_handler(Db db)
    {
        await using var app = await JobTestApp.StartAsync(db);
        await PublishTogetherAsync(app, [("test.event", 1), ("test.nobody", 2), ("test.event", 3), ("test.nobody", 4)]);

        Assert.Equal(4, await app.Runner("runner-a").DispatchOutboxAsync(Ct));

        var messages = await app.QueryAsync(d => d.OutboxMessages);
        Assert.All(messages, m => Assert.Equal(OutboxStatus.Dispatched, m.Status));
        Assert.All(messages, m => Assert.Null(m.LeaseOwner));
        var jobs = await app.QueryAsync(d => d.Jobs.OrderBy(j => j.Payload).ThenBy(j => j.Type));
        Assert.Equal(
            [("{\"n\":1}", "test.event.flaky"), ("{\"n\":1}", "test.event.record"), ("{\"n\":3}", "test.event.flaky"), ("{\"n\":3}", "test.event.record")],
            jobs.Select(j => (j.Payload, j.Type)));
        Assert.All(jobs, j => Assert.Contains(messages, m => m.Id == j.OutboxMessageId && m.Type == "test.event"));
    }

    [Theory, AllDatabases]
    public async Task A_batch_holding_a_message_another_runner_took_over_leaves_that_one_and_dispatches_the_rest(Db db)
    {
        await using var app = await JobTestApp.StartAsync(db);
        var slow = ActivatorUtilities.CreateInstance<OutboxDispatcher>(app.App.Services, "runner-slow");
        await PublishTogetherAsync(app, [("test.event", 1)]);
        var first = await slow.ClaimAsync(Ct);

        // The slow runner's lease runs out; another runner takes the message over and dispatches it.
        app.Time.Advance(JobTestApp.Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await app.Runner("runner-fast").DispatchOutboxAsync(Ct));
        var takenOver = Assert.Single(await app.QueryAsync(d => d.OutboxMessages));
        await PublishTogetherAsync(app, [("test.event", 2)]);
        var second = await slow.ClaimAsync(Ct);
        app.Time.Advance(TimeSpan.FromSeconds(5));

        await slow.DispatchAsync([.. first, .. second], Ct);

        var messages = await app.QueryAsync(d => d.OutboxMessages.OrderBy(m => m.Payload));
        Assert.All(messages, m => Assert.Equal(OutboxStatus.Dispatched, m.Status));
        Assert.Equal(takenOver.DispatchedAt, messages[0].DispatchedAt);
        Assert.Equal(app.Time.GetUtcNow().UtcDateTime, messages[1].DispatchedAt);
        var jobs = await app.QueryAsync(d => d.Jobs);
        Assert.Equal(2, jobs.Count(j => j.OutboxMessageId == messages[0].Id));
        Assert.Equal(2, jobs.Count(j => j.OutboxMessageId == messages[1].Id));
    }

    [Theory, AllDatabases]
    public async Task The_hosted_runner_drains_a_backlog_larger_than_a_batch_without_waiting_for_its_poll(Db db)
    {
        // Polls only every 60 s and the batch is 20: one commit of 45 messages wakes it once.
        await using var app = await JobTestApp.StartAsync(db, fakeTime: false, hostedRunner: true);
        await PublishTogetherAsync(app, Enumerable.Range(0, 45).Select(n => ("test.nobody", n)).ToList());

        await Eventually.TrueAsync(
            async () => (await app.QueryAsync(d => d.OutboxMessages.Where(m => m.Status != OutboxStatus.Dispatched))).Count == 0,
            "all 45 messages to be dispatched");
    }

    private static async Task PublishTogetherAsync(JobTestApp app, IReadOnlyList<(string Type, int N)> messages)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        foreach (var (type, n) in messages)
        {
            outbox.Publish(type, new { n });
        }

        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync(Ct);
    }
}
