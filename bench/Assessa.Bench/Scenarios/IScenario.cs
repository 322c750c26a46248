namespace Assessa.Bench.Scenarios;

public interface IScenario
{
    string Name { get; }

    /// <summary>Settings the scenario needs on a server the bench starts (NAME=VALUE); <c>--server-env</c> comes after and wins.</summary>
    IReadOnlyList<KeyValuePair<string, string>> ServerSettings => [];

    Task<LoadResult> RunAsync(ServerUnderTest server, BenchOptions options);
}
