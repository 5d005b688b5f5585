namespace Parvis.Testing;

/// <summary>Waits for a condition another process brings about (a node, Redis), failing with a message past the timeout.</summary>
public static class Eventually
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string failure)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (!await condition())
        {
            if (deadline.IsCancellationRequested || !await tick.WaitForNextTickAsync(CancellationToken.None))
                throw new TimeoutException(failure);
        }
    }
}
