using Assessa.Bench;
using Assessa.Bench.Scenarios;

// Benchmarks for Assessa. Each subcommand starts a server (or targets --url), drives it with concurrent
// clients and prints one table row. docs/benchmarks.md explains the figures and how to rerun them.
var scenarios = new Dictionary<string, IScenario>(StringComparer.OrdinalIgnoreCase)
{
    ["health"] = new HealthScenario(),
    ["submit"] = new SubmitScenario(),
    ["webhooks"] = new WebhooksScenario(),
    ["import"] = new ImportScenario(),
    ["export"] = new ExportScenario(),
};

if (args.Length == 0 || args[0] is "-h" or "--help" || !scenarios.TryGetValue(args[0], out var scenario))
{
    Console.WriteLine(BenchOptions.Usage(scenarios.Keys));
    return args.Length == 0 || args[0] is "-h" or "--help" ? 0 : 64;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args[1..]);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 64;
}

if (options.Url is null && scenario.ServerSettings.Count > 0)
{
    options = options with { ServerSettings = [.. scenario.ServerSettings, .. options.ServerSettings ?? []] };
}

await using var server = options.Url is null ? await ServerUnderTest.StartAsync(options) : ServerUnderTest.Remote(options.Url);
var result = await scenario.RunAsync(server, options);
Report.Print(scenario.Name, server.Database, options, result, server.PeakRssBytes());

// Dropped requests are not failures: they show the offered rate was more than the server absorbed, in the row.
return result.Errors == 0 ? 0 : 1;
