using Microsoft.Extensions.Localization;
using MudBlazor;

namespace SociaalDomein.Web.Formatting;

/// <summary>
/// MudBlazor's own texts in Dutch: the names screen readers announce for pager buttons, the date picker's month and
/// year buttons, close buttons and the like. MudBlazor falls back to English for a key not listed here (none of the
/// listed components show one).
/// </summary>
public sealed class DutchMudLocalizer : MudLocalizer
{
    private static readonly Dictionary<string, string> Texts = new(StringComparer.Ordinal)
    {
        ["MudAlert_Close"] = "Sluiten",
        ["MudBaseDatePicker_NextMonth"] = "Volgende maand ({0})",
        ["MudBaseDatePicker_PrevMonth"] = "Vorige maand ({0})",
        ["MudBaseDatePicker_NextYear"] = "Volgend jaar ({0})",
        ["MudBaseDatePicker_PrevYear"] = "Vorig jaar ({0})",
        ["MudBaseDatePicker_Open"] = "Kalender openen",
        ["MudChip_Close"] = "Verwijderen",
        ["MudDialog_Close"] = "Sluiten",
        ["MudSnackbar_Close"] = "Sluiten",
        ["MudInput_Clear"] = "Leegmaken",
        ["MudInput_Increment"] = "Verhogen",
        ["MudInput_Decrement"] = "Verlagen",
        ["MudFormComponent_Required"] = "Verplicht",
        ["MudSelect_SelectAll"] = "Alles selecteren",
        ["MudTable_Loading"] = "Laden…",
        ["MudTablePager_FirstPage"] = "Eerste pagina",
        ["MudTablePager_PreviousPage"] = "Vorige pagina",
        ["MudTablePager_NextPage"] = "Volgende pagina",
        ["MudTablePager_LastPage"] = "Laatste pagina",
        ["MudPagination_FirstPage"] = "Eerste pagina",
        ["MudPagination_PreviousPage"] = "Vorige pagina",
        ["MudPagination_NextPage"] = "Volgende pagina",
        ["MudPagination_LastPage"] = "Laatste pagina",
        ["MudPagination_CurrentPage"] = "Huidige pagina, pagina {0}",
        ["MudPagination_PageIndex"] = "Pagina {0}",
        ["MudDataGridPager_FirstPage"] = "Eerste pagina",
        ["MudDataGridPager_PreviousPage"] = "Vorige pagina",
        ["MudDataGridPager_NextPage"] = "Volgende pagina",
        ["MudDataGridPager_LastPage"] = "Laatste pagina",
        ["MudDataGridPager_RowsPerPage"] = "Rijen per pagina:",
        ["MudDataGridPager_AllItems"] = "Alle",
        ["MudTimePicker_Open"] = "Tijdkiezer openen",
    };

    public override LocalizedString this[string key] =>
        Texts.TryGetValue(key, out var text) ? new LocalizedString(key, text) : new LocalizedString(key, key, resourceNotFound: true);

    public override LocalizedString this[string key, params object[] arguments] =>
        Texts.TryGetValue(key, out var text)
            ? new LocalizedString(key, string.Format(Dutch.Culture, text, arguments))
            : new LocalizedString(key, key, resourceNotFound: true);
}
