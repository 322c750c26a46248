namespace Assessa.Server.Platform.Jobs;

/// <summary>
/// Told about outbox messages right after the dispatcher has committed them as dispatched, on the node that
/// dispatched them — for ephemeral notifications (the live dashboard) that must follow the commit but need no
/// job of their own. At most once: a node that dies between the commit and the call loses the notification, so
/// observers must never be the only record of anything. An observer's failure is logged and ignored.
/// </summary>
public interface IOutboxObserver
{
    Task OnDispatchedAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken);
}
