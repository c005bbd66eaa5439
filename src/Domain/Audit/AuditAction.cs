namespace SociaalDomein.Domain.Audit;

/// <summary>What a user did. Stored by name, so the log reads without this code; never rename a member.</summary>
public enum AuditAction
{
    /// <summary>A file left the application: an Excel or CSV download.</summary>
    Export = 1,

    /// <summary>A file was uploaded to be imported (the import itself runs in the background).</summary>
    ImportStarted = 2,

    /// <summary>One postcode moved to another district, or out of the mapping.</summary>
    DistrictChanged = 3,

    /// <summary>The whole postcode-to-district mapping was replaced from a CSV file.</summary>
    DistrictsReplaced = 4,

    /// <summary>Someone asked for the stored stacking results to be recomputed.</summary>
    StackingRecomputeRequested = 5,

    /// <summary>Kept upload files reached the end of their retention period and were deleted.</summary>
    ImportFilesDeleted = 6,

    /// <summary>A deficit component, a prudence margin or an indicative target path of the prognosis was changed or added.</summary>
    PrognosisChanged = 7,

    MeasureAdded = 8,
    MeasureChanged = 9,

    /// <summary>A measure was withdrawn (it keeps its history) or put back.</summary>
    MeasureRetired = 10,
    MeasureRestored = 11,

    /// <summary>A realised yield for a quarter was recorded or corrected.</summary>
    RealisationRecorded = 12,

    /// <summary>A custom scenario (eigen scenario) was saved under a name, or removed.</summary>
    CustomScenarioSaved = 13,
    CustomScenarioDeleted = 14,

    /// <summary>A budget mutation was created, changed, submitted, approved or rejected.</summary>
    BudgetMutationChanged = 15,

    /// <summary>A budget year was closed after the annual accounts.</summary>
    BudgetYearClosed = 16,

    /// <summary>A budget line was added or changed (code, name, taakveld, law), or its original budget for a year.</summary>
    BudgetLineChanged = 17,

    /// <summary>A provider's master data (name, type, funding model, contract period) was changed.</summary>
    ProviderChanged = 18,

    /// <summary>A provider's budget ceiling was added, changed or removed.</summary>
    BudgetCeilingChanged = 19,

    /// <summary>A contract manager acknowledged a ceiling warning, with a note.</summary>
    ProviderWarningAcknowledged = 20,

    /// <summary>A price-list entry (tarief) was added, changed or ended, or a price list was imported.</summary>
    TariffChanged = 21,

    /// <summary>The claims linked to a budget line for its forecast (law and product categories) were changed.</summary>
    ClaimGroupChanged = 22,

    /// <summary>A controller chose the forecasting method of a budget line over the recommendation, or withdrew the choice.</summary>
    ForecastMethodChosen = 23,
}

public static class AuditActions
{
    public static string DutchName(this AuditAction action) => action switch
    {
        AuditAction.Export => "Export",
        AuditAction.ImportStarted => "Import gestart",
        AuditAction.DistrictChanged => "Wijkindeling gewijzigd",
        AuditAction.DistrictsReplaced => "Wijkindeling vervangen",
        AuditAction.StackingRecomputeRequested => "Herberekening stapeling aangevraagd",
        AuditAction.ImportFilesDeleted => "Importbestanden verwijderd",
        AuditAction.PrognosisChanged => "Prognose gewijzigd",
        AuditAction.MeasureAdded => "Maatregel toegevoegd",
        AuditAction.MeasureChanged => "Maatregel gewijzigd",
        AuditAction.MeasureRetired => "Maatregel ingetrokken",
        AuditAction.MeasureRestored => "Maatregel teruggezet",
        AuditAction.RealisationRecorded => "Realisatie vastgelegd",
        AuditAction.CustomScenarioSaved => "Eigen scenario opgeslagen",
        AuditAction.CustomScenarioDeleted => "Eigen scenario verwijderd",
        AuditAction.BudgetMutationChanged => "Begrotingsmutatie",
        AuditAction.BudgetYearClosed => "Begrotingsjaar afgesloten",
        AuditAction.BudgetLineChanged => "Begrotingspost gewijzigd",
        AuditAction.ProviderChanged => "Aanbieder gewijzigd",
        AuditAction.BudgetCeilingChanged => "Budgetplafond gewijzigd",
        AuditAction.ProviderWarningAcknowledged => "Signalering afgehandeld",
        AuditAction.TariffChanged => "Tarief gewijzigd",
        AuditAction.ClaimGroupChanged => "Koppeling declaraties gewijzigd",
        AuditAction.ForecastMethodChosen => "Prognosemethode gekozen",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    /// <summary>The action named by its code name (<c>ImportStarted</c>) or its Dutch name (<c>Import gestart</c>),
    /// case-insensitive; null when unknown.</summary>
    public static AuditAction? Parse(string? name) =>
        string.IsNullOrWhiteSpace(name)
            ? null
            : Enum.GetValues<AuditAction>().Select(a => (AuditAction?)a).FirstOrDefault(a =>
                string.Equals(a!.Value.ToString(), name.Trim(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(a.Value.DutchName(), name.Trim(), StringComparison.OrdinalIgnoreCase));
}
