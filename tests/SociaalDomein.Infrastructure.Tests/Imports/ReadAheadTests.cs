using SociaalDomein.Infrastructure.Imports;

namespace SociaalDomein.Infrastructure.Tests.Imports;

public class ReadAheadTests
{
    private static IEnumerable<int> FailingAfter(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return i;
        }

        throw new ImportFileException("kapot");
    }

    [Fact]
    public async Task The_rows_come_in_order_and_an_exception_of_the_source_reaches_the_reader_as_itself()
    {
        var seen = new List<int>();

        var error = await Assert.ThrowsAsync<ImportFileException>(async () =>
        {
            await foreach (var item in ReadAhead.EnumerateAsync(FailingAfter(2_500), CancellationToken.None))
            {
                seen.Add(item);
            }
        });

        Assert.Equal("kapot", error.Message);
        Assert.Equal(Enumerable.Range(0, seen.Count), seen); // full batches before the failure, in order
        Assert.True(seen.Count >= 2_000, $"{seen.Count} rows before the failure");
    }
}
