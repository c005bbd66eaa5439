using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using SociaalDomein.Web.Auth;

namespace SociaalDomein.Web.Components.Scenarios.Editing;

/// <summary>Who saves an edit of the prognosis or a measure. The edit controls are only shown to a controller or
/// beheerder (policy Financieel); a dialog checks it again where it saves, as the API does.</summary>
public static class EditingAccess
{
    public const string NotAllowed = "Alleen een controller of beheerder mag de prognose en de maatregelen wijzigen.";

    public const string Saved = "Opgeslagen; de scenario's worden herberekend.";

    /// <summary>The name for the audit log when the user may edit, otherwise null.</summary>
    public static async Task<string?> EditorAsync(AuthenticationStateProvider authentication, IAuthorizationService authorization)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return (await authorization.AuthorizeAsync(user, AuthenticationSetup.Policies.Financieel)).Succeeded ? user.AuditName() : null;
    }
}
