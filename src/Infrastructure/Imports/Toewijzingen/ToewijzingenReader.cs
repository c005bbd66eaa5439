using SociaalDomein.Domain.Assignments;
using SociaalDomein.Infrastructure.Imports.Tables;
using SociaalDomein.Infrastructure.Privacy;

namespace SociaalDomein.Infrastructure.Imports.Toewijzingen;

/// <summary>
/// Opens a toewijzingen file of any accepted kind (docs/import-formats.md): CSV, Excel (.xlsx) or an iWmo/iJw 301 message,
/// through the shared <see cref="TabularFiles"/> (the kind of file is read from the content); every row goes through the
/// one <see cref="ToewijzingenRowValidator"/>. A file that cannot be imported at all throws
/// <see cref="ImportFileException"/> with a Dutch message naming the file.
/// </summary>
public static class ToewijzingenReader
{
    private static readonly FileTexts Texts = new(
        "Het bestand '{0}' is geen tekstbestand, Excel-bestand of XML-bericht en kan niet worden ingelezen. " +
        "Lever de toewijzingen aan als CSV, als Excel-werkmap (.xlsx) of als iWmo/iJw-toewijzingsbericht (301).",
        "Het Excel-bestand '{0}' bevat geen werkblad. Zet de toewijzingen op het eerste werkblad, met de kolomnamen in de eerste rij.");

    /// <summary>Opens the file. The caller keeps ownership of <paramref name="stream"/> and must keep it open while the
    /// rows are read; a stream that cannot seek is first copied to a temporary file (deleted on dispose). <paramref name="known"/>: what the upload showed of
    /// the text as it was received (<see cref="TextFacts"/>), so the file is not scanned again.</summary>
    public static IImportFile<ParsedRow<AssignmentRecord>> Open(Stream stream, string fileName, Pseudonymiser pseudonymiser, TextFacts? known = null)
    {
        ArgumentNullException.ThrowIfNull(pseudonymiser);
        return TabularFiles.Open(stream, fileName, header =>
            {
                var columns = ColumnMap.FromHeader(header, fileName);
                var validator = new ToewijzingenRowValidator(columns, pseudonymiser);
                return new TableLayout<ParsedRow<AssignmentRecord>>(columns.HeaderFieldCount, columns.UnknownColumns, validator.Validate);
            },
            Texts, (source, owned) => Iwmo301File.Open(source, fileName, pseudonymiser, owned), known);
    }
}
