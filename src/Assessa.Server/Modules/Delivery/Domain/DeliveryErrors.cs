using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Json;

namespace Assessa.Server.Modules.Delivery.Domain;

public static class DeliveryErrors
{
    public static Error CandidateNotFound(object id) => Error.NotFound("Candidate", id);

    public static Error InvitationNotFound(object id) => Error.NotFound("Invitation", id);

    public static Error SubmissionNotFound(object id) => Error.NotFound("Submission", id);

    public static Error ResultNotFound(object id) => Error.NotFound("Result", id);

    public static Error AssessmentNotDeliverable(object id) =>
        Error.NotFound("Published assessment", id) with { Code = "assessment_not_published", Detail = $"Assessment '{id}' was not found or has no published version to deliver." };

    public static Error CandidateConflict(Guid first, Guid second) =>
        Error.Conflict("candidate_conflict", $"The e-mail, phone and external ids match different candidates ({first} and {second}); merge them first or send matching details.");

    public static readonly Error CandidateErased = Error.Conflict("candidate_erased", "The candidate's personal data was erased; the record can no longer change.");

    public static Error TransitionNotAllowed(InvitationStatus from, InvitationStatus to) =>
        Error.Conflict("invalid_status_transition", $"An invitation cannot go from {EnumText.Name(from)} to {EnumText.Name(to)}.")
            with { Extensions = new Dictionary<string, object?> { ["current_status"] = EnumText.Name(from), ["allowed"] = InvitationTransitions.From(from).Select(s => EnumText.Name(s)).ToList() } };

    public static Error NotOpen(InvitationStatus status) =>
        Error.Conflict("invitation_not_open", $"The invitation is {EnumText.Name(status)}; it cannot be taken now.") with { Extensions = new Dictionary<string, object?> { ["current_status"] = EnumText.Name(status) } };

    public static readonly Error NoAttemptsLeft = Error.Conflict("no_attempts_left", "Every attempt allowed for this invitation has been used.");

    public static readonly Error AlreadySubmitted = Error.Conflict("already_submitted", "This attempt was already submitted.");

    public static readonly Error NotStarted = Error.Conflict("attempt_not_started", "Start the attempt before answering.");

    public static readonly Error TimeUp = Error.Conflict("time_limit_passed", "The attempt's time limit has passed; answers are no longer accepted.");

    public static Error QuestionTimeUp(Guid questionId) =>
        Error.Conflict("question_time_limit_passed", $"The time for question {questionId} has passed; its answer is no longer accepted.");

    public static readonly Error Concurrent = Error.Conflict("concurrent_change", "The invitation changed at the same time; reload and try again.");

    public static readonly Error CandidatesSubmitByInvitation = Error.Forbidden("Candidate accounts submit through their own invitation: send invitation_id.");

    public static readonly Error NotYourInvitation = Error.Forbidden("Candidates may only submit their own invitations.");

    public static readonly Error ReviewNotNeeded = Error.Conflict("review_not_needed", "This result has no open-text answers waiting for review.");
}
