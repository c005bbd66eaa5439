using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Web.Auth;

namespace SociaalDomein.Web.Components.Budget;

/// <summary>Who may change budget mutations (policy Financieel: controller and beheerder) and the texts the page shows
/// about it. The controls are only shown to them; a dialog or action checks again where it saves, as the API does.</summary>
public static class MutationAccess
{
    public const string NotAllowed = "Alleen een controller of beheerder mag begrotingsmutaties wijzigen.";

    /// <summary>Why an author sees no approve or reject button (four eyes).</summary>
    public const string OwnMutation = "U hebt deze mutatie zelf opgesteld; een andere controller beoordeelt haar.";

    public const string StructuralHint = "geldt voor dit jaar en alle latere jaren";

    /// <summary>The name for the audit log when the user may edit, otherwise null.</summary>
    public static async Task<string?> EditorAsync(AuthenticationStateProvider authentication, IAuthorizationService authorization)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return (await authorization.AuthorizeAsync(user, AuthenticationSetup.Policies.Financieel)).Succeeded ? user.AuditName() : null;
    }

    /// <summary>Whether <paramref name="user"/> (an audit name) wrote the mutation.</summary>
    public static bool IsAuthor(MutationSummary mutation, string? user) =>
        user is not null && string.Equals(mutation.CreatedBy, user, StringComparison.OrdinalIgnoreCase);

    /// <summary>"3 wachten op goedkeuring", "1 wacht op goedkeuring".</summary>
    public static string Waiting(int count) => count == 1 ? "1 wacht op goedkeuring" : $"{count} wachten op goedkeuring";

    public static string Term(bool structural) => structural ? "structureel" : "incidenteel";

    public static string Amount(decimal amount) => Scenarios.Editing.AmountInput.Money(amount);
}

/// <summary>Tells the menus of every open circuit in this process that the number of mutations waiting for approval may
/// have changed, so the count follows an approval without polling. Another instance's menu catches up on its next
/// navigation.</summary>
public static class MutationChanges
{
    public static event Action? Changed;

    public static void Notify() => Changed?.Invoke();
}
