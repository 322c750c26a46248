using System.Globalization;

namespace Assessa.Bench;

/// <summary>Command-line options shared by every scenario.</summary>
public sealed record BenchOptions(int Clients, TimeSpan Duration, TimeSpan Warmup, Uri? Url, string Configuration)
{
    public static string Usage(IEnumerable<string> scenarios) => $"""
        usage: dotnet run --project bench/Assessa.Bench -c Release -- <scenario> [options]
        scenarios: {string.Join(", ", scenarios)}
        options:
          --clients N        concurrent clients (default 32)
          --duration S       measured seconds (default 10)
          --warmup S         unmeasured seconds first (default 2)
          --url URL          target a running server instead of starting one (peak RSS is then unknown)
          --configuration C  build configuration of the server to start (default Release)
        """;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(32, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2), null, "Release");
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--clients" => options with { Clients = PositiveInt(args[i], value) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(PositiveInt(args[i], value)) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(int.Parse(value, CultureInfo.InvariantCulture)) },
                "--url" => options with { Url = Uri.TryCreate(value, UriKind.Absolute, out var url) ? url : throw new ArgumentException($"--url: '{value}' is not an absolute URL") },
                "--configuration" => options with { Configuration = value },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
            i++;
        }

        return options;
    }

    private static int PositiveInt(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name}: '{value}' is not a positive whole number");
}
