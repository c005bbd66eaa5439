namespace SociaalDomein.Domain.Municipalities;

/// <summary>The organisation using the product (gemeente).</summary>
public class Municipality
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>True for the demonstration municipality: the UI then shows a banner.</summary>
    public bool IsDemo { get; set; }

    /// <summary>The day the council adopted the multi-year deficit prognosis. Budget mutations approved after it appear
    /// in the prognosis as the component "Begrotingswijzigingen na vaststelling" (docs/domain.md §6); null: all do.</summary>
    public DateOnly? PrognosisAdoptedOn { get; set; }

    /// <summary>The reference date (peildatum) the municipality reports the stacking analysis on, e.g. the date the
    /// council asked for; the Stapeling page opens on it. Null: 1 November of the latest year in which an assignment
    /// starts (docs/domain.md §5).</summary>
    public DateOnly? StackingReferenceDate { get; set; }

    public List<MunicipalityPopulation> Populations { get; set; } = [];
}

/// <summary>Number of inhabitants (inwonertal) of a municipality in a year.</summary>
public class MunicipalityPopulation
{
    public int Id { get; set; }
    public int MunicipalityId { get; set; }
    public int Year { get; set; }
    public int Inhabitants { get; set; }
}
