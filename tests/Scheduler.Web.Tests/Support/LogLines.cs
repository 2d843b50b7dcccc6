using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Scheduler.Web.Tests.Support;

/// <summary>A log provider that keeps every line: its event id, level and text.</summary>
internal sealed class LogLines : ILoggerProvider
{
    private readonly ConcurrentQueue<(EventId Event, LogLevel Level, string Text)> _lines = new();

    public IReadOnlyList<(EventId Event, LogLevel Level, string Text)> All => [.. _lines];

    /// <summary>The texts of the lines with event id <paramref name="id"/>.</summary>
    public IReadOnlyList<string> Of(int id) => [.. _lines.Where(l => l.Event.Id == id).Select(l => l.Text)];

    public ILogger CreateLogger(string categoryName) => new Logger(_lines);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<(EventId, LogLevel, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => lines.Enqueue((eventId, logLevel, formatter(state, exception)));
    }
}
