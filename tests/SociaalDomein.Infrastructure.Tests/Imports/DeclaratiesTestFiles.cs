using System.Text;
using SociaalDomein.Infrastructure.Imports;
using SociaalDomein.Infrastructure.Imports.Declaraties;
using SociaalDomein.Infrastructure.Privacy;

namespace SociaalDomein.Infrastructure.Tests.Imports;

/// <summary>Claims files built in code for the tests: a canonical CSV and small WMO323/JW323 messages (release 3.2
/// structure) with generated test BSNs, never real personal data.</summary>
public static class DeclaratiesTestFiles
{
    public static readonly Pseudonymiser Pseudonymiser = new(new byte[32]);

    public const string Header =
        "bsn;aanbieder_agb;aanbieder_naam;wet;productcode;toewijzingsnummer;periode_start;periode_eind;bedrag;ingediend_op;status;declaratienummer";

    /// <summary>A CSV line; defaults make a valid claim of € 500 for March 2019.</summary>
    public static string Row(string? bsn = null, string agb = "75750001", string name = "Zorg Zwolle BV", string law = "Wmo",
        string product = "02A06", string assignment = "", string start = "01-03-2019", string end = "31-03-2019", string amount = "500,00",
        string submitted = "10-04-2019", string status = "", string number = "") =>
        $"{bsn ?? TestBsn.Number(1)};{agb};{name};{law};{product};{assignment};{start};{end};{amount};{submitted};{status};{number}";

    public static string Csv(params string[] rows) => string.Join("\r\n", [Header, .. rows]) + "\r\n";

    public static List<ParsedRow<ClaimRecord>> ReadAll(string content, string fileName = "declaraties.csv") =>
        ReadAll(Encoding.UTF8.GetBytes(content), fileName);

    public static List<ParsedRow<ClaimRecord>> ReadAll(byte[] content, string fileName = "declaraties.csv")
    {
        using var stream = new MemoryStream(content);
        using var file = DeclaratiesReader.Open(stream, fileName, Pseudonymiser);
        return file.Rows.ToList();
    }

    /// <summary>A WMO323 ("wmo323") or JW323 ("jw323") message from <paramref name="provider"/>.</summary>
    public static string Message(string kind, string clients, string provider = "75750001", string number = "DEC1", string submitted = "2019-04-10")
    {
        var (ns, code, prefix) = kind == "wmo323"
            ? ("http://www.istandaarden.nl/iwmo/3_2", "484", "iwmo")
            : ("http://www.istandaarden.nl/ijw/3_2", "490", "ijw");
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <m:Bericht xmlns:m="{ns}/{kind}/schema" xmlns:{prefix}="{ns}/basisschema/schema">
              <m:Header>
                <m:BerichtCode>{code}</m:BerichtCode>
                <m:BerichtVersie>3</m:BerichtVersie>
                <m:BerichtSubversie>2</m:BerichtSubversie>
                <m:Afzender>{provider}</m:Afzender>
                <m:Ontvanger>0193</m:Ontvanger>
                <m:BerichtIdentificatie><{prefix}:Identificatie>B-{number}</{prefix}:Identificatie><{prefix}:Dagtekening>{submitted}</{prefix}:Dagtekening></m:BerichtIdentificatie>
                <m:XsdVersie><{prefix}:BasisschemaXsdVersie>1.0.0</{prefix}:BasisschemaXsdVersie><{prefix}:BerichtXsdVersie>1.0.0</{prefix}:BerichtXsdVersie></m:XsdVersie>
              </m:Header>
              <m:Declaratie>
                <m:DeclaratieNummer>{number}</m:DeclaratieNummer>
                <m:DeclaratiePeriode><{prefix}:Begindatum>2019-03-01</{prefix}:Begindatum><{prefix}:Einddatum>2019-03-31</{prefix}:Einddatum></m:DeclaratiePeriode>
                <m:DeclaratieDagtekening>{submitted}</m:DeclaratieDagtekening>
                <m:TotaalIngediendBedrag><{prefix}:TotaalBedrag>0</{prefix}:TotaalBedrag><{prefix}:DebetCredit>D</{prefix}:DebetCredit></m:TotaalIngediendBedrag>
                <m:Clienten>
            {clients.Replace("b:", prefix + ":")}
                </m:Clienten>
              </m:Declaratie>
            </m:Bericht>
            """;
    }

    public static string Client(string bsn, params string[] prestaties) => $"""
          <m:Client>
            <m:Bsn>{bsn}</m:Bsn>
            <m:Prestaties>{string.Concat(prestaties)}</m:Prestaties>
          </m:Client>
        """;

    /// <summary>One Prestatie; <paramref name="cents"/> in whole eurocents, <paramref name="debitCredit"/> D or C.</summary>
    public static string Prestatie(string reference, string cents, string debitCredit = "D", string? previous = null,
        string assignment = "T-1", string category = "02", string code = "02A06", string start = "2019-03-01", string end = "2019-03-31",
        string volume = "4", string unit = "04", string? tariff = "1250") => $"""
        <m:Prestatie>
          <m:ProductReferentie><b:ReferentieNummer>{reference}</b:ReferentieNummer>{(previous is null ? "" : $"<b:VorigReferentieNummer>{previous}</b:VorigReferentieNummer>")}</m:ProductReferentie>
          <m:ToewijzingNummer>{assignment}</m:ToewijzingNummer>
          <m:ProductCategorie>{category}</m:ProductCategorie>
          <m:ProductCode>{code}</m:ProductCode>
          <m:ProductPeriode><b:Begindatum>{start}</b:Begindatum><b:Einddatum>{end}</b:Einddatum></m:ProductPeriode>
          <m:GeleverdVolume>{volume}</m:GeleverdVolume>
          <m:Eenheid>{unit}</m:Eenheid>
          {(tariff is null ? "" : $"<m:ProductTarief>{tariff}</m:ProductTarief>")}
          <m:IngediendBedrag><b:Bedrag>{cents}</b:Bedrag><b:DebetCredit>{debitCredit}</b:DebetCredit></m:IngediendBedrag>
        </m:Prestatie>
        """;
}
