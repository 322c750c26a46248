namespace Assessa.Server.Modules.Integrations.Features.Webhooks;

/// <summary>The event types an endpoint may subscribe to (contracts/standard-webhooks.md), and the test ping.</summary>
public static class WebhookEvents
{
    public const string Test = "webhook.test";

    public static readonly IReadOnlyList<string> All =
    [
        "invitation.created",
        "invitation.status_changed",
        "submission.completed",
        "submission.pending_review",
        "submission.reviewed",
        "import.completed",
        "field_session.created",
        "field_session.updated",
    ];

    /// <summary>The job type that fans one outbox event of <paramref name="eventType"/> out to the subscribed endpoints.</summary>
    public static string FanoutJob(string eventType) => "webhooks.fanout:" + eventType;

    public const string DeliverJob = "webhooks.deliver";
}
