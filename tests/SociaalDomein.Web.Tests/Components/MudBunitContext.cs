using Bunit;
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

    async Task IAsyncLifetime.DisposeAsync()
    {
        AfterTest();
        await DisposeAsync();
    }
}
