using System.Globalization;
using System.Text;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Stacking;
using SociaalDomein.Infrastructure.Privacy;
using SociaalDomein.Infrastructure.Tests.Imports;

namespace SociaalDomein.EndToEnd.Tests;

/// <summary>An address as the household rule of docs/domain.md §5.4 sees it: postcode without spaces in capitals, house
/// number, addition in lower case. A file may spell it otherwise (see <see cref="ToewijzingenFile.Add"/>).</summary>
public sealed record Address(string Postcode, string HouseNumber, string Addition = "")
{
    public string Postcode4 => Postcode[..4];
}

public sealed record Client(string Bsn, string CaseNumber, DateOnly BirthDate, string Sex);

public sealed record Product(string Code, string Category, string Description, Law Law);

public sealed record Provider(string Agb, string Name);

/// <summary>The amount part of a row (docs/import-formats.md): a budget, or volume + unit + frequency + tariff.</summary>
public sealed record Amount(decimal? Volume, string? Unit, Frequency? Frequency, decimal? Tariff, decimal? Budget)
{
    public static Amount OfBudget(decimal budget) => new(null, null, null, null, budget);

    public static Amount Of(decimal volume, string unit, Frequency frequency, decimal tariff) => new(volume, unit, frequency, tariff, null);
}

/// <summary>One row of the file as it was built: the facts, and how the row spells its address.</summary>
public sealed record ToewijzingLine(
    Client Client,
    Address Address,
    string PostcodeAsWritten,
    string AdditionAsWritten,
    Product Product,
    Provider Provider,
    string DeliveryForm,
    DateOnly Start,
    DateOnly? End,
    string? AssignmentNumber,
    Amount Amount)
{
    /// <summary>Revoked (ingetrokken): end equals start.</summary>
    public bool IsRevoked => End == Start;

    /// <summary>The assignment's identity (docs/import-formats.md): its number, else (case, product, provider, start).</summary>
    public string Identity => AssignmentRecord.IdentityFor(AssignmentNumber, Client.CaseNumber, Product.Code, Provider.Agb, Start);
}

/// <summary>
/// A small canonical toewijzingen CSV (docs/import-formats.md, record kind 1) built in code, together with what it was
/// built to contain, so a test can say what an import of it must report and what the stacking analysis of it must
/// show. The BSNs are test numbers that pass the 11-test (<see cref="TestBsn"/>): no file with BSN-like numbers is
/// checked in. The file uses ';', Dutch and plain decimals, the three accepted date spellings, and one column the
/// product does not know (<see cref="UnknownColumn"/>), as municipal exports do.
/// </summary>
public sealed class ToewijzingenFile
{
    public const string UnknownColumn = "opmerking";

    private static readonly string[] Columns =
    [
        "bsn", "dossiernummer", "postcode", "huisnummer", "huisnummertoevoeging", "geboortedatum", "geslacht", "wet",
        "productcategorie", "productcode", "productomschrijving", "aanbieder_agb", "aanbieder_naam", "leveringsvorm",
        "ingangsdatum", "einddatum", "toewijzingsnummer", "volume", "eenheid", "frequentie", "tarief", "budget", UnknownColumn,
    ];

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    private readonly List<ToewijzingLine> _lines = [];
    private readonly Dictionary<(int Row, string Column), string> _spoiled = [];
    private int _clients;

    /// <summary>The rows in file order (the header is row 1, so <c>Lines[i]</c> is row i + 2).</summary>
    public IReadOnlyList<ToewijzingLine> Lines => _lines;

    /// <summary>A new client with the next valid test BSN and a case number of its own.</summary>
    public Client NewClient()
    {
        var n = ++_clients;
        return new Client(
            TestBsn.Number(n),
            $"E2E-{n:00000}",
            new DateOnly(1950, 1, 1).AddDays(n * 811 % 25_000),
            n % 2 == 0 ? "V" : "M");
    }

    /// <summary>Adds a row. <paramref name="postcodeAsWritten"/> and <paramref name="additionAsWritten"/> spell the
    /// address the way a source system might (spaces, lower case): it must still be the same household.</summary>
    public ToewijzingLine Add(
        Client client, Address address, Product product, Provider provider, DateOnly start, DateOnly? end, Amount amount,
        string deliveryForm = "ZIN", string? assignmentNumber = null, string? postcodeAsWritten = null, string? additionAsWritten = null)
    {
        var line = new ToewijzingLine(client, address, postcodeAsWritten ?? address.Postcode, additionAsWritten ?? address.Addition,
            product, provider, deliveryForm, start, end, assignmentNumber, amount);
        _lines.Add(line);
        return line;
    }

    /// <summary>Writes a row that is already in the file once more, exactly (a source system exporting it twice).</summary>
    public void Repeat(ToewijzingLine line) => _lines.Add(line);

    /// <summary>Writes <paramref name="text"/> in one cell of a row instead of the built value (for rows a test wants
    /// rejected). <paramref name="fileRow"/> counts as the import does: the header is row 1.</summary>
    public void Spoil(int fileRow, string column, string text)
    {
        if (!Columns.Contains(column) || fileRow < 2 || fileRow > _lines.Count + 1)
        {
            throw new ArgumentOutOfRangeException(nameof(fileRow), $"No cell {column} in row {fileRow}.");
        }

        _spoiled[(fileRow, column)] = text;
    }

