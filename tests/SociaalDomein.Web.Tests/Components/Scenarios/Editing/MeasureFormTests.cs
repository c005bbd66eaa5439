using AngleSharp.Dom;
using Bunit;
using SociaalDomein.Web.Components.Scenarios.Editing;

namespace SociaalDomein.Web.Tests.Components.Scenarios.Editing;

/// <summary>The measure form's fields: labelled, and each error of the service under its own field.</summary>
public sealed class MeasureFormTests : MudBunitContext
{
    private static readonly int[] Period = [2018, 2019, 2020, 2021];

    private IRenderedComponent<MeasureForm> Form(MeasureFormModel model, IReadOnlyDictionary<string, string> errors, bool isEdit = false) =>
        Render<MeasureForm>(p => p.Add(c => c.Model, model).Add(c => c.Scenarios, ["Optimaliseren", "Hervormen"]).Add(c => c.Errors, errors).Add(c => c.IsEdit, isEdit));

    /// <summary>The text the field's aria-describedby points at (its error or help text).</summary>
    private static string Description(IRenderedComponent<MeasureForm> form, IElement input) =>
        form.Find($"[id='{input.GetAttribute("aria-describedby")}']").TextContent.Trim();

    private static string Label(IRenderedComponent<MeasureForm> form, IElement input) =>
        form.Find($"label[for='{input.Id}']").TextContent.Trim();

    [Fact]
    public void A_services_error_for_the_second_year_of_the_draft_appears_under_that_years_yield_and_nowhere_else()
    {
        var model = MeasureFormModel.New(Period, "Optimaliseren");
        model.Title = "Nieuwe maatregel";
        model.Years[1].Yield = "100.000";
        model.Years[3].Yield = "999.999.999,99";
        model.ToDraft();
        const string message = "De opbrengst in 2021 is geen geldig bedrag (euro's, hoogstens twee decimalen, kleiner dan een miljard).";
        var errors = model.Place(new Dictionary<string, string> { ["years[1].yield"] = message, ["code"] = "Vul een code in, zoals W5 of J4." });

        var form = Form(model, errors);

        var wrong = form.Find("input[data-testid=veld-opbrengst-2021]");
        Assert.Equal("Opbrengst 2021", Label(form, wrong));
        Assert.Equal("true", wrong.GetAttribute("aria-invalid"));
        Assert.Equal(message, Description(form, wrong));
        var code = form.Find("input[data-testid=veld-code]");
        Assert.Equal("Vul een code in, zoals W5 of J4.", Description(form, code));
        var right = form.Find("input[data-testid=veld-opbrengst-2019]");
        Assert.Equal("false", right.GetAttribute("aria-invalid"));
        Assert.Single(form.FindAll(".mud-input-helper-text.mud-input-error"), e => e.TextContent.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_year_has_a_labelled_yield_p_m_and_cost_field_and_p_m_disables_the_yield()
    {
        var model = MeasureFormModel.New(Period, "Optimaliseren");
        model.Years[2].Pm = true;

        var form = Form(model, new Dictionary<string, string>());

        foreach (var year in Period)
        {
            Assert.Equal($"Opbrengst {year}", Label(form, form.Find($"input[data-testid=veld-opbrengst-{year}]")));
            Assert.Equal($"Uitvoeringskosten {year}", Label(form, form.Find($"input[data-testid=veld-kosten-{year}]")));
            Assert.Contains($"p.m. {year}", form.Find($"input[data-testid=veld-pm-{year}]").Closest("label")!.TextContent);
        }

        Assert.True(form.Find("input[data-testid=veld-opbrengst-2020]").HasAttribute("disabled"));
        Assert.False(form.Find("input[data-testid=veld-opbrengst-2019]").HasAttribute("disabled"));
    }

    [Fact]
    public void When_editing_the_code_is_read_only()
    {
        var model = MeasureFormModel.From(MeasureFormModelTests.Measure("W3"), Period);

        var editing = Form(model, new Dictionary<string, string>(), isEdit: true);
        var adding = Form(MeasureFormModel.New(Period, "Optimaliseren"), new Dictionary<string, string>());

        Assert.True(editing.Find("input[data-testid=veld-code]").HasAttribute("readonly"));
        Assert.Equal("W3", editing.Find("input[data-testid=veld-code]").GetAttribute("value"));
        Assert.False(adding.Find("input[data-testid=veld-code]").HasAttribute("readonly"));
    }
}
