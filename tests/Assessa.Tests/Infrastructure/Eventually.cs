namespace Assessa.Tests.Infrastructure;

/// <summary>
/// Waits for a condition that another thread or process makes true, checking every few milliseconds.
/// It synchronises on the condition itself, so it never passes early; the timeout only bounds a failure.
/// </summary>
public static class Eventually
{
    /// <summary>
    /// Generous, because it only bounds a failure: a server process starting on a busy 2-core machine (CI with other
    /// builds running) took more than 20 s to print its first lines.
    /// </summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for: {what}");
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
