using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace SociaalDomein.Web.Tests.Components;

/// <summary>A bUnit context for MudBlazor components: MudBlazor's services, JavaScript calls answered loosely, and an
/// asynchronous dispose (MudBlazor's services can only be disposed asynchronously; xUnit 2 would call Dispose).</summary>
public abstract class MudBunitContext : BunitContext, IAsyncLifetime
{
    protected MudBunitContext()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Runs after the test, before the context is disposed.</summary>
    protected virtual void AfterTest()
    {
    }

    /// <summary>A dialog provider with the dialog opened in it, as a page or tab opens it.</summary>
    protected async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> OpenAsync<TDialog>(DialogParameters<TDialog> parameters)
        where TDialog : IComponent
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        IDialogReference? dialog = null;
        await provider.InvokeAsync(async () => dialog = await dialogs.ShowAsync<TDialog>("", parameters));
        return (provider, dialog!);
    }

    /// <summary>The text the field's aria-describedby points at: its error, or its help text.</summary>
    protected static string Description<T>(IRenderedComponent<T> rendered, string inputSelector) where T : IComponent
    {
        var input = rendered.Find(inputSelector);
        return rendered.Find($"[id='{input.GetAttribute("aria-describedby")}']").TextContent.Trim();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        AfterTest();
        await DisposeAsync();
    }
}
