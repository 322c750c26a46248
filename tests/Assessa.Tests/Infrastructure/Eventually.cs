namespace Assessa.Tests.Infrastructure;

/// <summary>
/// Waits for a condition that another thread or process makes true, checking every few milliseconds.
/// It synchronises on the condition itself, so it never passes early; the timeout only bounds a failure.
/// </summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
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
