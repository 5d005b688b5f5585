using System.Threading.Channels;
using Parvis.Domain;
using Channel = System.Threading.Channels.Channel;

namespace Parvis.Infrastructure.Data;

/// <summary>
/// Group commit: the requests arriving at the same moment are written together, by one loop, one batch per
/// organization, instead of a transaction each. A caller awaits its own answer, given once its batch is written, so
/// an answer is never ahead of the database. What is waiting when the loop comes round forms the batch: a request
/// alone is written at once, a crowd together.
/// </summary>
public abstract class GroupCommit<TItem, TResult> : IAsyncDisposable
{
    protected sealed record Pending(Organization Organization, TItem Item, TaskCompletionSource<TResult> Done);

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly int _maxBatch;
    private readonly Task _loop;

    protected GroupCommit(int maxBatch)
    {
        _maxBatch = maxBatch;
        // The loop serves every request and organization: it must not carry the ambient state (the HTTP request
        // that happened to create it) of the first one.
        using (ExecutionContext.SuppressFlow()) _loop = Task.Run(LoopAsync);
    }

    protected Task<TResult> EnqueueAsync(Organization organization, TItem item)
    {
        var done = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new Pending(organization, item, done)))
            done.SetException(new InvalidOperationException($"{GetType().Name} is stopped."));
        return done.Task;
    }

    /// <summary>Writes one organization's batch and answers every request of it.</summary>
    protected abstract Task WriteAsync(Organization organization, IReadOnlyList<Pending> requests);

    /// <summary>What the requests of a batch that failed are answered.</summary>
    protected abstract void Fail(IReadOnlyList<Pending> requests, Exception error);

    private async Task LoopAsync()
    {
        var batch = new List<Pending>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var request)) batch.Add(request);
            foreach (var group in batch.GroupBy(r => r.Organization.Id))
            {
                var requests = group.ToList();
                try
                {
                    await WriteAsync(requests[0].Organization, requests);
                }
                catch (Exception e)
                {
                    Fail(requests, e);
                }
            }
            batch.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        GC.SuppressFinalize(this);
    }
}
