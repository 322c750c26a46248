using Assessa.Server.Components.Candidate;
using Assessa.Server.Modules.Catalog.Scoring;

namespace Assessa.Server.Modules.Delivery.Features.CandidatePages;

/// <summary>What every candidate page shows around its content.</summary>
public sealed record PageFrame(PageText Text, string TenantName, string? LogoUrl, string Title, string Nonce);

public enum LandingAction
{
    Start,
    Continue,
    Retake,
    None,
}

public sealed record LandingModel(
    PageFrame Frame,
    string Token,
    string? CandidateName,
    string? Description,
    int QuestionCount,
    int? TimeLimitMinutes,
    int? QuestionTimeLimitSeconds,
    int AttemptsUsed,
    int MaxAttempts,
    DateTime? ExpiresAt,
    LandingAction Action,
    string? Error);

/// <summary>One question as the candidate sees it: texts in the page language when the question has them, options in display order.</summary>
public sealed record QuestionView(Guid QuestionId, QuestionType Type, string Stem, string? Situation, IReadOnlyList<(QuestionOption Option, string Text)> Options, int RatingScale);

public sealed record QuestionModel(
    PageFrame Frame,
    string Token,
    int Number,
    int Total,
    QuestionView Question,
    AnswerInput? Saved,
    TimeSpan? TimeLeft,
    TimeSpan? QuestionTimeLeft,
    string? Error);

public sealed record ReviewLine(int Number, string Stem, bool Answered);

public sealed record ReviewModel(PageFrame Frame, string Token, IReadOnlyList<ReviewLine> Lines, TimeSpan? TimeLeft, bool TimeUp, string? Error);

public sealed record DoneModel(PageFrame Frame, string? RedirectUrl);

public sealed record MessageModel(PageFrame Frame, string Heading, string Message);
