using SociaalDomein.Infrastructure.Imports;

namespace SociaalDomein.Infrastructure.Tests.Imports;

/// <summary>The readers' per-row caches: one string per distinct text, keys found again, bounded.</summary>
public sealed class TextCachesTests
{
    [Fact]
    public void The_pool_gives_one_string_per_distinct_text_through_growth()
    {
        var pool = new TextPool();
        var random = new Random(19);
        var texts = Enumerable.Range(0, 20_000).Select(_ => new string('x', random.Next(0, 3)) + random.Next(5_000)).ToList();
        var first = new Dictionary<string, string>();
        foreach (var text in texts)
        {
            var pooled = pool.Get(text.AsSpan());
            Assert.Equal(text, pooled);
            Assert.Same(first.TryAdd(text, pooled) ? pooled : first[text], pooled);
        }
    }

    [Fact]
    public void A_table_finds_every_key_it_holds_and_empties_itself_when_full()
    {
        var table = new TextTable<string>(maxEntries: 3_000, emptyWhenFull: true);
        for (var i = 0; i < 3_000; i++)
        {
            Assert.False(table.TryGet($"k{i}", out _, out var hash));
            table.Add($"k{i}", hash, $"v{i}");
        }

        Assert.All(Enumerable.Range(0, 3_000), i => Assert.True(table.TryGet($"k{i}", out var v, out _) && v == $"v{i}"));
        Assert.False(table.TryGet("k3000", out _, out _));

        table.Add("k3000", "v3000"); // the limit: emptied first
        Assert.True(table.TryGet("k3000", out var last, out _));
        Assert.Equal("v3000", last);
        Assert.False(table.TryGet("k0", out _, out _));
    }

    [Fact]
    public void The_key_cache_returns_the_key_added_for_a_text()
    {
        var cache = new KeyCache();
        byte[] one = [1], two = [2];
        cache.Add("b123456782", one);
        cache.Add("i123456782", two);

        Assert.True(cache.TryGet("b123456782", out var found));
        Assert.Same(one, found);
        Assert.True(cache.TryGet("i123456782", out found));
        Assert.Same(two, found);
        Assert.False(cache.TryGet("b12345678", out _));
    }
}
