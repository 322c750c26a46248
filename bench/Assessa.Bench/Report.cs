using System.Globalization;

namespace Assessa.Bench;

public static class Report
{
    public static void Print(string scenario, string database, BenchOptions options, LoadResult result, long? peakRssBytes)
    {
        var c = CultureInfo.InvariantCulture;
        string[] header = ["scenario", "database", "offered/s", "clients", "seconds", "requests", "ok/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors", "dropped", "server CPU ms/req", "db CPU ms/req", "client CPU ms/req", "machine busy cores", "other busy cores", "server peak RSS"];
        string[] row =
        [
            scenario,
            database,
            options.Rate?.ToString(c) ?? "closed",
            options.Clients.ToString(c),
            result.Elapsed.TotalSeconds.ToString("0.0", c),
            result.Requests.ToString(c),
            result.RequestsPerSecond.ToString("0", c),
            result.Percentile(50).ToString("0.00", c),
            result.Percentile(95).ToString("0.00", c),
            result.Percentile(99).ToString("0.00", c),
            result.Percentile(100).ToString("0.00", c),
            result.Errors.ToString(c),
            options.Rate is null ? "n/a" : result.Dropped.ToString(c),
            result.MsPerRequest(result.Cpu.Server)?.ToString("0.00", c) ?? "n/a",
            result.MsPerRequest(result.Cpu.Database)?.ToString("0.00", c) ?? (database == "sqlite" ? "in server" : "n/a"),
            result.MsPerRequest(result.Cpu.Client)?.ToString("0.00", c) ?? "n/a",
            result.Cpu.MachineBusyCores?.ToString("0.00", c) ?? "n/a",
            result.Cpu.OtherBusyCores?.ToString("0.00", c) ?? "n/a",
            peakRssBytes is null ? "n/a" : $"{peakRssBytes / (1024 * 1024)} MiB",
        ];
        var widths = header.Select((h, i) => Math.Max(h.Length, row[i].Length)).ToArray();
        Console.WriteLine("| " + string.Join(" | ", header.Select((h, i) => h.PadRight(widths[i]))) + " |");
        Console.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        Console.WriteLine("| " + string.Join(" | ", row.Select((v, i) => v.PadRight(widths[i]))) + " |");
    }
}
