using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using SociaalDomein.Infrastructure.Providers;
using SociaalDomein.Web.Auth;
using SociaalDomein.Web.Formatting;

namespace SociaalDomein.Web.Components.Tariffs;

/// <summary>Who may keep the price list (policy Contractbeheer) and the texts the page uses for an entry.</summary>
public static class TariffAccess
{
    public const string NotAllowed = "Alleen een contractmanager of beheerder mag de prijslijst wijzigen.";

    /// <summary>The name for the audit log when the user may edit, otherwise null.</summary>
    public static async Task<string?> EditorAsync(AuthenticationStateProvider authentication, IAuthorizationService authorization)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return (await authorization.AuthorizeAsync(user, AuthenticationSetup.Policies.Contractbeheer)).Succeeded ? user.AuditName() : null;
    }

    public static string Provider(TariffRow t) => t.ProviderAgb ?? "alle aanbieders";

    /// <summary>"02A07, alle aanbieders, vanaf 01-01-2019": names an entry in labels and titles.</summary>
    public static string Name(TariffRow t) => $"{t.ProductCode}, {Provider(t)}, vanaf {Dutch.Date(t.ValidFrom)}";

    public static string Price(decimal amount) => "€ " + amount.ToString("#,##0.00##", Dutch.Culture);
}
