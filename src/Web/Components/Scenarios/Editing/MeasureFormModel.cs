using System.Text.RegularExpressions;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Domain.Scenarios;
using SociaalDomein.Infrastructure.Scenarios;

namespace SociaalDomein.Web.Components.Scenarios.Editing;

/// <summary>
/// What the measure form holds while a controller types: text as typed, one row per year. <see cref="ToDraft"/> turns it
/// into a <see cref="MeasureDraft"/> for <see cref="MeasureService"/>, or into Dutch messages per field when an amount is
/// not a number. Errors are keyed by form field: <c>code</c>, <c>title</c>, … and <c>2019.yield</c>,
/// <c>2019.implementationCost</c>, <c>2019.year</c> for a year's row; <see cref="Place"/> maps the service's keys
/// (<c>years[1].yield</c>, an index into the draft's years) onto them.
/// </summary>
public sealed partial class MeasureFormModel
{
    /// <summary>The domain choice for measures across the whole sociaal domein (no budget domain).</summary>
    public const string DomainWide = "Sociaal domein breed";

    public string? Code { get; set; }
    public string? Title { get; set; }
    public string Domain { get; set; } = DomainWide;
    public string? FirstScenario { get; set; }
    public string? Owner { get; set; }
    public string Status { get; set; } = MeasureStatus.Proposed.DutchName();
    public string? Note { get; set; }
    public List<YearRow> Years { get; } = [];

    /// <summary>The years of the last draft, in its order: index i of the service's <c>years[i]</c>.</summary>
    private List<int> _draftYears = [];

    /// <summary>One year of the form. An empty yield that is not p.m. and no cost: the measure has nothing in that year.</summary>
    public sealed class YearRow(int year)
    {
        public int Year { get; } = year;
        public string? Yield { get; set; }
        public bool Pm { get; set; }
        public string? Cost { get; set; }
    }

    /// <summary>An empty form for a new measure, one row per year of the prognosis period.</summary>
    public static MeasureFormModel New(IEnumerable<int> years, string? firstScenario)
    {
        var model = new MeasureFormModel { FirstScenario = firstScenario };
        model.Years.AddRange(years.Order().Select(y => new YearRow(y)));
        return model;
    }

    /// <summary>The form filled with a measure as stored. Its years outside the period get a row too, so they can be
    /// seen and cleared rather than silently dropped.</summary>
    public static MeasureFormModel From(MeasureFigures measure, IEnumerable<int> years)
    {
        var model = new MeasureFormModel
        {
            Code = measure.Code,
            Title = measure.Title,
            Domain = measure.Domain?.DutchName() ?? DomainWide,
            FirstScenario = measure.FirstScenario,
            Owner = measure.Owner,
            Status = measure.Status.DutchName(),
            Note = measure.Note,
        };
        foreach (var year in years.Union(measure.Years.Select(y => y.Year)).Order())
        {
            var row = new YearRow(year);
            if (measure.Years.FirstOrDefault(y => y.Year == year) is { } stored)
            {
                row.Pm = stored.Yield is null;
                row.Yield = stored.Yield is { } yield ? AmountInput.Format(yield) : null;
                row.Cost = stored.ImplementationCost != 0 ? AmountInput.Format(stored.ImplementationCost) : null;
            }

            model.Years.Add(row);
        }

        return model;
    }

    /// <summary>The draft, or the fields whose text is not an amount (then nothing is sent to the service).</summary>
    public (MeasureDraft? Draft, Dictionary<string, string> Errors) ToDraft()
    {
        var errors = new Dictionary<string, string>();
        var years = new List<MeasureYearDraft>();
        foreach (var row in Years)
        {
            decimal? yield = null;
            if (!row.Pm && !AmountInput.TryParse(row.Yield, out yield, out var yieldError))
            {
                errors[$"{row.Year}.yield"] = yieldError!;
            }

            if (!AmountInput.TryParse(row.Cost, out var cost, out var costError))
            {
                errors[$"{row.Year}.implementationCost"] = costError!;
            }

            if (row.Pm)
            {
                years.Add(new MeasureYearDraft(row.Year, null, cost ?? 0m));
            }
            else if (yield is not null || cost is not null)
            {
                years.Add(new MeasureYearDraft(row.Year, yield ?? 0m, cost ?? 0m));
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        _draftYears = years.Select(y => y.Year).ToList();
        var domain = Domain == DomainWide ? null : Domain;
        return (new MeasureDraft(Code, Title, domain, FirstScenario, Owner, Status, Note, years), errors);
    }

    /// <summary>The service's errors keyed by form field; a key the form has no field for (<c>version</c>, the empty key of
    /// "not found") is kept as it is, for the dialog to show above the form.</summary>
    public Dictionary<string, string> Place(IReadOnlyDictionary<string, string> errors)
    {
        var placed = new Dictionary<string, string>();
        foreach (var (key, message) in errors)
        {
            var match = YearKey().Match(key);
            if (match.Success && int.TryParse(match.Groups["index"].Value, out var index) && index < _draftYears.Count)
            {
                placed[$"{_draftYears[index]}.{match.Groups["field"].Value}"] = message;
            }
            else
            {
                placed[key] = message;
            }
        }

        return placed;
    }

    /// <summary>The form fields' keys (a year's keys are checked per row).</summary>
    public static readonly IReadOnlySet<string> Fields = new HashSet<string> { "code", "title", "domain", "firstScenario", "owner", "status", "note" };

    /// <summary>Whether <paramref name="key"/> belongs to a field the form shows.</summary>
    public bool HasField(string key) =>
        Fields.Contains(key) || Years.Any(r => key == $"{r.Year}.yield" || key == $"{r.Year}.implementationCost" || key == $"{r.Year}.year");

    [GeneratedRegex(@"^years\[(?<index>\d+)\]\.(?<field>\w+)$")]
    private static partial Regex YearKey();
}