    public int RowsRead => _lines.Count;

    /// <summary>Rows whose identity an earlier row of the file already has.</summary>
    public int Duplicates => _lines.Count - _lines.Select(l => l.Identity).Distinct().Count();

    public int Revoked => _lines.Count(l => l.IsRevoked);

    public int Imported => RowsRead - Duplicates;

    /// <summary>The assignments the file holds once it is imported into a database without them: one per identity,
    /// keyed the way the product keys clients and households (the BSN and the address as §5.4 reads it). Id is the
    /// file row of its last occurrence (a repeated row is written identically, so which one counts does not matter).</summary>
    public IReadOnlyList<StackingRow> Assignments(Pseudonymiser keys) =>
        _lines
            .Select((line, index) => (Line: line, Row: index + 2))
            .GroupBy(x => x.Line.Identity)
            .Select(g => g.Last())
            .Select(x => new StackingRow(
                x.Row,
                keys.ClientKeyForBsn(x.Line.Client.Bsn),
                x.Line.Client.CaseNumber,
                keys.AddressKey(x.Line.Address.Postcode, x.Line.Address.HouseNumber, x.Line.Address.Addition),
                x.Line.Address.Postcode4,
                x.Line.Product.Law,
                x.Line.Product.Code,
                x.Line.Provider.Agb,
                x.Line.Start,
                x.Line.End,
                x.Line.Amount.Volume,
                x.Line.Amount.Frequency,
                x.Line.Amount.Tariff,
                x.Line.Amount.Budget))
            .ToList();

    public string Csv()
    {
        var text = new StringBuilder(string.Join(';', Columns)).Append("\r\n");
        for (var i = 0; i < _lines.Count; i++)
        {
            var row = i + 2;
            var cells = Cells(_lines[i], row);
            text.Append(string.Join(';', Columns.Select(c => _spoiled.GetValueOrDefault((row, c), cells[c])))).Append("\r\n");
        }

        return text.ToString();
    }

    public byte[] Bytes() => Encoding.UTF8.GetBytes(Csv());

    private static Dictionary<string, string> Cells(ToewijzingLine l, int row) => new()
    {
        ["bsn"] = l.Client.Bsn,
        ["dossiernummer"] = l.Client.CaseNumber,
        ["postcode"] = l.PostcodeAsWritten,
        ["huisnummer"] = l.Address.HouseNumber,
        ["huisnummertoevoeging"] = l.AdditionAsWritten,
        ["geboortedatum"] = Date(l.Client.BirthDate, row),
        ["geslacht"] = l.Client.Sex,
        ["wet"] = l.Product.Law.ToString(),
        ["productcategorie"] = l.Product.Category,
        ["productcode"] = l.Product.Code,
        ["productomschrijving"] = l.Product.Description,
        ["aanbieder_agb"] = l.Provider.Agb,
        ["aanbieder_naam"] = l.Provider.Name,
        ["leveringsvorm"] = l.DeliveryForm,
        ["ingangsdatum"] = Date(l.Start, row),
        ["einddatum"] = l.End is { } end ? Date(end, row + 1) : "",
        ["toewijzingsnummer"] = l.AssignmentNumber ?? "",
        ["volume"] = l.Amount.Volume is { } v ? v.ToString("0.##", Dutch) : "",
        ["eenheid"] = l.Amount.Unit ?? "",
        ["frequentie"] = l.Amount.Frequency is { } f ? FrequencyText(f) : "",
        ["tarief"] = l.Amount.Tariff is { } t ? Money(t, row) : "",
        ["budget"] = l.Amount.Budget is { } b ? Money(b, row + 1) : "",
        [UnknownColumn] = row % 4 == 0 ? "gecontroleerd" : "",
    };

    /// <summary>The three date spellings docs/import-formats.md accepts, taking turns.</summary>
    private static string Date(DateOnly date, int turn) => (turn % 3) switch
    {
        0 => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        1 => date.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture),
        _ => date.ToString("d-M-yyyy", CultureInfo.InvariantCulture),
    };

    /// <summary>Amounts as Dutch exports write them, taking turns: 1234.56, 1.234,56, € 1.234,56.</summary>
    private static string Money(decimal amount, int turn) => (turn % 3) switch
    {
        0 => amount.ToString("0.00", CultureInfo.InvariantCulture),
        1 => amount.ToString("#,##0.00", Dutch),
        _ => "€ " + amount.ToString("#,##0.00", Dutch),
    };

    private static string FrequencyText(Frequency frequency) => frequency switch
    {
        Frequency.PerDay => "per dag",
        Frequency.PerWeek => "per week",
        Frequency.Per4Weeks => "per 4 weken",
        Frequency.PerMonth => "per maand",
        Frequency.PerYear => "per jaar",
        Frequency.Total => "totaal",
        _ => throw new ArgumentOutOfRangeException(nameof(frequency)),
    };
}
