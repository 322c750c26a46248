using Assessa.Server.Platform.Security;
using Assessa.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace Assessa.Tests.Platform.Architecture;

/// <summary>Rules that keep every future endpoint honest. (The tenant-filter rule is in DataConventionsTests.)</summary>
public sealed class ArchitectureTests(SharedApps apps)
{
    [Fact]
    public async Task Every_endpoint_declares_its_authorization_or_allows_anonymous()
    {
        var app = await apps.GetAsync(Db.Sqlite);
        var undeclared = EndpointAuthorization.FindUndeclared(app.Services.GetServices<EndpointDataSource>());
        Assert.True(undeclared.Count == 0, "Endpoints without RequireAuthorization or AllowAnonymous: " + string.Join("; ", undeclared));
    }

    [Fact]
    public void The_authorization_check_finds_an_endpoint_that_declares_nothing()
    {
        var careless = new RouteEndpoint(
            _ => Task.CompletedTask,
            RoutePatternFactory.Parse("/careless"),
            order: 0,
            new EndpointMetadataCollection(new HttpMethodMetadata(["GET"])),
            "careless");
        var source = new DefaultEndpointDataSource(careless);
        Assert.Equal(["GET /careless"], EndpointAuthorization.FindUndeclared([source]));
    }

    [Fact]
    public void Program_stays_a_short_table_of_contents()
    {
        var program = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "src", "Assessa.Server", "Program.cs"));
        Assert.True(program.Length <= 60, $"Program.cs has {program.Length} lines; move setup into the module or platform it belongs to.");
    }

    private sealed class DefaultEndpointDataSource(params Endpoint[] endpoints) : EndpointDataSource
    {
        public override IReadOnlyList<Endpoint> Endpoints => endpoints;

        public override IChangeToken GetChangeToken() => new CancellationChangeToken(CancellationToken.None);
    }
}
