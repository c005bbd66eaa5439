using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace SociaalDomein.Infrastructure.Imports;

/// <summary>
/// Enumerates a sequence on a thread of its own, a bounded number of batches ahead of the consumer. The import reads
/// (parse, validate, pseudonymise: one core) while the COPY to PostgreSQL goes on (another core); one after the other
/// they took the sum of both (docs/benchmarks.md). Order is kept; an exception of the producer reaches the consumer.
/// </summary>
internal static class ReadAhead
{
    private const int BatchSize = 1_000;
    private const int BatchesAhead = 32;

    public static async IAsyncEnumerable<T> EnumerateAsync<T>(IEnumerable<T> source, [EnumeratorCancellation] CancellationToken ct)
    {
        var channel = Channel.CreateBounded<T[]>(new BoundedChannelOptions(BatchesAhead) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(async () =>
        {
            try
            {
                var batch = new List<T>(BatchSize);
                foreach (var item in source)
                {
                    batch.Add(item);
                    if (batch.Count == BatchSize)
                    {
                        await channel.Writer.WriteAsync([.. batch], stop.Token);
                        batch.Clear();
                    }
                }

                if (batch.Count > 0)
                {
                    await channel.Writer.WriteAsync([.. batch], stop.Token);
                }

                channel.Writer.Complete();
            }
            catch (Exception ex)
            {
                channel.Writer.Complete(ex); // the reader gets it after the batches before it
            }
        }, CancellationToken.None);

        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(ct))
            {
                foreach (var item in batch)
                {
                    yield return item;
                }
            }
        }
        finally
        {
            // The consumer stopped (done, failed or cancelled): stop the producer and wait for it, so it never touches
            // the source after the caller disposed it.
            await stop.CancelAsync();
            await producer;
        }
    }
}
