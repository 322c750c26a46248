using System.Net;
using System.Text.Json;
using Assessa.Server.Modules.Delivery;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Delivery;

/// <summary>POST /api/v1/assessments/submit as contracts/skills-api.md describes it.</summary>
public sealed class SubmitTests(SharedApps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllDatabases]
    public async Task A_submission_is_scored_stored_and_announced_in_one_go(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin, scoring: new { bands = new object[] { new { min_percent = 0, max_percent = 60, band = "no", label = "Not yet" }, new { min_percent = 60, max_percent = 100, band = "yes", label = "Recommended", text = "Proceed to interview." } } });
        var invitation = await DeliveryApi.InviteAsync(admin, published.AssessmentId);

        var response = await DeliveryApi.SubmitAsync(admin, new { invitation_id = invitation.Str("id"), answers = DeliveryApi.GoodAnswers(published), channel = "web" });

        var body = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(["competencies", "invitation_id", "max_score", "percent", "recommendation", "score", "status", "submission_id"], body.PropertyNames());
        Assert.Equal(invitation.Str("id"), body.Str("invitation_id"));
        Assert.Equal(9m, body.GetProperty("score").GetDecimal());
        Assert.Equal(10m, body.GetProperty("max_score").GetDecimal());
        Assert.Equal(91.67m, body.GetProperty("percent").GetDecimal());
        Assert.Equal("completed", body.Str("status"));
        Assert.Equal(["band", "label", "text"], body.GetProperty("recommendation").PropertyNames());
        Assert.Equal("yes", body.GetProperty("recommendation").Str("band"));
        var competencies = body.GetProperty("competencies").EnumerateArray().ToDictionary(c => c.Str("name"), c => c.GetProperty("percent").GetDecimal());
        Assert.Equal(new Dictionary<string, decimal> { ["Conscientiousness"] = 75, ["Judgment"] = 100, ["Numeracy"] = 100 }, competencies);
        Assert.Equal(["max_score", "name", "percent", "score"], body.GetProperty("competencies")[0].PropertyNames());
        Assert.Equal($"/api/v1/results/{body.Str("submission_id")}", response.Headers.Location?.OriginalString);

        var submissionId = Guid.Parse(body.Str("submission_id"));
        var stored = Assert.Single(await app.QueryAsync(d => d.Set<Submission>().Where(s => s.Id == submissionId)));
        Assert.Equal(91.67, stored.Percent);
        Assert.Equal(4, (await app.QueryAsync(d => d.Set<SubmissionAnswer>().Where(a => a.SubmissionId == submissionId))).Count);
        Assert.Equal(3, (await app.QueryAsync(d => d.Set<SubmissionCompetency>().Where(c => c.SubmissionId == submissionId))).Count);
        await CompetencySummaryAssert.MatchesRowsAsync(app, submissionId);
        var invitationId = Guid.Parse(invitation.Str("id"));
        Assert.Equal(InvitationStatus.Completed, Assert.Single(await app.QueryAsync(d => d.Set<Invitation>().Where(i => i.Id == invitationId))).Status);
        var events = await app.QueryAsync(d => d.OutboxMessages.Where(m => m.TenantId == tenant.Id && m.Type == "submission.completed"));
        var payload = JsonDocument.Parse(Assert.Single(events).Payload).RootElement;
        Assert.Equal(submissionId.ToString(), payload.Str("submission_id"));
        Assert.Equal(91.67m, payload.GetProperty("percent").GetDecimal());
    }

    [Theory, AllDatabases]
    public async Task A_replay_returns_the_same_body_and_another_body_with_the_key_is_422(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin);
        var invitation = await DeliveryApi.InviteAsync(admin, published.AssessmentId);
        var request = new { invitation_id = invitation.Str("id"), answers = DeliveryApi.GoodAnswers(published), channel = "api" };

        var first = await DeliveryApi.SubmitAsync(admin, request, "submit-1");
        var firstBody = await first.Content.ReadAsStringAsync(Ct);
        var replay = await DeliveryApi.SubmitAsync(admin, request, "submit-1");
        var other = await DeliveryApi.SubmitAsync(admin, new { invitation_id = invitation.Str("id"), answers = Array.Empty<object>(), channel = "api" }, "submit-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(firstBody, await replay.Content.ReadAsStringAsync(Ct));
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        await Problems.AssertProblemAsync(other, HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
    }

    [Theory, AllDatabases]
    public async Task The_body_idempotency_token_works_like_the_header_and_the_header_wins(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin);
        var invitation = await DeliveryApi.InviteAsync(admin, published.AssessmentId);
        var request = new { invitation_id = invitation.Str("id"), answers = DeliveryApi.GoodAnswers(published), idempotency_token = "tok-1" };

        var first = await (await DeliveryApi.SubmitAsync(admin, request)).JsonAsync(HttpStatusCode.Created);
        var replay = await DeliveryApi.SubmitAsync(admin, request);
        var headerWins = await DeliveryApi.SubmitAsync(admin, request, "another-key");

        Assert.Equal(first.GetRawText(), (await replay.JsonAsync(HttpStatusCode.Created)).GetRawText());
        await Problems.AssertProblemAsync(headerWins, HttpStatusCode.Conflict, "already_submitted");
    }

    [Theory, AllDatabases]
    public async Task Twenty_parallel_submits_of_one_invitation_store_exactly_one_result(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin);
        var invitation = await DeliveryApi.InviteAsync(admin, published.AssessmentId);
        var request = new { invitation_id = invitation.Str("id"), answers = DeliveryApi.GoodAnswers(published) };

        // Half share one key (replays or in-flight 409s), half carry their own (one wins, the rest 409 already_submitted).
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => DeliveryApi.SubmitAsync(admin, request, i % 2 == 0 ? "shared" : $"own-{i}")));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Created or HttpStatusCode.Conflict, $"unexpected {s}"));
        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        var ids = new HashSet<string>();
        foreach (var response in created)
        {
            ids.Add((await response.JsonAsync(HttpStatusCode.Created)).Str("submission_id"));
        }

        Assert.Single(ids);
        var invitationId = Guid.Parse(invitation.Str("id"));
        Assert.Single(await app.QueryAsync(d => d.Set<Submission>().Where(s => s.InvitationId == invitationId)));
        Assert.Single(await app.QueryAsync(d => d.OutboxMessages.Where(m => m.Type == "submission.completed" && m.Payload.Contains(invitationId.ToString()))));
    }

    [Theory, AllDatabases]
    public async Task An_answer_to_a_question_outside_the_version_is_422_naming_it_and_nothing_is_stored(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin);
        var invitation = await DeliveryApi.InviteAsync(admin, published.AssessmentId);
        var stranger = Guid.NewGuid();

        var response = await DeliveryApi.SubmitAsync(admin, new
        {
            invitation_id = invitation.Str("id"),
            answers = DeliveryApi.GoodAnswers(published).Append(new { question_id = stranger, option_ids = new[] { "a" } }).ToArray(),
        });

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "unknown_questions");
        Assert.Contains(stranger.ToString(), problem.Str("detail"));
        Assert.Equal([stranger.ToString()], problem.GetProperty("question_ids").EnumerateArray().Select(e => e.GetString()));
        var invitationId = Guid.Parse(invitation.Str("id"));
        Assert.Empty(await app.QueryAsync(d => d.Set<Submission>().Where(s => s.InvitationId == invitationId)));
        Assert.Equal("pending", (await admin.GetJsonAsync($"/api/v1/invitations/{invitationId}")).Str("status"));
    }

    [Theory, AllDatabases]
    public async Task Assessment_and_candidate_create_the_invitation_in_the_same_transaction(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin);
        var email = $"walk-in-{Guid.NewGuid():N}@example.com";

        var bad = await DeliveryApi.SubmitAsync(admin, new { assessment_id = published.AssessmentId, candidate = new { name = "Walk In", email }, answers = new[] { new { question_id = published.QuestionId(0), option_ids = new[] { "nope" } } } });
        await Problems.AssertProblemAsync(bad, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Empty((await admin.GetJsonAsync($"/api/v1/candidates?email={email}")).EnumerateArray());

        var body = await (await DeliveryApi.SubmitAsync(admin, new { assessment_id = published.AssessmentId, candidate = new { name = "Walk In", email }, answers = DeliveryApi.GoodAnswers(published), channel = "field" })).JsonAsync(HttpStatusCode.Created);

        var invitation = await admin.GetJsonAsync($"/api/v1/invitations/{body.Str("invitation_id")}");
        Assert.Equal("completed", invitation.Str("status"));
        Assert.Equal("submit", invitation.Str("source"));
        Assert.Equal(email, invitation.GetProperty("candidate").Str("email"));
    }

    [Theory, AllDatabases]
    public async Task A_candidate_account_submits_only_its_own_invitations(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin);
        var (_, email) = await tenant.AddUserAsync("candidate");
        var candidate = await tenant.ClientAsync(email);
        var mine = await DeliveryApi.InviteAsync(admin, published.AssessmentId);
        var someoneElses = await DeliveryApi.InviteAsync(admin, published.AssessmentId);

        // Not linked to the account yet: both look missing to the candidate.
        await Problems.AssertProblemAsync(await DeliveryApi.SubmitAsync(candidate, new { invitation_id = someoneElses.Str("id"), answers = DeliveryApi.GoodAnswers(published) }), HttpStatusCode.NotFound);
        Assert.Equal(0, (await app.QueryAsync(d => d.Set<Submission>())).Count(s => s.InvitationId == Guid.Parse(someoneElses.Str("id"))));
        Assert.Equal("pending", (await admin.GetJsonAsync($"/api/v1/invitations/{mine.Str("id")}")).Str("status"));

        // Nor can a candidate name someone else's details to get a result stored in their name.
        var victim = someoneElses.GetProperty("candidate");
        var impersonation = new { assessment_id = published.AssessmentId, candidate = new { email = victim.Str("email"), name = "Mallory" }, answers = DeliveryApi.GoodAnswers(published) };
        await Problems.AssertProblemAsync(await DeliveryApi.SubmitAsync(candidate, impersonation), HttpStatusCode.Forbidden);
        Assert.Equal("Ana Souza", (await admin.GetJsonAsync($"/api/v1/candidates/{victim.Str("id")}")).Str("name"));
        Assert.Single((await admin.GetJsonAsync($"/api/v1/invitations?candidate_id={victim.Str("id")}")).EnumerateArray());
    }

    [Theory, AllDatabases]
    public async Task Bad_submit_bodies_get_400_with_field_errors(Db db)
    {
        var client = await (await TestTenant.CreateAsync(await apps.GetAsync(db))).AdminAsync();
        var id = Guid.NewGuid();

        await AssertFieldAsync(new { answers = Array.Empty<object>() }, "invitation_id");
        await AssertFieldAsync(new { invitation_id = id, assessment_id = id, answers = Array.Empty<object>() }, "invitation_id");
        await AssertFieldAsync(new { assessment_id = id, answers = Array.Empty<object>() }, "candidate");
        await AssertFieldAsync(new { invitation_id = id }, "answers");
        await AssertFieldAsync(new { invitation_id = id, answers = Array.Empty<object>(), channel = "pigeon" }, "channel");
        await AssertFieldAsync(new { invitation_id = id, answers = new[] { new { value = 3 } } }, "answers[0].question_id");
        await AssertFieldAsync(new { invitation_id = id, answers = Array.Empty<object>(), started_at = DateTime.UtcNow.AddDays(1) }, "started_at");
        await AssertFieldAsync(new { assessment_id = id, candidate = new { email = "not-an-email" }, answers = Array.Empty<object>() }, "candidate.email");
        await Problems.AssertProblemAsync(await DeliveryApi.SubmitAsync(client, new { invitation_id = id, answers = Array.Empty<object>() }), HttpStatusCode.NotFound);

        using var malformed = new StringContent("{\"invitation_id\": [", System.Text.Encoding.UTF8, "application/json");
        await Problems.AssertProblemAsync(await client.PostAsync("/api/v1/assessments/submit", malformed, Ct), HttpStatusCode.BadRequest);

        async Task AssertFieldAsync(object body, string field)
        {
            var problem = await Problems.AssertProblemAsync(await DeliveryApi.SubmitAsync(client, body), HttpStatusCode.BadRequest, "validation_failed");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for {field}: {problem}");
        }
    }
}
