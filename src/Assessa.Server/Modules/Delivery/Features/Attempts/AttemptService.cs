using Assessa.Server.Modules.Catalog;
using Assessa.Server.Modules.Catalog.Scoring;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Modules.Delivery.Features.Invitations;
using Assessa.Server.Modules.Delivery.Features.Submit;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Jobs;
using Assessa.Server.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Delivery.Features.Attempts;

/// <summary>An invitation being taken: what the candidate pages (and other channels) need to show and check.</summary>
public sealed record Attempt(Invitation Invitation, Candidate Candidate, PublishedVersion Version, IReadOnlyList<ItemSnapshot> Items);

/// <summary>
/// Taking an invitation step by step — open, start, show a question, save an answer, submit — with the rules
/// enforced on the server: status transitions, expiry, attempt limits, and time limits (overall and per
/// question, each with <c>Delivery__TimerGraceSeconds</c> of grace for slow networks). Used by the candidate
/// pages and by channels that deliver one question at a time.
/// </summary>
public sealed class AttemptService(
    AppDbContext db,
    ICurrentTenant tenant,
    PublishedAssessments catalog,
    InvitationChanges changes,
    SubmissionRecorder recorder,
    Outbox outbox,
    DeliverySettings settings,
    TimeProvider time) : IDisposable
{
    public const string DeadlineJob = "delivery.attempt_deadline";

    private IDisposable? _tenantScope;

    /// <summary>The attempt a candidate link token opens (any tenant: the token names it), or null.</summary>
    public async Task<Attempt?> FindByTokenAsync(string? token, CancellationToken ct)
    {
        if (!InvitationTokens.LooksValid(token))
        {
            return null;
        }

        var hash = InvitationTokens.Hash(token!);
        var tenantId = await db.Set<Invitation>().IgnoreQueryFilters([QueryFilters.Tenant]).Where(i => i.TokenHash == hash).Select(i => (Guid?)i.TenantId).SingleOrDefaultAsync(ct);
        if (tenantId is null)
        {
            return null;
        }

        // From here on this request acts inside the invitation's tenant (its queries and writes are checked against it).
        _tenantScope?.Dispose();
        _tenantScope = tenant.Use(tenantId);
        return await LoadAsync(await db.Set<Invitation>().SingleAsync(i => i.TokenHash == hash, ct), ct);
    }

    /// <summary>The attempt of an invitation of the current tenant, or null.</summary>
    public async Task<Attempt?> FindAsync(Guid invitationId, CancellationToken ct) =>
        await db.Set<Invitation>().SingleOrDefaultAsync(i => i.Id == invitationId, ct) is { } invitation ? await LoadAsync(invitation, ct) : null;

    /// <summary>Marks a first visit (pending → not_started) and expires an invitation whose time is up.</summary>
    public async Task OpenAsync(Attempt attempt, CancellationToken ct)
    {
        var invitation = attempt.Invitation;
        if (await ExpireIfDueAsync(invitation, ct))
        {
            return;
        }

        if (invitation.OpenedAt is null)
        {
            invitation.OpenedAt = time.UtcNow();
            changes.Record(invitation, InvitationEventTypes.Opened);
            if (invitation.Status == InvitationStatus.Pending)
            {
                changes.ChangeStatus(invitation, InvitationStatus.NotStarted);
            }

            await SaveAsync(ct);
        }
    }

    /// <summary>Starts (or restarts, while attempts remain) the attempt; continuing one in progress is a no-op.</summary>
    public async Task<(Attempt? Attempt, Error? Error)> StartAsync(Attempt attempt, CancellationToken ct)
    {
        var invitation = attempt.Invitation;
        if (await ExpireIfDueAsync(invitation, ct))
        {
            return (null, DeliveryErrors.NotOpen(InvitationStatus.Expired));
        }

        if (invitation.Status == InvitationStatus.InProgress)
        {
            return (attempt, null);
        }

        var retake = invitation.Status is InvitationStatus.Abandoned or InvitationStatus.Failed;
        if (!retake && !InvitationTransitions.IsOpen(invitation.Status))
        {
            return (null, invitation.Status == InvitationStatus.Completed ? DeliveryErrors.AlreadySubmitted : DeliveryErrors.NotOpen(invitation.Status));
        }

        if (invitation.AttemptsUsed >= invitation.MaxAttempts)
        {
            return (null, DeliveryErrors.NoAttemptsLeft);
        }

        var now = time.UtcNow();
        invitation.AttemptsUsed++;
        invitation.StartedAt = now;
        invitation.OpenedAt ??= now;
        invitation.DeadlineAt = attempt.Version.Settings.TimeLimitMinutes is { } minutes ? now.AddMinutes(minutes) : null;
        if (retake)
        {
            invitation.QuestionOrder = QuestionDraw.For(attempt.Version);
        }

        var error = changes.ChangeStatus(invitation, InvitationStatus.InProgress, $"attempt {invitation.AttemptsUsed} of {invitation.MaxAttempts}");
        if (error is not null)
        {
            return (null, error);
        }

        changes.Record(invitation, InvitationEventTypes.Started, $"attempt {invitation.AttemptsUsed}");
        if (invitation.DeadlineAt is { } deadline)
        {
            outbox.Enqueue(DeadlineJob, new InvitationJob(invitation.Id, invitation.AttemptsUsed), invitation.TenantId, runAfter: deadline + settings.TimerGrace);
        }

        return await SaveAsync(ct) is { } conflict ? (null, conflict) : (await LoadAsync(invitation, ct), null);
    }

    /// <summary>Remembers when a question was first shown (its per-question timer starts then).</summary>
    public async Task<SavedAnswer?> ShowAsync(Attempt attempt, Guid questionId, CancellationToken ct)
    {
        var invitation = attempt.Invitation;
        if (invitation.Status != InvitationStatus.InProgress || attempt.Items.All(i => i.QuestionId != questionId))
        {
            return null;
        }

        var saved = await SavedAsync(invitation, questionId, ct);
        if (saved is null)
        {
            saved = new SavedAnswer { TenantId = invitation.TenantId, InvitationId = invitation.Id, Attempt = invitation.AttemptsUsed, QuestionId = questionId, ShownAt = time.UtcNow() };
            db.Add(saved);
            if (await SaveAsync(ct) is not null)
            {
                // Shown at the same moment by another request (double click): theirs counts.
                return await SavedAsync(invitation, questionId, ct);
            }
        }

        return saved;
    }

    /// <summary>Saves (or replaces) the answer to one question, refusing it once the time is up.</summary>
    public async Task<Error?> SaveAnswerAsync(Attempt attempt, AnswerInput answer, CancellationToken ct)
    {
        var invitation = attempt.Invitation;
        if (invitation.Status != InvitationStatus.InProgress)
        {
            return invitation.Status is InvitationStatus.Pending or InvitationStatus.NotStarted ? DeliveryErrors.NotStarted : DeliveryErrors.NotOpen(invitation.Status);
        }

        var now = time.UtcNow();
        if (invitation.DeadlineAt is { } deadline && now > deadline + settings.TimerGrace)
        {
            changes.Record(invitation, InvitationEventTypes.AnswerRefused, $"question {answer.QuestionId}: the attempt's time limit had passed");
            await SaveAsync(ct);
            return DeliveryErrors.TimeUp;
        }

        if (AnswerValidation.Check(attempt.Items, [answer]).ToError() is { } invalid)
        {
            return invalid;
        }

        var saved = await SavedAsync(invitation, answer.QuestionId, ct);
        if (attempt.Version.Settings.QuestionTimeLimitSeconds is { } seconds && saved?.ShownAt is { } shown && now > shown.AddSeconds(seconds) + settings.TimerGrace)
        {
            changes.Record(invitation, InvitationEventTypes.AnswerRefused, $"question {answer.QuestionId}: its {seconds} s had passed");
            await SaveAsync(ct);
            return DeliveryErrors.QuestionTimeUp(answer.QuestionId);
        }

        if (saved is null)
        {
            saved = new SavedAnswer { TenantId = invitation.TenantId, InvitationId = invitation.Id, Attempt = invitation.AttemptsUsed, QuestionId = answer.QuestionId, ShownAt = now };
            db.Add(saved);
        }

        saved.Answer = answer;
        saved.AnsweredAt = now;
        invitation.LastActivityAt = now;
        return await SaveAsync(ct);
    }

    /// <summary>The answers saved so far in the running attempt, by question.</summary>
    public async Task<Dictionary<Guid, SavedAnswer>> SavedAnswersAsync(Invitation invitation, CancellationToken ct) =>
        await db.Set<SavedAnswer>().Where(a => a.InvitationId == invitation.Id && a.Attempt == invitation.AttemptsUsed).ToDictionaryAsync(a => a.QuestionId, ct);

    /// <summary>Scores and stores the saved answers as the attempt's submission.</summary>
    public async Task<(SubmissionRecorder.Recorded? Recorded, Error? Error)> SubmitAsync(Attempt attempt, DeliveryChannel channel, CancellationToken ct, bool ignoreDeadline = false)
    {
        if (attempt.Invitation.Status is InvitationStatus.Pending or InvitationStatus.NotStarted)
        {
            return (null, DeliveryErrors.NotStarted);
        }

        var saved = await SavedAnswersAsync(attempt.Invitation, ct);
        var answers = saved.Values.Where(s => s.Answer is not null).Select(s => s.Answer!).ToList();
        var timings = saved.Values.ToDictionary(s => s.QuestionId, s => (s.ShownAt, s.AnsweredAt));
        return await recorder.RecordAsync(attempt.Invitation, attempt.Candidate, attempt.Version, answers, new SubmitContext(channel, Timings: timings, IgnoreDeadline: ignoreDeadline), ct);
    }

    /// <summary>Moves an open invitation whose expiry has passed to expired (and saves). True when it is expired.</summary>
    public async Task<bool> ExpireIfDueAsync(Invitation invitation, CancellationToken ct)
    {
        if (invitation.Status == InvitationStatus.Expired)
        {
            return true;
        }

        if (!InvitationTransitions.IsOpen(invitation.Status) || invitation.ExpiresAt is null || invitation.ExpiresAt > time.UtcNow())
        {
            return false;
        }

        changes.ChangeStatus(invitation, InvitationStatus.Expired, "the invitation's expiry passed");
        changes.Record(invitation, InvitationEventTypes.Expired);
        await SaveAsync(ct);
        return invitation.Status == InvitationStatus.Expired;
    }

    public void Dispose() => _tenantScope?.Dispose();

    private async Task<Attempt?> LoadAsync(Invitation invitation, CancellationToken ct)
    {
        var version = await catalog.VersionAsync(invitation.AssessmentVersionId, ct);
        var candidate = await db.Set<Candidate>().SingleOrDefaultAsync(c => c.Id == invitation.CandidateId, ct);
        return version is null || candidate is null ? null : new Attempt(invitation, candidate, version, version.ItemsFor(invitation.QuestionOrder));
    }

    private Task<SavedAnswer?> SavedAsync(Invitation invitation, Guid questionId, CancellationToken ct) =>
        db.Set<SavedAnswer>().SingleOrDefaultAsync(a => a.InvitationId == invitation.Id && a.Attempt == invitation.AttemptsUsed && a.QuestionId == questionId, ct);

    /// <summary>Saves; a lost race (another request changed the invitation) becomes a 409 and leaves the context clean.</summary>
    private async Task<Error?> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return DeliveryErrors.Concurrent;
        }
    }
}
