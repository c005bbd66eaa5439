using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SociaalDomein.Web.Tests.Components;
using SociaalDomein.Web.Formatting;

namespace SociaalDomein.Web.Tests.Formatting;

/// <summary>MudBlazor's button names, as a screen reader announces them, in Dutch (the app registers the localizer in
/// Program.cs; here it is registered the same way).</summary>
public sealed class DutchMudLocalizerTests : MudBunitContext
{
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    public DutchMudLocalizerTests()
    {
        CultureInfo.CurrentUICulture = Dutch.Culture; // as the app sets it
        Services.AddTransient<MudLocalizer, DutchMudLocalizer>();
    }

    protected override void AfterTest() => CultureInfo.CurrentUICulture = _previous;

    [Fact]
    public void The_pager_buttons_have_Dutch_names()
    {
        var table = Render<MudTable<int>>(p => p
            .Add(t => t.Items, Enumerable.Range(1, 30).ToList())
            .Add(t => t.RowsPerPage, 10)
            .Add(t => t.RowTemplate, (RenderFragment<int>)(i => b => b.AddContent(0, i)))
            .Add(t => t.PagerContent, b =>
            {
                b.OpenComponent<MudTablePager>(0);
                b.CloseComponent();
            }));

        var names = table.FindAll("button[aria-label]").Select(b => b.GetAttribute("aria-label")).ToList();
        Assert.Contains("Volgende pagina", names);
        Assert.Contains("Vorige pagina", names);
        Assert.DoesNotContain(names, n => n!.Contains("page", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Texts_with_an_argument_are_formatted_and_unknown_keys_fall_back()
    {
        var localizer = new DutchMudLocalizer();

        Assert.Equal("Vorige maand (oktober 2018)", localizer["MudBaseDatePicker_PrevMonth", "oktober 2018"].Value);
        Assert.True(localizer["MudStepper_Skip"].ResourceNotFound);
    }
}
