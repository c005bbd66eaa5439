using System.Security.Claims;
using SociaalDomein.Domain.Audit;

namespace SociaalDomein.Web.Auth;

public static class AuditUser
{
    /// <summary>Who the audit log names: the Identity user name of a login, or the configured name of an API key
    /// (<see cref="ApiKeyAuthenticationHandler"/>).</summary>
    public static string AuditName(this ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : AuditEntry.UnknownUser;
}
