using System.Diagnostics;

namespace Parvis.Infrastructure.Web;

/// <summary>
/// How long each phase of a start took (services, database check, demo data, pipeline), logged once the server
/// listens: the first thing to read when a start is slow (docs/PERFORMANCE.md, "Start-up").
/// </summary>
public sealed class StartupTimer
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string Phase, long Milliseconds)> _phases = [];
    private long _last;

    public void Mark(string phase)
    {
        var now = _clock.ElapsedMilliseconds;
        _phases.Add((phase, now - _last));
        _last = now;
    }

    public void LogWhenListening(WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            Mark("server");
            app.Logger.LogInformation("Started in {Total} ms: {Phases}", _clock.ElapsedMilliseconds,
                string.Join(", ", _phases.Select(p => $"{p.Phase} {p.Milliseconds} ms")));
        });
}
