using Assessa.Server.Modules.Catalog.Scoring;
using Assessa.Server.Platform.Tenancy;

namespace Assessa.Server.Modules.Delivery.Domain;

/// <summary>
/// An answer saved while an attempt runs (candidate pages save each answer as it is given), with when its
/// question was first shown, for per-question timers. Submitting scores the saved answers.
/// </summary>
public sealed class SavedAnswer : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid InvitationId { get; init; }

    public int Attempt { get; init; }

    public Guid QuestionId { get; init; }

    /// <summary>Null until answered (the row may exist only to remember when the question was shown).</summary>
    public AnswerInput? Answer { get; set; }

    public DateTime? ShownAt { get; set; }

    public DateTime? AnsweredAt { get; set; }
}
