using SociaalDomein.Infrastructure.Imports.Tables;
using SociaalDomein.Infrastructure.Privacy;

namespace SociaalDomein.Infrastructure.Imports.Declaraties;

/// <summary>
/// Opens a declaraties file (docs/import-formats.md, record kind 2): CSV, Excel (.xlsx) or an iWmo/iJw declaratiebericht
/// (WMO323 / JW323), through the shared <see cref="TabularFiles"/> (the kind of file is read from the content); every
/// row goes through the one <see cref="DeclaratiesRowValidator"/>. A file that cannot be imported at all throws
/// <see cref="ImportFileException"/> with a Dutch message naming the file.
/// </summary>
public static class DeclaratiesReader
{
    private static readonly FileTexts Texts = new(
        "Het bestand '{0}' is geen tekstbestand, Excel-bestand of XML-bericht en kan niet worden ingelezen. " +
        "Lever de declaraties aan als CSV, als Excel-werkmap (.xlsx) of als iWmo/iJw-declaratiebericht (323).",
        "Het Excel-bestand '{0}' bevat geen werkblad. Zet de declaraties op het eerste werkblad, met de kolomnamen in de eerste rij.");

    /// <summary>Opens the file. The caller keeps ownership of <paramref name="stream"/> and must keep it open while the
    /// rows are read. <paramref name="known"/>: what the upload showed of
    /// the text as it was received (<see cref="TextFacts"/>), so the file is not scanned again.</summary>
    public static IImportFile<ParsedRow<ClaimRecord>> Open(Stream stream, string fileName, Pseudonymiser pseudonymiser, TextFacts? known = null)
    {
        ArgumentNullException.ThrowIfNull(pseudonymiser);
        return TabularFiles.Open(stream, fileName, header =>
            {
                var columns = DeclaratieColumns.FromHeader(header, fileName);
                var validator = new DeclaratiesRowValidator(columns, pseudonymiser);
                return new TableLayout<ParsedRow<ClaimRecord>>(columns.HeaderFieldCount, columns.UnknownColumns, validator.Validate);
            },
            Texts, (source, owned) => Iwmo323File.Open(source, fileName, pseudonymiser, owned), known);
    }
}
