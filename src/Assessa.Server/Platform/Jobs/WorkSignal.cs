namespace Assessa.Server.Platform.Jobs;

/// <summary>
/// Wakes this node's runner as soon as new work commits, so events reach handlers well within the poll
/// interval. Other nodes find the work at their next poll.
/// </summary>
public sealed class WorkSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Notify"/>. Take it before looking for work, then wait on it.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
