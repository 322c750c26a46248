namespace Assessa.Server.Platform.Endpoints;

/// <summary>
/// Endpoints registered through DI rather than in Program.cs: used by tests (to exercise platform filters on
/// throwaway routes) and by optional plugins. Modules map their endpoints explicitly in Program.cs.
/// </summary>
public interface IEndpointContributor
{
    void MapEndpoints(IEndpointRouteBuilder app);
}

public static class EndpointContributorExtensions
{
    public static IEndpointRouteBuilder MapContributedEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var contributor in app.ServiceProvider.GetServices<IEndpointContributor>())
        {
            contributor.MapEndpoints(app);
        }

        return app;
    }
}
