using Assessa.Server.Platform.Jobs;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Platform.Jobs;

/// <summary>Claiming, running, retrying and taking over jobs, with the clock under the test's control.</summary>
public sealed class JobRunnerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllDatabases]
    public async Task A_queued_job_runs_once_and_records_its_result(Db db)
    {
        await using var app = await JobTestApp.StartAsync(db);
        var id = await app.EnqueueAsync("test.record");

        await app.Runner("runner-a").RunUntilIdleAsync(Ct);

        var job = await app.JobAsync(id);
        Assert.Equal(JobStatus.Succeeded, job.Status);
        Assert.Equal(100, job.Progress);
        Assert.Equal(1, job.Attempts);
        Assert.Equal("{\"attempt\":1}", job.Result);
        Assert.Null(job.LeaseOwner);
        Assert.Equal(app.Time.GetUtcNow().UtcDateTime, job.CompletedAt);
        Assert.Equal(1, app.Log.RunsOf(id));
    }

    [Theory, AllDatabases]
    public async Task A_failing_job_is_retried_after_its_backoff_and_then_fails_for_good(Db db)
    {
        await using var app = await JobTestApp.StartAsync(db);
        var runner = app.Runner("runner-a");
        var id = await app.EnqueueAsync("test.fail");

        Assert.Equal(1, await runner.RunOnceAsync(Ct));
        var job = await app.JobAsync(id);
        Assert.Equal(JobStatus.Queued, job.Status);
        Assert.Equal("InvalidOperationException: boom", job.Error);
        Assert.Equal(app.Time.GetUtcNow().UtcDateTime.AddMinutes(1), job.RunAfter);

        Assert.Equal(0, await runner.RunOnceAsync(Ct));
        app.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await runner.RunOnceAsync(Ct));
        Assert.Equal(app.Time.GetUtcNow().UtcDateTime.AddMinutes(2), (await app.JobAsync(id)).RunAfter);

        app.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await runner.RunOnceAsync(Ct));
        job = await app.JobAsync(id);
        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Equal(3, job.Attempts);
        Assert.NotNull(job.CompletedAt);

        app.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await runner.RunOnceAsync(Ct));
        Assert.Equal(3, app.Log.RunsOf(id));
    }

    [Theory, AllDatabases]
    public async Task A_crashed_runners_job_is_taken_over_after_its_lease_and_completes_exactly_once(Db db)
    {
        await using var app = await JobTestApp.StartAsync(db);
        var id = await app.EnqueueAsync("test.record");
        var crashed = app.Runner("runner-crashed");
        var survivor = app.Runner("runner-survivor");

        // The first runner claims the job and then dies: no heartbeat, no outcome.
        var claimed = Assert.Single(await crashed.ClaimJobsAsync(1, Ct));
        Assert.Equal(0, await survivor.RunOnceAsync(Ct));

        app.Time.Advance(JobTestApp.Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await survivor.RunOnceAsync(Ct));
        var done = await app.JobAsync(id);
        Assert.Equal(JobStatus.Succeeded, done.Status);
        Assert.Equal(2, done.Attempts);
        Assert.Equal("{\"attempt\":2}", done.Result);
        Assert.Equal(1, app.Log.RunsOf(id));

        // If the first runner was only frozen and wakes up, its stale claim cannot overwrite the outcome.
        Assert.Equal(JobOutcome.LeaseLost, await crashed.RunAsync(claimed, Ct));
        var after = await app.JobAsync(id);
        Assert.Equal(JobStatus.Succeeded, after.Status);
        Assert.Equal("{\"attempt\":2}", after.Result);
        Assert.Equal(done.CompletedAt, after.CompletedAt);
        Assert.Equal(0, await survivor.RunOnceAsync(Ct));
    }

    [Theory, AllDatabases]
    public async Task The_heartbeat_keeps_a_long_job_leased(Db db)
    {
        await using var app = await JobTestApp.StartAsync(db);
        var id = await app.EnqueueAsync("test.gated", new GatePayload("long"));
        var worker = app.Runner("runner-worker");
        var other = app.Runner("runner-other");
        var run = worker.RunAsync(Assert.Single(await worker.ClaimJobsAsync(1, Ct)), Ct);
        await app.Gates.Entered("long").Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);

        // Let well over one lease pass, one heartbeat at a time.
        var started = app.Time.GetUtcNow();
        while (app.Time.GetUtcNow() - started < JobTestApp.Lease * 1.5)
        {
            var before = (await app.JobAsync(id)).LeaseExpiresAt;
            await Eventually.TrueAsync(
                async () =>
                {
                    app.Time.Advance(TimeSpan.FromSeconds(1));
                    return (await app.JobAsync(id)).LeaseExpiresAt > before;
                },
                "the lease to be renewed");
        }

        Assert.Empty(await other.ClaimJobsAsync(1, Ct));
        app.Gates.Gate("long").SetResult();
        Assert.Equal(JobOutcome.Succeeded, await run);
        Assert.Equal(1, (await app.JobAsync(id)).Attempts);
    }

    [Theory, AllDatabases]
    public async Task Progress_is_stored_while_the_job_runs(Db db)
    {
        await using var app = await JobTestApp.StartAsync(db);
        var id = await app.EnqueueAsync("test.gated", new GatePayload("progress"));
        var runner = app.Runner("runner-a");
        var run = runner.RunAsync(Assert.Single(await runner.ClaimJobsAsync(1, Ct)), Ct);
        await app.Gates.Entered("progress").Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);

        var running = await app.JobAsync(id);
        Assert.Equal(JobStatus.Running, running.Status);
        Assert.Equal(50, running.Progress);
        Assert.Equal("halfway", running.ProgressMessage);

        app.Gates.Gate("progress").SetResult();
        Assert.Equal(JobOutcome.Succeeded, await run);
        Assert.Equal(100, (await app.JobAsync(id)).Progress);
    }

    [Theory, AllDatabases]
    public async Task A_stopping_runner_returns_its_job_to_the_queue_without_using_an_attempt(Db db)
    {
        await using var app = await JobTestApp.StartAsync(db);
        var id = await app.EnqueueAsync("test.gated", new GatePayload("stop"));
        var runner = app.Runner("runner-a");
        using var stopping = new CancellationTokenSource();
        var run = runner.RunAsync(Assert.Single(await runner.ClaimJobsAsync(1, Ct)), stopping.Token);
        await app.Gates.Entered("stop").Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);

        await stopping.CancelAsync();

        Assert.Equal(JobOutcome.Released, await run);
        var job = await app.JobAsync(id);
        Assert.Equal(JobStatus.Queued, job.Status);
        Assert.Equal(0, job.Attempts);
        Assert.Null(job.LeaseOwner);
    }

    [Theory, AllDatabases]
    public async Task A_job_without_a_handler_fails_with_a_reason(Db db)
    {
        await using var app = await JobTestApp.StartAsync(db);
        var id = await app.EnqueueAsync("test.nobody-handles-this");

        await app.Runner("runner-a").RunUntilIdleAsync(Ct);

        var job = await app.JobAsync(id);
        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Equal("No handler is registered for job type 'test.nobody-handles-this'.", job.Error);
    }
}
