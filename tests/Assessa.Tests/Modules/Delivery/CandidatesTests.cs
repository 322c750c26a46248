using System.Net;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Modules.Delivery;

/// <summary>Candidates: de-duplication by e-mail, phone and external ids, merges, conflicts, races and erasure.</summary>
public sealed class CandidatesTests(SharedApps apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Email() => $"cand-{Guid.NewGuid():N}@example.com";

    [Theory, AllDatabases]
    public async Task Repeated_sends_find_the_same_candidate_by_email_phone_or_external_id_and_merge_what_is_new(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var email = Email();
        var ats = Guid.NewGuid().ToString("N");

        var created = await admin.PostJsonAsync("/api/v1/candidates", new { name = "Ana", email = $"  {email.ToUpperInvariant()} " });
        var first = await created.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(email, first.Str("email"));
        Assert.Equal($"/api/v1/candidates/{first.Str("id")}", created.Headers.Location?.OriginalString);

        var byEmail = await (await admin.PostJsonAsync("/api/v1/candidates", new { email, phone = "+55 (11) 98765-4321", external_ids = new[] { new { source = "pinpoint", external_id = ats } } })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(first.Str("id"), byEmail.Str("id"));
        Assert.Equal("+5511987654321", byEmail.Str("phone"));
        Assert.Equal("Ana", byEmail.Str("name"));

        var byPhone = await (await admin.PostJsonAsync("/api/v1/candidates", new { phone = "+5511987654321", name = "Ana Souza", metadata = new { store = "Centro" } })).JsonAsync(HttpStatusCode.OK);
        var byExternal = await (await admin.PostJsonAsync("/api/v1/candidates", new { external_ids = new[] { new { source = "pinpoint", external_id = ats } }, language = "pt" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(first.Str("id"), byPhone.Str("id"));
        Assert.Equal(first.Str("id"), byExternal.Str("id"));
        Assert.Equal("Ana Souza", byExternal.Str("name"));
        Assert.Equal("Centro", byExternal.GetProperty("metadata").Str("store"));
        Assert.Equal("pt", byExternal.Str("language"));
        Assert.Equal(["pinpoint"], byExternal.GetProperty("external_ids").EnumerateArray().Select(e => e.Str("source")));

        Assert.Single((await admin.GetJsonAsync($"/api/v1/candidates?external_id={ats}&source=pinpoint")).EnumerateArray());
        Assert.Single((await admin.GetJsonAsync("/api/v1/candidates?phone=%2B55 11 98765 4321")).EnumerateArray());
        Assert.Single((await admin.GetJsonAsync($"/api/v1/candidates?q={email[..12]}")).EnumerateArray());
        Assert.Empty((await admin.GetJsonAsync($"/api/v1/candidates?external_id={ats}&source=greenhouse")).EnumerateArray());
    }

    [Theory, AllDatabases]
    public async Task Details_that_belong_to_two_different_candidates_are_a_conflict_not_a_silent_merge(Db db)
    {
        var app = await apps.GetAsync(db);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();
        var (emailA, emailB) = (Email(), Email());
        var a = await (await admin.PostJsonAsync("/api/v1/candidates", new { email = emailA })).JsonAsync(HttpStatusCode.Created);
        var b = await (await admin.PostJsonAsync("/api/v1/candidates", new { email = emailB, phone = "+14155550123" })).JsonAsync(HttpStatusCode.Created);

        var problem = await Problems.AssertProblemAsync(await admin.PostJsonAsync("/api/v1/candidates", new { email = emailA, phone = "+1 415 555 0123" }), HttpStatusCode.Conflict, "candidate_conflict");
        Assert.Contains(a.Str("id"), problem.Str("detail"));
        Assert.Contains(b.Str("id"), problem.Str("detail"));
        await Problems.AssertProblemAsync(await admin.PutJsonAsync($"/api/v1/candidates/{a.Str("id")}", new { email = emailB }), HttpStatusCode.Conflict, "candidate_conflict");
        Assert.Equal(emailA, (await admin.GetJsonAsync($"/api/v1/candidates/{a.Str("id")}")).Str("email"));

        var renamed = await (await admin.PutJsonAsync($"/api/v1/candidates/{a.Str("id")}", new { name = "Ana Lima", metadata = new { team = "north" } })).JsonAsync();
        Assert.Equal("Ana Lima", renamed.Str("name"));
        Assert.Equal(emailA, renamed.Str("email"));
    }

    [Theory, AllDatabases]
    public async Task Parallel_sends_of_one_new_candidate_create_exactly_one(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var email = Email();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => admin.PostJsonAsync("/api/v1/candidates", new { email, name = "Race" })));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var ids = new HashSet<string>();
        foreach (var response in responses)
        {
            ids.Add((await response.JsonAsync(response.StatusCode)).Str("id"));
        }

        Assert.Single(ids);
        Assert.Single(await app.QueryAsync(d => d.Set<Candidate>().Where(c => c.TenantId == tenant.Id && c.Email == email)));
    }

    [Theory, AllDatabases]
    public async Task Erasure_removes_personal_data_keeps_scores_and_cancels_open_invitations(Db db)
    {
        var app = await apps.GetAsync(db);
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var published = await DeliveryApi.PublishAsync(admin);
        var email = Email();
        var done = await DeliveryApi.InviteAsync(admin, published.AssessmentId, email);
        var open = await DeliveryApi.InviteAsync(admin, published.AssessmentId, email);
        var submitted = await (await DeliveryApi.SubmitAsync(admin, new { invitation_id = done.Str("id"), answers = DeliveryApi.GoodAnswers(published) })).JsonAsync(HttpStatusCode.Created);
        var candidateId = done.GetProperty("candidate").Str("id");
        await admin.PutJsonAsync($"/api/v1/candidates/{candidateId}", new { phone = "+442079460001", metadata = new { note = "private" } });

        var erased = await (await admin.DeleteAsync($"/api/v1/candidates/{candidateId}", Ct)).JsonAsync();

        Assert.True(erased.GetProperty("erased").GetBoolean());
        var candidate = await admin.GetJsonAsync($"/api/v1/candidates/{candidateId}");
        Assert.True(candidate.GetProperty("erased").GetBoolean());
        Assert.Null(candidate.Str("name"));
        Assert.Null(candidate.Str("email"));
        Assert.Null(candidate.Str("phone"));
        Assert.Empty(candidate.GetProperty("metadata").EnumerateObject());
        Assert.Empty((await admin.GetJsonAsync($"/api/v1/candidates?email={email}")).EnumerateArray());
        Assert.Equal("cancelled", (await admin.GetJsonAsync($"/api/v1/invitations/{open.Str("id")}")).Str("status"));
        var result = await admin.GetJsonAsync($"/api/v1/results/{submitted.Str("submission_id")}");
        Assert.Equal(9m, result.GetProperty("score").GetDecimal());

        await Problems.AssertProblemAsync(await admin.PutJsonAsync($"/api/v1/candidates/{candidateId}", new { name = "Back" }), HttpStatusCode.Conflict, "candidate_erased");
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/v1/candidates/{candidateId}", Ct)).StatusCode); // erasing twice is harmless
        var again = await (await admin.PostJsonAsync("/api/v1/candidates", new { email })).JsonAsync(HttpStatusCode.Created);
        Assert.NotEqual(candidateId, again.Str("id"));

        // The audit trail records the changes without the personal values.
        var audit = await admin.GetJsonAsync($"/api/v1/audit-logs?resource_id={candidateId}&per_page=100");
        Assert.NotEmpty(audit.EnumerateArray());
        Assert.DoesNotContain(email, audit.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("442079460001", audit.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("private", audit.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_candidate_input_is_400_with_the_field_named()
    {
        var app = await apps.GetAsync(Db.Sqlite);
        var admin = await (await TestTenant.CreateAsync(app)).AdminAsync();

        (object Body, string Field)[] cases =
        [
            (new { name = "Only a name" }, "email"),
            (new { email = "not-an-email" }, "email"),
            (new { phone = "12345" }, "phone"),
            (new { email = Email(), language = "not a language" }, "language"),
            (new { external_ids = new[] { new { source = "", external_id = "1" } } }, "external_ids[0].source"),
            (new { email = Email(), name = new string('a', 501) }, "name"),
        ];
        foreach (var (body, field) in cases)
        {
            var problem = await Problems.AssertProblemAsync(await admin.PostJsonAsync("/api/v1/candidates", body), HttpStatusCode.BadRequest, "validation_failed");
            Assert.True(problem.GetProperty("errors").EnumerateObject().Any(e => e.Name.StartsWith(field, StringComparison.Ordinal)), $"{field}: {problem}");
        }

        await Problems.AssertProblemAsync(await admin.GetAsync($"/api/v1/candidates/{Guid.NewGuid()}", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await admin.GetAsync("/api/v1/candidates?per_page=0", Ct), HttpStatusCode.BadRequest);
    }
}
