using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using SociaalDomein.Domain.Security;

namespace SociaalDomein.Web.Auth;

public static class AuthenticationSetup
{
    private const string Selector = "CookieOrApiKey";

    public const string LoginCookieName = "SociaalDomein.Login";

    /// <summary>Policies named after the role(s) they admit.</summary>
    public static class Policies
    {
        public const string AlleRollen = "AlleRollen"; // Wethouder, Controller, Contractmanager, Beheerder
        public const string Beheerder = Roles.Beheerder;
        public const string Financieel = "Financieel"; // Controller, Beheerder
        public const string Importeren = "Importeren"; // Beheerder, Contractmanager

        /// <summary>The Imports page and the status, history and rejected rows of imports: everyone who may start an import
        /// of some kind (toewijzingen: <see cref="Importeren"/>; realisatie: <see cref="Financieel"/>).</summary>
        public const string ImportOverzicht = "ImportOverzicht"; // Controller, Contractmanager, Beheerder

        /// <summary>Composing and saving a custom scenario (eigen scenario): the wethouder and the financial roles.</summary>
        public const string EigenScenario = "EigenScenario"; // Wethouder, Controller, Beheerder

        /// <summary>Reading the Aanbieders pages (providers, ceilings, price list): Contractmanager, Controller, Wethouder, Beheerder.</summary>
        public const string Aanbieders = "Aanbieders";

        /// <summary>Keeping providers, ceilings, warnings and the price list: Contractmanager, Beheerder.</summary>
        public const string Contractbeheer = "Contractbeheer";

        /// <summary>Only a request with X-Api-Key, never the login cookie (roles: the other policy on the endpoint).</summary>
        public const string ApiSleutel = "ApiSleutel";
    }

    /// <summary>Login cookie (ASP.NET Core Identity) for people, X-Api-Key for scripts and BI tools; every
    /// endpoint needs one of the two unless it says otherwise. Under /api a missing login answers 401 and a
    /// missing role 403, instead of the redirect to the login page that a browser gets; so does the OpenAPI document
    /// under /openapi.</summary>
    public static IServiceCollection AddSociaalDomeinAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Selector;
                o.DefaultChallengeScheme = Selector;
                o.DefaultForbidScheme = Selector;
            })
            .AddPolicyScheme(Selector, "Login of API-sleutel", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<ApiKeyOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, o =>
                o.Keys = configuration.GetSection("Api:Keys").Get<List<ApiKey>>() ?? [])
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/geen-toegang";
            o.Cookie.Name = LoginCookieName;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events = new CookieAuthenticationEvents
            {
                OnRedirectToLogin = context => ApiAware(context, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = context => ApiAware(context, StatusCodes.Status403Forbidden),
            };
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.AlleRollen, p => p.RequireRole(Roles.All))
            .AddPolicy(Policies.Beheerder, p => p.RequireRole(Roles.Beheerder))
            .AddPolicy(Policies.Financieel, p => p.RequireRole(Roles.Controller, Roles.Beheerder))
            .AddPolicy(Policies.Importeren, p => p.RequireRole(Roles.Beheerder, Roles.Contractmanager))
            .AddPolicy(Policies.ImportOverzicht, p => p.RequireRole(Roles.Controller, Roles.Contractmanager, Roles.Beheerder))
            .AddPolicy(Policies.EigenScenario, p => p.RequireRole(Roles.Wethouder, Roles.Controller, Roles.Beheerder))
            .AddPolicy(Policies.Aanbieders, p => p.RequireRole(Roles.Contractmanager, Roles.Controller, Roles.Wethouder, Roles.Beheerder))
            .AddPolicy(Policies.Contractbeheer, p => p.RequireRole(Roles.Contractmanager, Roles.Beheerder))
            .AddPolicy(Policies.ApiSleutel, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        services.AddCascadingAuthenticationState();
        return services;
    }

    private static Task ApiAware(RedirectContext<CookieAuthenticationOptions> context, int apiStatus)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/openapi"))
        {
            context.Response.StatusCode = apiStatus;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
