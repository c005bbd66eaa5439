using System.Text;
using SociaalDomein.Infrastructure.Imports.Tables;

namespace SociaalDomein.Infrastructure.Tests.Imports;

/// <summary>The CSV record reader splits text as <see cref="TextReader.ReadLine"/> does, joined while a quote is open,
/// wherever its blocks happen to end.</summary>
public sealed class CsvRecordsTests
{
    [Theory]
    [InlineData("a;b\nc;d\n", new[] { "a;b", "c;d" })]
    [InlineData("a;b\r\nc;d", new[] { "a;b", "c;d" })]
    [InlineData("a\rb\r\n\r\nc\r", new[] { "a", "b", "", "c" })]
    [InlineData("\"x\r\ny\";1\nz", new[] { "\"x\ny\";1", "z" })]
    [InlineData("\"open\nstill \"\"open\nclosed\";2\n", new[] { "\"open\nstill \"\"open\nclosed\";2" })]
    [InlineData("\"never closed\nrest", new[] { "\"never closed\nrest" })]
    [InlineData("", new string[0])]
    [InlineData("\n", new[] { "" })]
    public void Splits_records_as_a_spreadsheet_reads_them(string text, string[] expected)
    {
        Assert.Equal(expected, Records(new StringReader(text)));
    }

    [Fact]
    public void Equals_ReadLine_with_joined_quotes_on_random_text_read_in_random_blocks()
    {
        var random = new Random(19);
        const string alphabet = "ab;\"\r\n \t";
        for (var round = 0; round < 300; round++)
        {
            var length = round % 10 == 0 ? random.Next(60_000, 200_000) : random.Next(0, 400); // some lines longer than the buffer
            var text = new StringBuilder(length);
            for (var i = 0; i < length; i++)
            {
                text.Append(round % 10 == 0 && random.Next(1000) > 0 ? 'x' : alphabet[random.Next(alphabet.Length)]);
            }

            var expected = ByReadLine(text.ToString());
            Assert.Equal(expected, Records(new ChunkedReader(text.ToString(), random.Next(1, 9), random)));
        }
    }

    private static List<string> Records(TextReader reader)
    {
        var records = new CsvRecords(reader);
        var result = new List<string>();
        while (records.Read())
        {
            result.Add(records.Current.ToString());
        }

        return result;
    }

    /// <summary>The reader this class replaced: a string per line, joined while the quotes are odd.</summary>
    private static List<string> ByReadLine(string text)
    {
        var reader = new StringReader(text);
        var result = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var record = new StringBuilder(line);
            var quotes = line.Count(c => c == '"');
            while (quotes % 2 != 0 && reader.ReadLine() is { } next)
            {
                record.Append('\n').Append(next);
                quotes += next.Count(c => c == '"');
            }

            result.Add(record.ToString());
        }

        return result;
    }

    /// <summary>Hands out the text in blocks of 1 to <c>max</c> characters, so a line break falls on every boundary.</summary>
    private sealed class ChunkedReader(string text, int max, Random random) : TextReader
    {
        private int _position;

        public override int Read(char[] buffer, int index, int count)
        {
            var n = Math.Min(Math.Min(count, random.Next(1, max + 1)), text.Length - _position);
            text.CopyTo(_position, buffer, index, n);
            _position += n;
            return n;
        }
    }
}
