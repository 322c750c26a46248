namespace Assessa.Server.Modules.Delivery.Domain;

/// <summary>
/// The allowed status changes of an invitation (anything else is a 409). Setting the status it already has is
/// always allowed (e.g. an operator changing only the score).
/// </summary>
public static class InvitationTransitions
{
    private static readonly Dictionary<InvitationStatus, InvitationStatus[]> Allowed = new()
    {
        [InvitationStatus.Pending] = [InvitationStatus.NotStarted, InvitationStatus.InProgress, InvitationStatus.Completed, InvitationStatus.Failed, InvitationStatus.Cancelled, InvitationStatus.Expired],
        [InvitationStatus.NotStarted] = [InvitationStatus.InProgress, InvitationStatus.Completed, InvitationStatus.Failed, InvitationStatus.Cancelled, InvitationStatus.Expired],
        [InvitationStatus.InProgress] = [InvitationStatus.Completed, InvitationStatus.Abandoned, InvitationStatus.Failed, InvitationStatus.Cancelled, InvitationStatus.Expired],
        // A retake starts again from abandoned or failed (while attempts remain); staff may also close them.
        [InvitationStatus.Abandoned] = [InvitationStatus.InProgress, InvitationStatus.Completed, InvitationStatus.Cancelled, InvitationStatus.Archived],
        [InvitationStatus.Failed] = [InvitationStatus.InProgress, InvitationStatus.Completed, InvitationStatus.Cancelled, InvitationStatus.Archived],
        [InvitationStatus.Completed] = [InvitationStatus.Archived],
        // Reopening a cancelled invitation, or extending an expired one, makes it pending again.
        [InvitationStatus.Cancelled] = [InvitationStatus.Pending, InvitationStatus.Archived],
        [InvitationStatus.Expired] = [InvitationStatus.Pending, InvitationStatus.Archived],
        [InvitationStatus.Archived] = [],
    };

    /// <summary>Statuses in which the candidate can still open, start or continue the invitation.</summary>
    public static bool IsOpen(InvitationStatus status) =>
        status is InvitationStatus.Pending or InvitationStatus.NotStarted or InvitationStatus.InProgress;

    public static bool CanChange(InvitationStatus from, InvitationStatus to) => from == to || Allowed[from].Contains(to);

    public static IReadOnlyList<InvitationStatus> From(InvitationStatus status) => Allowed[status];
}
