using Assessa.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Assessa.Tests.Modules.Delivery;

/// <summary>
/// A server of its own whose clock the test moves and whose background jobs run only when the test says
/// (<see cref="AssessaApp.RunJobsAsync"/>) — for timers, expiry, reminders and bulk jobs, without sleeping.
/// </summary>
public static class DeliveryTestApp
{
    public static async Task<(AssessaApp App, FakeTimeProvider Time)> StartAsync(Db db, IDictionary<string, string?>? settings = null)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var all = new Dictionary<string, string?> { ["Jobs:Enabled"] = "false", ["Delivery:TimerGraceSeconds"] = "10" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var app = await AssessaApp.StartAsync(db, all, services => services.AddSingleton<TimeProvider>(time));
        return (app, time);
    }
}
