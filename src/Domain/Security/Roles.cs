namespace SociaalDomein.Domain.Security;

/// <summary>The four roles of docs/domain.md §1. The names are shown to users, so they are Dutch.</summary>
public static class Roles
{
    public const string Wethouder = "Wethouder";
    public const string Controller = "Controller";
    public const string Contractmanager = "Contractmanager";
    public const string Beheerder = "Beheerder";

    public static readonly IReadOnlyList<string> All = [Wethouder, Controller, Contractmanager, Beheerder];
}
