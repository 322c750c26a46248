using Microsoft.Extensions.Logging;

namespace Assessa.Tests.Infrastructure;

/// <summary>
/// When ASSESSA_TEST_ERROR_LOG names a file, server errors (with exceptions) of every test app are appended to it —
/// a debugging aid: a failing test shows a 500 and its trace_id; this file shows why.
/// </summary>
public sealed class ErrorLogFile(string path) : ILoggerProvider
{
    private static readonly Lock Gate = new();

    public static string? Path => Environment.GetEnvironmentVariable("ASSESSA_TEST_ERROR_LOG");

    public ILogger CreateLogger(string categoryName) => new FileLogger(path, categoryName);

    public void Dispose()
    {
    }

    private sealed class FileLogger(string path, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            lock (Gate)
            {
                File.AppendAllText(path, $"[{DateTime.UtcNow:O}] {logLevel} {category}: {formatter(state, exception)}\n{exception}\n\n");
            }
        }
    }
}
