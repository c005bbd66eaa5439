namespace SociaalDomein.Web.Components.Scenarios;

/// <summary>The shape drawn at each point of a line, so lines differ by more than their colour.</summary>
public enum Marker
{
    Circle,
    Square,
    Triangle,
    Diamond,
}

/// <summary>How a line looks: a colour with at least 4.5:1 contrast on white (its label at the line's end is text in that
/// colour), a dash pattern (null = solid) and a marker.</summary>
public sealed record LineLook(string Colour, string? Dash, Marker Marker, double Width = 2.5)
{
    /// <summary>One look per scenario by position (Doorgaan, Optimaliseren, Hervormen, Herstructureren, ...).</summary>
    public static readonly IReadOnlyList<LineLook> Scenarios =
    [
        new("#C4281C", null, Marker.Circle),
        new("#154273", null, Marker.Square),
        new("#2E7D32", null, Marker.Triangle),
        new("#4A5563", "8 5", Marker.Diamond),
    ];

    /// <summary>The wethouder's own scenario: thick and dash-dotted, in a colour no plan scenario has.</summary>
    public static readonly LineLook Custom = new("#8A4B08", "12 4 3 4", Marker.Circle, 3.5);

    /// <summary>An indicative line is always dashed.</summary>
    public static LineLook ForScenario(int index, bool indicative)
    {
        var look = Scenarios[index % Scenarios.Count];
        return indicative && look.Dash is null ? look with { Dash = "8 5" } : look;
    }
}

/// <summary>One line of a <see cref="LineChart"/>: a name and a value per label (null = no point there).</summary>
public sealed record ChartLine(string Name, IReadOnlyList<decimal?> Values, LineLook Look);

/// <summary>A band between two lines (the prudence margin above the baseline), with its name for the legend and table.</summary>
public sealed record ChartBand(string Name, IReadOnlyList<decimal> Lower, IReadOnlyList<decimal> Upper);
