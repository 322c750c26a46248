namespace Assessa.Bench.Scenarios;

public interface IScenario
{
    string Name { get; }

    Task<LoadResult> RunAsync(ServerUnderTest server, BenchOptions options);
}
