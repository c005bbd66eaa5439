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
                using var items = source.GetEnumerator();
                while (true)
                {
                    var batch = new T[BatchSize];
                    var count = Fill(items, batch);
                    if (count > 0)
                    {
                        await channel.Writer.WriteAsync(count == BatchSize ? batch : batch[..count], stop.Token);
                    }

                    if (count < BatchSize)
                    {
                        break;
                    }
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

    /// <summary>Reads up to a batch from <paramref name="items"/>; fewer at the end. The per-row loop of the import:
    /// compiled optimised at once rather than after a tiered warm-up (docs/benchmarks.md, "Realisatie").</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Fill<T>(IEnumerator<T> items, T[] batch)
    {
        var count = 0;
        while (count < batch.Length && items.MoveNext())
        {
            batch[count++] = items.Current;
        }

        return count;
    }
}
