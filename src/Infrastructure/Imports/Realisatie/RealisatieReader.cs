using SociaalDomein.Domain.Budgets;
using SociaalDomein.Infrastructure.Imports.Tables;

namespace SociaalDomein.Infrastructure.Imports.Realisatie;

/// <summary>
/// Opens a realisatie (ledger actuals) file: CSV or Excel (.xlsx), read by the same <see cref="TabularFiles"/> as
/// toewijzingen (encoding, delimiter, quoting, row numbers), every row checked by <see cref="RealisatieRowValidator"/>
/// against <paramref name="lines"/>. A file that cannot be imported at all throws <see cref="ImportFileException"/>.
/// </summary>
public static class RealisatieReader
{
    private static readonly FileTexts Texts = new(
        "Het bestand '{0}' is geen tekstbestand of Excel-bestand en kan niet worden ingelezen. " +
        "Lever de realisatie aan als CSV of als Excel-werkmap (.xlsx), met de kolommen jaar, maand, budgetpost en bedrag.",
        "Het Excel-bestand '{0}' bevat geen werkblad. Zet de realisatie op het eerste werkblad, met de kolomnamen in de eerste rij.");

    /// <summary>Opens the file. The caller keeps ownership of <paramref name="stream"/> and must keep it open while the
    /// rows are read. <paramref name="known"/>: what the upload showed of
    /// the text as it was received (<see cref="TextFacts"/>), so the file is not scanned again.</summary>
    public static IImportFile<ParsedRow<ActualRecord>> Open(Stream stream, string fileName, BudgetLineLookup lines, TextFacts? known = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return TabularFiles.Open(stream, fileName, header =>
        {
            var columns = RealisatieColumns.FromHeader(header, fileName);
            var validator = new RealisatieRowValidator(columns, lines);
            return new TableLayout<ParsedRow<ActualRecord>>(columns.HeaderFieldCount, columns.UnknownColumns, validator.Validate);
        }, Texts, known: known);
    }
}
