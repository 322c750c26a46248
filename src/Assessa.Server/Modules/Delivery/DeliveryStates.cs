namespace Assessa.Server.Modules.Delivery;

// The states and channels of invitations and submissions: public, because reports and other modules filter on them.

/// <summary>The lifecycle of an invitation; <c>Domain.InvitationTransitions</c> says which changes are allowed.</summary>
public enum InvitationStatus
{
    /// <summary>Created (and sent); the candidate has not opened it.</summary>
    Pending,

    /// <summary>The candidate opened it but has not started.</summary>
    NotStarted,

    InProgress,
    Completed,

    /// <summary>Started and left unfinished (time ran out with nothing to submit, or staff said so).</summary>
    Abandoned,

    /// <summary>Processing failed (e.g. an external scorer gave up).</summary>
    Failed,

    Cancelled,
    Archived,
    Expired,
}

/// <summary>How the candidate answers.</summary>
public enum DeliveryChannel
{
    Web,
    Whatsapp,
    Field,
    Api,
}

public enum SubmissionStatus
{
    /// <summary>Received, waiting for an external scorer (sjt-jdt submissions).</summary>
    Submitted,

    /// <summary>An external scorer is working on it.</summary>
    Analyzing,

    /// <summary>Scored except open-text answers, which wait for an analyst.</summary>
    PendingReview,

    Completed,
    Failed,
}
