using SociaalDomein.Domain.Assignments;
using System.Text;
using SociaalDomein.Infrastructure.Imports;
using SociaalDomein.Infrastructure.Imports.Toewijzingen;
using SociaalDomein.Infrastructure.Privacy;

namespace SociaalDomein.Infrastructure.Tests.Imports;

/// <summary>Toewijzingen files built in code for the reader tests (no data files with BSNs in the repository).</summary>
internal static class ToewijzingenTestFiles
{
    public static readonly Pseudonymiser Pseudonymiser = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public static readonly string[] Columns =
    [
        "bsn", "dossiernummer", "postcode", "huisnummer", "huisnummertoevoeging", "wet", "productcode",
        "productomschrijving", "aanbieder_agb", "aanbieder_naam", "leveringsvorm", "ingangsdatum", "einddatum", "volume",
        "eenheid", "frequentie", "tarief", "budget",
    ];

    public static string Header => string.Join(';', Columns);

    /// <summary>A valid row of the canonical header (the first example row of docs/import-formats.md), with overrides.</summary>
    public static string Row(params (string Column, string Value)[] overrides)
    {
        var values = new Dictionary<string, string>
        {
            ["bsn"] = TestBsn.Number(1),
            ["dossiernummer"] = "D-000101",
            ["postcode"] = "8011AB",
            ["huisnummer"] = "12",
            ["huisnummertoevoeging"] = "",
            ["wet"] = "Wmo",
            ["productcode"] = "02A06",
            ["productomschrijving"] = "Begeleiding licht",
            ["aanbieder_agb"] = "75750001",
            ["aanbieder_naam"] = "Zorg Zwolle BV",
            ["leveringsvorm"] = "ZIN",
            ["ingangsdatum"] = "01-03-2018",
            ["einddatum"] = "28-02-2019",
            ["volume"] = "4",
            ["eenheid"] = "uur",
            ["frequentie"] = "per week",
            ["tarief"] = "58,40",
            ["budget"] = "",
        };
        foreach (var (column, value) in overrides)
        {
            values[column] = value;
        }

        return string.Join(';', Columns.Select(c => values[c]));
    }

    public static string Csv(params string[] rows) => string.Join("\r\n", [Header, .. rows]) + "\r\n";

    public static IImportFile<ParsedRow<AssignmentRecord>> Open(string content, string fileName = "toewijzingen.csv", Encoding? encoding = null) =>
        Open((encoding ?? new UTF8Encoding(false)).GetBytes(content), fileName);

    public static IImportFile<ParsedRow<AssignmentRecord>> Open(byte[] content, string fileName = "toewijzingen.csv") =>
        ToewijzingenReader.Open(new MemoryStream(content), fileName, Pseudonymiser);

    public static List<ParsedRow<AssignmentRecord>> ReadAll(string content, Encoding? encoding = null)
    {
        using var file = Open(content, encoding: encoding);
        return file.Rows.ToList();
    }

    public static ParsedRow<AssignmentRecord> Single(string row) => Assert.Single(ReadAll(Csv(row)));

    public static string OpenFails(byte[] content, string fileName = "toewijzingen.csv") =>
        Assert.Throws<ImportFileException>(() => Open(content, fileName)).Message;

    public static string OpenFails(string content, string fileName = "toewijzingen.csv") =>
        OpenFails(new UTF8Encoding(false).GetBytes(content), fileName);
}

/// <summary>A stream that cannot seek, like an upload from the browser.</summary>
internal sealed class ForwardOnlyStream(byte[] content) : Stream
{
    private readonly MemoryStream _inner = new(content);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
