using SociaalDomein.Infrastructure.Imports;

namespace SociaalDomein.Infrastructure.Tests.Imports;

/// <summary>The assignment import's table of identities (ADR 18) behaves as a dictionary of strings: exact membership,
/// one value per key that the caller updates in place, through every growth of the table and its key bytes.</summary>
public sealed class IdentityTableTests
{
    [Fact]
    public void It_holds_the_same_keys_and_values_as_a_dictionary()
    {
        var random = new Random(18);
        var table = new IdentityTable();
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        string[] shapes = ["nr:T{0:D8}", "h:{0:x16}{0:x16}", "nr:ë€{0}", "nr:😀{0}", "{0}", "nr:T{0:D8} "];
        for (var i = 0; i < 200_000; i++)
        {
            // Half the keys are new, half repeat an earlier one: like a file with copies of rows.
            var n = random.Next(2) == 0 ? i : random.Next(i + 1);
            var key = string.Format(System.Globalization.CultureInfo.InvariantCulture, shapes[n % shapes.Length], n);
            ref var value = ref table.GetValueRefOrAddDefault(key, out var existed);
            Assert.Equal(expected.ContainsKey(key), existed);
            Assert.Equal(expected.GetValueOrDefault(key), value);
            value = i + 1;
            expected[key] = i + 1;
        }

        Assert.Equal(expected.Count, table.Count);
        foreach (var (key, value) in expected)
        {
            Assert.True(table.Contains(key));
            Assert.Equal(value, table.GetValueRefOrAddDefault(key, out var existed));
            Assert.True(existed);
        }

        // Keys that differ from held ones by one character, by case or by a trailing space are not held.
        Assert.False(table.Contains("nr:T99999999"));
        Assert.False(table.Contains("NR:T00000002"));
        Assert.False(table.Contains("nr:T00000000  "));
        Assert.False(table.Contains(""));
        Assert.Equal(expected.Count, table.Count);
    }

    [Fact]
    public void The_empty_key_and_a_long_key_are_keys_like_any_other()
    {
        var table = new IdentityTable();
        var longKey = "nr:" + new string('x', 600);
        table.GetValueRefOrAddDefault("", out var existed) = 7;
        Assert.False(existed);
        table.GetValueRefOrAddDefault(longKey, out existed) = 9;
        Assert.False(existed);
        Assert.Equal(7, table.GetValueRefOrAddDefault("", out existed));
        Assert.True(existed);
        Assert.Equal(9, table.GetValueRefOrAddDefault(longKey, out existed));
        Assert.True(existed);
        Assert.False(table.Contains(longKey[..^1]));
    }
}
