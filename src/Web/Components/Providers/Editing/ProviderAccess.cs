using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Web.Auth;
using SociaalDomein.Web.Formatting;

namespace SociaalDomein.Web.Components.Providers.Editing;

/// <summary>Who may change providers, ceilings and warnings (policy Contractbeheer: contract manager and beheerder), and
/// the small texts the components share. The controls are only shown to them; a dialog checks again where it saves.</summary>
public static class ProviderAccess
{
    public const string NotAllowed = "Alleen een contractmanager of beheerder mag aanbieders, budgetplafonds en signaleringen wijzigen.";

    /// <summary>The name for the audit log when the user may edit, otherwise null.</summary>
    public static async Task<string?> EditorAsync(AuthenticationStateProvider authentication, IAuthorizationService authorization)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return (await authorization.AuthorizeAsync(user, AuthenticationSetup.Policies.Contractbeheer)).Succeeded ? user.AuditName() : null;
    }

    /// <summary>"80 %", "112,5 %": a fraction as a Dutch percentage with at most one decimal.</summary>
    public static string Percent(decimal fraction) =>
        decimal.Round(fraction * 100, 1, MidpointRounding.AwayFromZero).ToString("0.#", Dutch.Culture) + " %";

    /// <summary>"Wmo, product 02A06", "alle wetten, alle producten".</summary>
    public static string Scope(Law? law, string? productCode) => Infrastructure.Providers.ProviderEditService.Scope(law, productCode);

    /// <summary>A date as typed in Dutch (31-12-2019, 1-1-2020); empty is no date. False with a Dutch message otherwise.</summary>
    public static bool TryParseDate(string? text, out DateOnly? date, out string? error)
    {
        date = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text.Trim(), ["d-M-yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        error = $"'{text.Trim()}' is geen datum. Schrijf haar als dag-maand-jaar, zoals 31-12-2019.";
        return false;
    }
}
