using Hangfire.Logging;
using Microsoft.Extensions.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace SociaalDomein.Infrastructure.Jobs;

/// <summary>
/// Hangfire's logging into ASP.NET Core logging. Hangfire keeps its log provider process-wide; with its default
/// provider, once any app instance in the process stops (the tests host several) its disposed LoggerFactory makes
/// every Hangfire call in the other instances throw. This one asks for the logger per message and stays quiet when
/// the factory it was given has been disposed.
/// </summary>
internal sealed class HangfireLogProvider(ILoggerFactory loggers) : ILogProvider
{
    public ILog GetLogger(string name) => new Log(loggers, name);

    private sealed class Log(ILoggerFactory loggers, string name) : ILog
    {
        bool ILog.Log(HangfireLevel level, Func<string>? message, Exception? exception)
        {
            try
            {
                var logger = loggers.CreateLogger(name);
                var mapped = level switch
                {
                    HangfireLevel.Trace => LogLevel.Trace,
                    HangfireLevel.Debug => LogLevel.Debug,
                    HangfireLevel.Info => LogLevel.Information,
                    HangfireLevel.Warn => LogLevel.Warning,
                    HangfireLevel.Error => LogLevel.Error,
                    _ => LogLevel.Critical,
                };
                if (message is null)
                {
                    return logger.IsEnabled(mapped);
                }

                logger.Log(mapped, exception, "{Message}", message());
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
