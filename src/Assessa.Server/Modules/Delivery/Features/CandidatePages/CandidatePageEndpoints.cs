using Assessa.Server.Components.Candidate;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Modules.Delivery.Features.Attempts;
using Assessa.Server.Modules.Identity;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessa.Server.Modules.Delivery.Features.CandidatePages;

/// <summary>
/// The candidate's pages under <c>/t/{token}</c>: server-rendered HTML forms that work without JavaScript on any
/// phone — landing with consent, one page per question (each answer saved as it is given), review, submit and a
/// completion page (or a redirect to the invitation's <c>redirect_url</c>). The unguessable token in the URL is the
/// candidate's only credential, which is also why the forms need no anti-forgery token: a forged request would
/// have to know it. Pages are never cached and never send the URL on as a referrer.
/// </summary>
public static partial class CandidatePageEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/t/{token}").WithTags("Candidate pages (HTML)").AllowAnonymous();
        pages.MapGet("", LandingAsync).WithName("Delivery.CandidateLanding").WithSummary("Landing page: what the assessment is, consent, start").Produces(StatusCodes.Status200OK, contentType: "text/html");
        pages.MapPost("/start", StartAsync).WithName("Delivery.CandidateStart").WithSummary("Start (form: consent=yes)").Produces(StatusCodes.Status303SeeOther);
        pages.MapGet("/q/{number:int}", QuestionAsync).WithName("Delivery.CandidateQuestion").WithSummary("Question page").Produces(StatusCodes.Status200OK, contentType: "text/html");
        pages.MapPost("/q/{number:int}", SaveAsync).WithName("Delivery.CandidateSave").WithSummary("Save an answer (form) and go on").Produces(StatusCodes.Status303SeeOther);
        pages.MapGet("/review", ReviewAsync).WithName("Delivery.CandidateReview").WithSummary("Review page").Produces(StatusCodes.Status200OK, contentType: "text/html");
        pages.MapPost("/submit", SubmitAsync).WithName("Delivery.CandidateSubmit").WithSummary("Submit the saved answers").Produces(StatusCodes.Status303SeeOther);
        pages.MapGet("/done", DoneAsync).WithName("Delivery.CandidateDone").WithSummary("Completion page").Produces(StatusCodes.Status200OK, contentType: "text/html");
    }

    public static async Task<IResult> LandingAsync(string token, HttpContext http, AttemptService attempts, IdentityDirectory identity, CancellationToken ct)
    {
        var attempt = await attempts.FindByTokenAsync(token, ct);
        if (attempt is null)
        {
            return NotFound(http);
        }

        await attempts.OpenAsync(attempt, ct);
        if (attempt.Invitation.Status == InvitationStatus.Completed)
        {
            return Redirect(http, token, "done");
        }

        return await LandingPageAsync(http, attempt, identity, token, error: null, StatusCodes.Status200OK, ct);
    }

    public static async Task<IResult> StartAsync(string token, HttpContext http, AttemptService attempts, IdentityDirectory identity, CancellationToken ct)
    {
        var attempt = await attempts.FindByTokenAsync(token, ct);
        if (attempt is null)
        {
            return NotFound(http);
        }

        var form = await FormAsync(http, ct);
        var text = await TextAsync(attempt, identity, ct);
        if (attempt.Invitation.Status != InvitationStatus.InProgress && form["consent"] != "yes")
        {
            return await LandingPageAsync(http, attempt, identity, token, text["ConsentRequired"], StatusCodes.Status400BadRequest, ct);
        }

        var (started, error) = await attempts.StartAsync(attempt, ct);
        if (error is not null)
        {
            return await LandingPageAsync(http, attempt, identity, token, Message(text, error), StatusCodes.Status409Conflict, ct);
        }

        var saved = await attempts.SavedAnswersAsync(started!.Invitation, ct);
        var firstOpen = started.Items.Select((item, index) => (item, index)).FirstOrDefault(x => saved.GetValueOrDefault(x.item.QuestionId)?.Answer is null);
        return Redirect(http, token, $"q/{(firstOpen.item is null ? 1 : firstOpen.index + 1)}");
    }

    public static async Task<IResult> QuestionAsync(string token, int number, HttpContext http, AttemptService attempts, IdentityDirectory identity, TimeProvider time, DeliverySettings settings, CancellationToken ct)
    {
        var attempt = await attempts.FindByTokenAsync(token, ct);
        if (attempt is null)
        {
            return NotFound(http);
        }

        if (Elsewhere(http, attempt, token) is { } elsewhere)
        {
            return elsewhere;
        }

        if (number < 1 || number > attempt.Items.Count)
        {
            return Redirect(http, token, number < 1 ? "q/1" : "review");
        }

        if (TimeLeft(attempt, time) is { } left && left <= TimeSpan.Zero)
        {
            return Redirect(http, token, "review");
        }

        var item = attempt.Items[number - 1];
        var shown = await attempts.ShowAsync(attempt, item.QuestionId, ct);
        return await QuestionPageAsync(http, attempt, identity, token, number, shown?.Answer, shown?.ShownAt, time, error: null, StatusCodes.Status200OK, ct);
    }

    public static async Task<IResult> SaveAsync(string token, int number, HttpContext http, AttemptService attempts, IdentityDirectory identity, TimeProvider time, CancellationToken ct)
    {
        var attempt = await attempts.FindByTokenAsync(token, ct);
        if (attempt is null)
        {
            return NotFound(http);
        }

        if (Elsewhere(http, attempt, token) is { } elsewhere)
        {
            return elsewhere;
        }

        if (number < 1 || number > attempt.Items.Count)
        {
            return Redirect(http, token, "review");
        }

        var form = await FormAsync(http, ct);
        var item = attempt.Items[number - 1];
        var answer = AnswerForm.Read(item.QuestionId, item.Content.Type, form);
        if (answer is not null && await attempts.SaveAnswerAsync(attempt, answer, ct) is { } error)
        {
            if (error.Code == DeliveryErrors.TimeUp.Code)
            {
                return Redirect(http, token, "review");
            }

            var text = await TextAsync(attempt, identity, ct);
            var saved = (await attempts.SavedAnswersAsync(attempt.Invitation, ct)).GetValueOrDefault(item.QuestionId);
            return await QuestionPageAsync(http, attempt, identity, token, number, error.Status == StatusCodes.Status400BadRequest ? answer : saved?.Answer, saved?.ShownAt, time,
                Message(text, error), error.Status, ct);
        }

        var go = form["go"].ToString();
        var target = go switch
        {
            "previous" => $"q/{Math.Max(1, number - 1)}",
            "review" => "review",
            _ => number >= attempt.Items.Count ? "review" : $"q/{number + 1}",
        };
        return Redirect(http, token, target);
    }

    public static async Task<IResult> ReviewAsync(string token, HttpContext http, AttemptService attempts, IdentityDirectory identity, TimeProvider time, CancellationToken ct)
    {
        var attempt = await attempts.FindByTokenAsync(token, ct);
        if (attempt is null)
        {
            return NotFound(http);
        }

        return Elsewhere(http, attempt, token) ?? await ReviewPageAsync(http, attempt, identity, token, time, error: null, StatusCodes.Status200OK, ct);
    }

    public static async Task<IResult> SubmitAsync(string token, HttpContext http, AttemptService attempts, IdentityDirectory identity, TimeProvider time, CancellationToken ct)
    {
        var attempt = await attempts.FindByTokenAsync(token, ct);
        if (attempt is null)
        {
            return NotFound(http);
        }

        if (Elsewhere(http, attempt, token) is { } elsewhere)
        {
            return elsewhere;
        }

        // Saved answers passed the timers when they were saved, so submitting them after the deadline is allowed.
        var (_, error) = await attempts.SubmitAsync(attempt, DeliveryChannel.Web, ct, ignoreDeadline: true);
        if (error is not null && error.Code != DeliveryErrors.AlreadySubmitted.Code)
        {
            var text = await TextAsync(attempt, identity, ct);
            return await ReviewPageAsync(http, attempt, identity, token, time, Message(text, error), error.Status, ct);
        }

        return attempt.Invitation.RedirectUrl is { } redirect ? SeeOther(http, redirect) : Redirect(http, token, "done");
    }

    public static async Task<IResult> DoneAsync(string token, HttpContext http, AttemptService attempts, IdentityDirectory identity, CancellationToken ct)
    {
        var attempt = await attempts.FindByTokenAsync(token, ct);
        if (attempt is null)
        {
            return NotFound(http);
        }

        if (attempt.Invitation.Status != InvitationStatus.Completed)
        {
            return Redirect(http, token, "");
        }

        var frame = await FrameAsync(http, attempt, identity, ct);
        return Page<DonePage>(http, new DoneModel(frame, attempt.Invitation.RedirectUrl), StatusCodes.Status200OK);
    }

    /// <summary>Where a candidate who is not in a running attempt belongs instead of a question or the review.</summary>
    private static IResult? Elsewhere(HttpContext http, Attempt attempt, string token) => attempt.Invitation.Status switch
    {
        InvitationStatus.InProgress => null,
        InvitationStatus.Completed => Redirect(http, token, "done"),
        _ => Redirect(http, token, ""),
    };

    private static string Message(PageText text, Error error) => error.Code switch
    {
        "time_limit_passed" => text["TimeUp"],
        "question_time_limit_passed" => text["QuestionTimeUp"],
        "no_attempts_left" => text["NoAttemptsLeft"],
        "attempt_not_started" => text["NotStarted"],
        "concurrent_change" => text["TryAgain"],
        "invitation_not_open" => text[$"Closed_{error.Extensions?["current_status"]}"],
        "validation_failed" => text.Format("InvalidAnswer", string.Join(" ", error.Errors?.SelectMany(e => e.Value) ?? [])),
        _ => text.Format("InvalidAnswer", error.Detail),
    };

    private static async Task<IFormCollection> FormAsync(HttpContext http, CancellationToken ct) =>
        http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : FormCollection.Empty;

    private static IResult Redirect(HttpContext http, string token, string page) =>
        SeeOther(http, page.Length == 0 ? $"/t/{token}" : $"/t/{token}/{page}");

    private static IResult SeeOther(HttpContext http, string location) => HtmlPages.SeeOther(http, location);

    private static RazorComponentResult<T> Page<T>(HttpContext http, object model, int status)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        HtmlPages.Render<T>(http, ((PageFrame)model.GetType().GetProperty("Frame")!.GetValue(model)!).Nonce, new Dictionary<string, object?> { ["Model"] = model }, status);

    private static string NewNonce() => HtmlPages.NewNonce();
}
