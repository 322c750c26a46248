using System.Net;
using System.Text;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Platform;

/// <summary>Every kind of bad request gets a problem+json with the fields DESIGN.md promises.</summary>
public sealed class ErrorResponsesTests(SharedApps apps)
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Theory, AllDatabases]
    public async Task Unknown_route_is_404(Db db)
    {
        var client = await apps.ClientAsync(db);
        var response = await client.GetAsync("/no/such/thing", TestContext.Current.CancellationToken);
        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound, "not_found");
        Assert.Contains("GET /no/such/thing", problem.GetProperty("detail").GetString());
    }

    [Theory, AllDatabases]
    public async Task Wrong_method_is_405_with_allowed_methods(Db db)
    {
        var client = await apps.ClientAsync(db);
        var response = await client.DeleteAsync("/health", TestContext.Current.CancellationToken);
        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        Assert.Equal("GET", string.Join(",", response.Content.Headers.Allow));
        Assert.Contains("allowed: GET", problem.GetProperty("detail").GetString());
    }

    [Theory, AllDatabases]
    public async Task Non_json_body_is_415(Db db)
    {
        var client = await apps.ClientAsync(db);
        var response = await client.PostAsync("/_test/echo", new StringContent("name=x", Encoding.UTF8, "text/plain"), TestContext.Current.CancellationToken);
        await Problems.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Theory, AllDatabases]
    public async Task Malformed_json_is_400_saying_where_it_broke(Db db)
    {
        var client = await apps.ClientAsync(db);
        var response = await client.PostAsync("/_test/echo", Json("{\n  \"name\": \"x\",,\n}"), TestContext.Current.CancellationToken);
        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "malformed_json");
        Assert.Equal(2, problem.GetProperty("line").GetInt32());
        Assert.Contains("line 2", problem.GetProperty("detail").GetString());
        Assert.Equal("$", problem.GetProperty("json_path").GetString());
    }

    [Theory, AllDatabases]
    public async Task Json_value_of_the_wrong_type_is_400_naming_the_field(Db db)
    {
        var client = await apps.ClientAsync(db);
        var response = await client.PostAsync("/_test/echo", Json("{\"name\":\"x\",\"count\":\"seven\"}"), TestContext.Current.CancellationToken);
        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "malformed_json");
        Assert.Equal("$.count", problem.GetProperty("json_path").GetString());
    }

    [Theory, AllDatabases]
    public async Task Empty_body_is_400(Db db)
    {
        var client = await apps.ClientAsync(db);
        var response = await client.PostAsync("/_test/echo", Json(""), TestContext.Current.CancellationToken);
        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory, AllDatabases]
    public async Task Invalid_fields_are_400_with_errors_per_field(Db db)
    {
        var client = await apps.ClientAsync(db);
        var response = await client.PostAsync("/_test/echo", Json("{\"count\": 99}"), TestContext.Current.CancellationToken);
        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        var errors = problem.GetProperty("errors");
        Assert.Equal("is required.", errors.GetProperty("name")[0].GetString());
        Assert.Equal("must be between 0 and 10.", errors.GetProperty("count")[0].GetString());
    }

    [Theory, AllDatabases]
    public async Task Valid_request_still_succeeds(Db db)
    {
        var client = await apps.ClientAsync(db);
        var response = await client.PostAsync("/_test/echo", Json("{\"name\":\"x\",\"count\":3}"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"name\":\"x\",\"count\":3}", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory, AllDatabases]
    public async Task Unhandled_exception_is_500_with_only_a_trace_id(Db db)
    {
        var client = await apps.ClientAsync(db);
        var response = await client.GetAsync("/_test/throw", TestContext.Current.CancellationToken);
        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.InternalServerError, "internal_error");
        var body = problem.GetRawText();
        Assert.DoesNotContain("secret internal detail", body);
        Assert.DoesNotContain("InvalidOperation", body);
        Assert.Matches("^[0-9a-f]{32}$", problem.GetProperty("trace_id").GetString());
    }

    [Theory, AllDatabases]
    public async Task Missing_authentication_is_401(Db db)
    {
        var client = await apps.ClientAsync(db);
        var response = await client.GetAsync("/_test/secured", TestContext.Current.CancellationToken);
        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory, AllDatabases]
    public async Task Body_over_the_configured_limit_is_413(Db db)
    {
        await using var app = await AssessaApp.StartAsync(db, new Dictionary<string, string?> { ["Http:MaxRequestBodyBytes"] = "2048" });
        var client = app.NewClient();
        var big = "{\"name\":\"" + new string('x', 4096) + "\"}";
        var response = await client.PostAsync("/_test/echo", Json(big), TestContext.Current.CancellationToken);
        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        Assert.Contains("2048", problem.GetProperty("detail").GetString());

        var small = await client.PostAsync("/_test/echo", Json("{\"name\":\"x\"}"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
    }
}
