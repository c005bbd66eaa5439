using System.Globalization;

namespace SociaalDomein.Domain.Stacking;

/// <summary>The Dutch words of the stacking figures, the same on the page, in its charts and in the Excel export.</summary>
public static class StackingLabels
{
    /// <summary>What a figure hidden by <see cref="PublicationRule"/> shows.</summary>
    public const string Hidden = "geheim";

    /// <summary>A household size: "1 cliënt", "3 cliënten".</summary>
    public static string Clients(int clients) => clients == 1 ? "1 cliënt" : $"{clients} cliënten";

    /// <summary>A line of Table B: "2", or "5 of meer" for the last.</summary>
    public static string Provisions(int provisions) =>
        provisions >= StackingOptions.MaxProvisionsBucket ? $"{provisions} of meer" : provisions.ToString(CultureInfo.InvariantCulture);

    /// <summary>The same with its noun: "1 voorziening", "2 voorzieningen", "5 of meer voorzieningen".</summary>
    public static string ProvisionsNoun(int provisions) => provisions == 1 ? "1 voorziening" : $"{Provisions(provisions)} voorzieningen";
}
