using System.Net;
using System.Text.Json;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Delivery;

/// <summary>
/// Timers enforced on the server, expiry, reminders and retakes — on a server whose clock the test moves and whose
/// jobs run when the test says, so nothing sleeps.
/// </summary>
public sealed class TimersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllDatabases]
    public async Task The_attempt_time_limit_refuses_late_answers_after_the_grace_and_the_deadline_job_submits_what_was_saved(Db db)
    {
        var (app, time) = await DeliveryTestApp.StartAsync(db);
        await using var _ = app;
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin, settings: new { time_limit_minutes = 1 });
        var invitation = await DeliveryApi.InviteAsync(admin, published.AssessmentId);
        var browser = new CandidateBrowser(app.NewClient(followRedirects: false), DeliveryApi.Token(invitation));
        await browser.PostAsync("start", ("consent", "yes"));

        Assert.Contains("role=\"timer\"", (await browser.GetAsync("q/1")).Html);
        time.Advance(TimeSpan.FromSeconds(65)); // past the minute, inside the 10 s grace: still accepted
        Assert.Equal($"/t/{browser.Token}/q/2", (await browser.PostAsync("q/1", ("option", published.OptionId(0, 0)), ("go", "next"))).Location);
        time.Advance(TimeSpan.FromSeconds(10)); // now 75 s: refused, and the candidate is sent to the review
        var late = await browser.PostAsync("q/2", ("option", published.OptionId(1, 0)), ("go", "next"));
        Assert.Equal(HttpStatusCode.SeeOther, late.Status);
        Assert.Equal($"/t/{browser.Token}/review", late.Location);
        Assert.Equal($"/t/{browser.Token}/review", (await browser.GetAsync("q/2")).Location);

        var api = await DeliveryApi.SubmitAsync(admin, new { invitation_id = invitation.Str("id"), answers = DeliveryApi.GoodAnswers(published) });
        await Problems.AssertProblemAsync(api, HttpStatusCode.Conflict, "time_limit_passed");

        await app.RunJobsAsync();

        var invitationId = Guid.Parse(invitation.Str("id"));
        var submission = Assert.Single(await app.QueryAsync(d => d.Set<Submission>().Where(s => s.InvitationId == invitationId)));
        Assert.Equal(2d, submission.Score); // only the first answer, saved in time
        Assert.Equal("completed", (await admin.GetJsonAsync($"/api/v1/invitations/{invitationId}")).Str("status"));
        var events = (await admin.GetJsonAsync($"/api/v1/invitations/{invitationId}/events")).EnumerateArray().Select(e => e.Str("type")).ToList();
        Assert.Contains("answer_refused", events);
    }

    [Theory, AllDatabases]
    public async Task A_question_timer_runs_from_when_the_question_was_first_shown(Db db)
    {
        var (app, time) = await DeliveryTestApp.StartAsync(db);
        await using var _ = app;
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin, settings: new { question_time_limit_seconds = 30 });
        var invitation = await DeliveryApi.InviteAsync(admin, published.AssessmentId);
        var browser = new CandidateBrowser(app.NewClient(followRedirects: false), DeliveryApi.Token(invitation));
        await browser.PostAsync("start", ("consent", "yes"));

        await browser.GetAsync("q/1");
        time.Advance(TimeSpan.FromSeconds(35));
        await browser.GetAsync("q/1"); // showing it again does not restart its clock
        time.Advance(TimeSpan.FromSeconds(6));
        var refused = await browser.PostAsync("q/1", ("option", published.OptionId(0, 0)), ("go", "next"));
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("role=\"alert\"", refused.Html);

        await browser.GetAsync("q/2"); // question 2's clock starts now
        time.Advance(TimeSpan.FromSeconds(39));
        Assert.Equal($"/t/{browser.Token}/q/3", (await browser.PostAsync("q/2", ("option", published.OptionId(1, 0)), ("go", "next"))).Location);
        Assert.Equal(HttpStatusCode.SeeOther, (await browser.PostAsync("submit")).Status);

        var invitationId = Guid.Parse(invitation.Str("id"));
        var submission = Assert.Single(await app.QueryAsync(d => d.Set<Submission>().Where(s => s.InvitationId == invitationId)));
        var answered = await app.QueryAsync(d => d.Set<SubmissionAnswer>().Where(a => a.SubmissionId == submission.Id && a.Answer != null));
        Assert.Equal([Guid.Parse(published.QuestionId(1))], answered.Select(a => a.QuestionId));
    }

    [Theory, AllDatabases]
    public async Task An_abandoned_attempt_can_be_retaken_while_attempts_remain(Db db)
    {
        var (app, time) = await DeliveryTestApp.StartAsync(db);
        await using var _ = app;
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin, settings: new { time_limit_minutes = 5, max_attempts = 2 });
        var invitation = await DeliveryApi.InviteAsync(admin, published.AssessmentId);
        var id = invitation.Str("id");
        var browser = new CandidateBrowser(app.NewClient(followRedirects: false), DeliveryApi.Token(invitation));

        await browser.PostAsync("start", ("consent", "yes"));
        time.Advance(TimeSpan.FromMinutes(6));
        await app.RunJobsAsync();
        var abandoned = await admin.GetJsonAsync($"/api/v1/invitations/{id}");
        Assert.Equal("abandoned", abandoned.Str("status"));
        Assert.Equal(1, abandoned.GetProperty("attempts_used").GetInt32());

        Assert.Equal($"/t/{browser.Token}/q/1", (await browser.PostAsync("start", ("consent", "yes"))).Location);
        Assert.Equal(2, (await admin.GetJsonAsync($"/api/v1/invitations/{id}")).GetProperty("attempts_used").GetInt32());
        time.Advance(TimeSpan.FromMinutes(6));
        await app.RunJobsAsync();
        Assert.Equal("abandoned", (await admin.GetJsonAsync($"/api/v1/invitations/{id}")).Str("status"));

        var third = await browser.PostAsync("start", ("consent", "yes"));
        Assert.Equal(HttpStatusCode.Conflict, third.Status);
        Assert.Empty(await app.QueryAsync(d => d.Set<Submission>().Where(s => s.InvitationId == Guid.Parse(id))));
    }

    [Theory, AllDatabases]
    public async Task An_invitation_expires_on_time_unless_extended_and_then_cannot_be_taken(Db db)
    {
        var (app, time) = await DeliveryTestApp.StartAsync(db);
        await using var _ = app;
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin);
        var expiring = await DeliveryApi.InviteAsync(admin, published.AssessmentId, extra: new { expires_in_days = 1 });
        var extended = await DeliveryApi.InviteAsync(admin, published.AssessmentId, extra: new { expires_in_days = 1 });
        (await admin.PostJsonAsync($"/api/v1/invitations/{extended.Str("id")}/extend", new { expires_in_days = 3 })).EnsureSuccessStatusCode();

        time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await app.RunJobsAsync();
        admin = await tenant.AdminAsync(); // the access token from a day ago has expired

        Assert.Equal("expired", (await admin.GetJsonAsync($"/api/v1/invitations/{expiring.Str("id")}")).Str("status"));
        Assert.Equal("pending", (await admin.GetJsonAsync($"/api/v1/invitations/{extended.Str("id")}")).Str("status"));
        var closed = await new CandidateBrowser(app.NewClient(followRedirects: false), DeliveryApi.Token(expiring)).PostAsync("start", ("consent", "yes"));
        Assert.Equal(HttpStatusCode.Conflict, closed.Status);
        var problem = await Problems.AssertProblemAsync(
            await DeliveryApi.SubmitAsync(admin, new { invitation_id = expiring.Str("id"), answers = DeliveryApi.GoodAnswers(published) }), HttpStatusCode.Conflict, "invitation_not_open");
        Assert.Equal("expired", problem.Str("current_status"));
        (await DeliveryApi.SubmitAsync(admin, new { invitation_id = extended.Str("id"), answers = DeliveryApi.GoodAnswers(published) })).EnsureSuccessStatusCode();
    }

    [Theory, AllDatabases]
    public async Task Reminders_go_out_on_schedule_only_while_the_invitation_is_open(Db db)
    {
        var (app, time) = await DeliveryTestApp.StartAsync(db);
        await using var _ = app;
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin);
        var open = await DeliveryApi.InviteAsync(admin, published.AssessmentId, extra: new { reminder_hours = new[] { 48, 24 }, channel = "whatsapp" });
        var done = await DeliveryApi.InviteAsync(admin, published.AssessmentId, extra: new { reminder_hours = new[] { 24 } });
        Assert.Equal([24, 48], open.GetProperty("reminder_hours").EnumerateArray().Select(h => h.GetInt32()));
        (await DeliveryApi.SubmitAsync(admin, new { invitation_id = done.Str("id"), answers = DeliveryApi.GoodAnswers(published) })).EnsureSuccessStatusCode();

        time.Advance(TimeSpan.FromHours(23));
        await app.RunJobsAsync();
        admin = await tenant.AdminAsync(); // access tokens are short-lived; sign in again after moving the clock
        Assert.Equal(0, (await admin.GetJsonAsync($"/api/v1/invitations/{open.Str("id")}")).GetProperty("reminders_sent").GetInt32());

        time.Advance(TimeSpan.FromHours(2));
        await app.RunJobsAsync();
        admin = await tenant.AdminAsync();
        Assert.Equal(1, (await admin.GetJsonAsync($"/api/v1/invitations/{open.Str("id")}")).GetProperty("reminders_sent").GetInt32());
        Assert.Equal(0, (await admin.GetJsonAsync($"/api/v1/invitations/{done.Str("id")}")).GetProperty("reminders_sent").GetInt32());

        time.Advance(TimeSpan.FromHours(24));
        await app.RunJobsAsync();
        admin = await tenant.AdminAsync();
        Assert.Equal(2, (await admin.GetJsonAsync($"/api/v1/invitations/{open.Str("id")}")).GetProperty("reminders_sent").GetInt32());

        var reminders = await app.QueryAsync(d => d.OutboxMessages.Where(m => m.TenantId == tenant.Id && m.Type == "invitation.reminder"));
        Assert.Equal(2, reminders.Count);
        var first = JsonDocument.Parse(reminders.OrderBy(m => m.CreatedAt).First().Payload).RootElement;
        Assert.Equal(open.Str("id"), first.Str("invitation_id"));
        Assert.Equal("whatsapp", first.Str("channel"));
        Assert.DoesNotContain("/t/", reminders[0].Payload, StringComparison.Ordinal);
        var events = (await admin.GetJsonAsync($"/api/v1/invitations/{open.Str("id")}/events")).EnumerateArray().Count(e => e.Str("type") == "reminder_sent");
        Assert.Equal(2, events);
    }
}
