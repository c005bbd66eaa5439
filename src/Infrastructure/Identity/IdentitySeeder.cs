using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using SociaalDomein.Domain.Security;

namespace SociaalDomein.Infrastructure.Identity;

/// <summary>The demo accounts of Development, listed in the README. Outside Development there are none.</summary>
public static class DemoAccounts
{
    public const string Password = "Demo-2026!";

    public static readonly IReadOnlyList<(string Email, string Role)> All =
    [
        ("wethouder@demo.local", Roles.Wethouder),
        ("controller@demo.local", Roles.Controller),
        ("controller2@demo.local", Roles.Controller), // a second pair of eyes: a controller never approves their own mutation
        ("contractmanager@demo.local", Roles.Contractmanager),
        ("beheerder@demo.local", Roles.Beheerder),
    ];
}

public sealed class IdentitySeeder(UserManager<IdentityUser> users, RoleManager<IdentityRole> roles, IConfiguration configuration, ILogger<IdentitySeeder> logger)
{
    public const string InitialAdminEmailKey = "SociaalDomein:InitialAdmin:Email";
    public const string InitialAdminPasswordKey = "SociaalDomein:InitialAdmin:Password";

    public async Task SeedAsync(bool demoAccounts)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), role);
            }
        }

        if (demoAccounts)
        {
            foreach (var (email, role) in DemoAccounts.All)
            {
                await EnsureUserAsync(email, DemoAccounts.Password, role);
            }
        }

        // Outside Development the first beheerder comes from configuration; it is never overwritten afterwards.
        var adminEmail = configuration[InitialAdminEmailKey];
        var adminPassword = configuration[InitialAdminPasswordKey];
        if (!string.IsNullOrWhiteSpace(adminEmail) && !string.IsNullOrWhiteSpace(adminPassword)
            && (await users.GetUsersInRoleAsync(Roles.Beheerder)).Count == 0)
        {
            await EnsureUserAsync(adminEmail, adminPassword, Roles.Beheerder);
            logger.LogInformation("Eerste beheerder {Email} aangemaakt uit de configuratie.", adminEmail);
        }
    }

    private async Task EnsureUserAsync(string email, string password, string role)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
            Check(await users.CreateAsync(user, password), email);
        }

        if (!await users.IsInRoleAsync(user, role))
        {
            Check(await users.AddToRoleAsync(user, role), email);
        }
    }

    private static void Check(IdentityResult result, string subject)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Account of rol '{subject}' kon niet worden aangemaakt: " +
                string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
