using System.Collections.Concurrent;
using Assessa.Server.Platform.Endpoints;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Idempotency;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Assessa.Tests.Infrastructure;

/// <summary>Counts calls per name and holds gates tests open and close (for "in flight" cases).</summary>
public sealed class TestCounters
{
    private readonly ConcurrentDictionary<string, int> _calls = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _entered = new();

    public int Increment(string name) => _calls.AddOrUpdate(name, 1, (_, n) => n + 1);

    public int Calls(string name) => _calls.GetValueOrDefault(name);

    public TaskCompletionSource Gate(string name) => _gates.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public TaskCompletionSource Entered(string name) => _entered.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}

/// <summary>Throwaway routes under /_test that exercise platform behaviour (errors, limits, idempotency).</summary>
public sealed class TestEndpoints : IEndpointContributor
{
    public sealed record EchoRequest(string? Name, int? Count);

    public sealed record EchoResponse(string Name, int Count);

    public sealed record CreateRequest(string? Value, string? Mode);

    public sealed record CreateResponse(Guid Id, string Value, int Calls);

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var test = app.MapGroup("/_test").WithTags("Tests");

        test.MapPost("/echo", (EchoRequest request) =>
        {
            var validation = new Validation().Required("name", request.Name).Range("count", request.Count, 0, 10);
            return validation.IsValid
                ? Results.Ok(new EchoResponse(request.Name!, request.Count ?? 0))
                : validation.ToError().ToProblem();
        }).AllowAnonymous();

        test.MapGet("/throw", IResult () => throw new InvalidOperationException("secret internal detail")).AllowAnonymous();

        test.MapGet("/remote", (HttpContext http) => Results.Ok(new
        {
            RemoteIp = http.Connection.RemoteIpAddress?.ToString(),
            Scheme = http.Request.Scheme,
        })).AllowAnonymous();

        test.MapGet("/secured", () => Results.Ok()).RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = TestAuthHandler.SchemeName });

        test.MapPost("/idempotent", async (CreateRequest request, TestCounters counters) =>
            {
                var name = request.Value ?? "";
                var calls = counters.Increment(name);
                switch (request.Mode)
                {
                    case "slow":
                        counters.Entered(name).TrySetResult();
                        await counters.Gate(name).Task;
                        break;
                    case "invalid":
                        return new Validation().Add("mode", "is invalid on purpose.").ToError().ToProblem();
                    case "crash":
                        throw new InvalidOperationException("crash on purpose");
                }

                return Results.Created($"/_test/idempotent/{name}", new CreateResponse(Guid.CreateVersion7(), name, calls));
            })
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = TestAuthHandler.SchemeName })
            .WithIdempotency();
    }
}
