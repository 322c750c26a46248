using System.Diagnostics;
using System.Globalization;

namespace Assessa.Bench;

/// <summary>
/// CPU used during a measured window, from <c>/proc</c>: by the server process (when the bench started it), by the
/// PostgreSQL backends serving the run's own database (when the bench created it on this machine), by this client,
/// and by the whole machine. On a small machine they share the cores, so the split says what a request costs and
/// the machine figure says whether something else was competing.
/// </summary>
public sealed record CpuUsage(TimeSpan? Server, TimeSpan? Database, TimeSpan Client, double? MachineBusyCores, double Seconds)
{
    /// <summary>Cores kept busy by everything else on the machine meanwhile (other programs, the kernel's own work).</summary>
    public double? OtherBusyCores => MachineBusyCores is { } busy && Seconds > 0
        ? Math.Max(0, busy - (((Server ?? TimeSpan.Zero) + (Database ?? TimeSpan.Zero) + Client).TotalSeconds / Seconds))
        : null;
}

public sealed record CpuSnapshot(long Timestamp, TimeSpan? Server, TimeSpan? Database, TimeSpan Client, TimeSpan? MachineBusy)
{
    // /proc/stat and /proc/<pid>/stat count in USER_HZ, which is 100 on Linux for every architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public static CpuSnapshot Take(ServerUnderTest server)
    {
        using var self = Process.GetCurrentProcess();
        return new CpuSnapshot(Stopwatch.GetTimestamp(), server.CpuTime(), DatabaseCpu(server.DatabaseName), self.TotalProcessorTime, MachineBusyTime());
    }

    public CpuUsage Since(CpuSnapshot start)
    {
        var seconds = Stopwatch.GetElapsedTime(start.Timestamp, Timestamp).TotalSeconds;
        return new CpuUsage(
            Server - start.Server,
            Database - start.Database,
            Client - start.Client,
            MachineBusy - start.MachineBusy is { } busy && seconds > 0 ? busy.TotalSeconds / seconds : null,
            seconds);
    }

    /// <summary>CPU of this machine's PostgreSQL backends connected to <paramref name="database"/> (title <c>postgres: user database …</c>).</summary>
    private static TimeSpan? DatabaseCpu(string? database)
    {
        if (database is null || !Directory.Exists("/proc"))
        {
            return null;
        }

        double ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var title = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (title.StartsWith("postgres: ", StringComparison.Ordinal) && title.Contains($" {database} ", StringComparison.Ordinal))
                {
                    ticks += ProcessTicks(File.ReadAllText(Path.Combine(dir, "stat")));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Not a process, or one that ended meanwhile.
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>utime + stime of a /proc/&lt;pid&gt;/stat line (fields 14 and 15, counted after the parenthesised name).</summary>
    private static double ProcessTicks(string stat)
    {
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    /// <summary>Busy time of all cores so far: the first line of /proc/stat less idle and iowait.</summary>
    private static TimeSpan? MachineBusyTime()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
                .Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();

            // user nice system idle iowait irq softirq steal (guest time is already inside user).
            var busy = fields.Take(8).Sum() - fields[3] - fields[4];
            return TimeSpan.FromSeconds(busy / TicksPerSecond);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
