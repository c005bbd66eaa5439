using Microsoft.AspNetCore.Http.HttpResults;
using System.ComponentModel;
using SociaalDomein.Infrastructure.Identity;
using SociaalDomein.Web.Auth;

namespace SociaalDomein.Web.Api;

/// <summary>/api/users (Beheerder): the accounts and their roles.</summary>
public static class UserEndpoints
{
    [Description("Een account van de applicatie.")]
    public sealed record UserDto(
        [property: Description("Gebruikersnaam (het e-mailadres waarmee wordt ingelogd).")] string UserName,
        [property: Description("E-mailadres.")] string? Email,
        [property: Description("Rollen: Wethouder, Controller, Contractmanager of Beheerder.")] IReadOnlyList<string> Roles,
        [property: Description("Waar: geblokkeerd na te veel mislukte inlogpogingen.")] bool LockedOut);

    public static RouteGroupBuilder MapUsers(this IEndpointRouteBuilder api)
    {
        var users = api.MapGroup("/users")
            .WithTags(ApiTags.Accounts)
            .RequireAuthorization(AuthenticationSetup.Policies.Beheerder);

        users.MapGet("", GetUsersAsync)
            .WithName("GetUsers")
            .WithSummary("Accounts en rollen")
            .WithDescription("Alle accounts met hun rollen en of ze geblokkeerd zijn.");

        return users;
    }

    private static async Task<Ok<List<UserDto>>> GetUsersAsync(UserDirectory directory, CancellationToken ct) =>
        TypedResults.Ok((await directory.ListAsync(ct)).Select(u => new UserDto(u.UserName, u.Email, u.Roles, u.LockedOut)).ToList());
}
