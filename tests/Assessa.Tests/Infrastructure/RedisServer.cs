using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Assessa.Tests.Infrastructure;

/// <summary>
/// A throwaway <c>redis-server</c> (from the PATH; .ci/run installs Debian's) on 127.0.0.1 and a free port, with
/// persistence off, killed on dispose. Tests that need one skip when the binary is missing — and .ci/run fails on
/// any skipped test, so CI always runs them.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string SkipReason = "Redis tests need redis-server on the PATH; .ci/run installs it";

    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for <c>Redis__Configuration</c>.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static string? Binary => Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator)
        .Select(dir => Path.Combine(dir, "redis-server")).FirstOrDefault(File.Exists);

    public static async Task<RedisServer> StartAsync()
    {
        Assert.SkipWhen(Binary is null, SkipReason);
        var port = ServerProcess.FreePort();
        var info = new ProcessStartInfo(Binary!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes" })
        {
            info.ArgumentList.Add(argument);
        }

        var server = new RedisServer(Process.Start(info)!, port);
        server._process.OutputDataReceived += (_, _) => { };
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        await Eventually.TrueAsync(server.AnswersPingAsync, $"redis-server answering on port {port}", TimeSpan.FromSeconds(30));
        return server;
    }

    private async Task<bool> AnswersPingAsync()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode}.");
        }

        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port, TestContext.Current.CancellationToken);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), TestContext.Current.CancellationToken);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
