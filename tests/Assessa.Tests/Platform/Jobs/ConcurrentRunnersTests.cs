using Assessa.Server.Platform.Jobs;
using Assessa.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Assessa.Tests.Platform.Jobs;

public sealed class ConcurrentRunnersTests
{
    [Theory, AllDatabases]
    public async Task Two_runners_on_one_database_never_run_the_same_job(Db db)
    {
        await using var app = await JobTestApp.StartAsync(db, fakeTime: false);
        const int jobCount = 60;
        var ids = new List<Guid>();
        for (var i = 0; i < jobCount; i++)
        {
            ids.Add(await app.EnqueueAsync("test.exclusive", new { i }));
        }

        var a = app.Runner("runner-a");
        var b = app.Runner("runner-b");
        var ct = TestContext.Current.CancellationToken;
        await Task.WhenAll(Task.Run(() => a.RunUntilIdleAsync(ct), ct), Task.Run(() => b.RunUntilIdleAsync(ct), ct));

        var probe = app.App.Services.GetRequiredService<ExclusiveProbe>();
        Assert.Equal(0, probe.Overlaps);
        Assert.Equal(ids.Order(), probe.Runs.Keys.Order());
        Assert.All(probe.Runs.Values, runs => Assert.Equal(1, runs));
        var jobs = await app.QueryAsync(d => d.Jobs.Where(j => j.Type == "test.exclusive"));
        Assert.All(jobs, j =>
        {
            Assert.Equal(JobStatus.Succeeded, j.Status);
            Assert.Equal(1, j.Attempts);
        });
    }
}
