using Microsoft.EntityFrameworkCore;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Identity;

public sealed record UserSummary(string UserName, string? Email, IReadOnlyList<string> Roles, bool LockedOut);

/// <summary>Read-only list of accounts and their roles, for the beheerder.</summary>
public sealed class UserDirectory(IDbContextFactory<AppDbContext> contexts)
{
    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = DateTimeOffset.UtcNow;
        var users = await db.Users
            .OrderBy(u => u.UserName)
            .Select(u => new
            {
                u.UserName,
                u.Email,
                Locked = u.LockoutEnd != null && u.LockoutEnd > now,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).OrderBy(n => n).ToList(),
            })
            .ToListAsync(ct);
        return users.Select(u => new UserSummary(u.UserName!, u.Email, u.Roles, u.Locked)).ToList();
    }
}
