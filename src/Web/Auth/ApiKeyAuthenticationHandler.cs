using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace SociaalDomein.Web.Auth;

/// <summary>One configured key: Api:Keys:N:Name, Api:Keys:N:Key, Api:Keys:N:Role.</summary>
public sealed class ApiKey
{
    public string Name { get; set; } = "";
    public string Key { get; set; } = "";
    public string Role { get; set; } = "";
}

public sealed class ApiKeyOptions : AuthenticationSchemeOptions
{
    public List<ApiKey> Keys { get; set; } = [];
}

/// <summary>Authenticates a request carrying <c>X-Api-Key</c> as the configured key: its name is the user name,
/// its role the only role. Keys are compared in constant time.</summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<ApiKeyOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<ApiKeyOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var presented) || string.IsNullOrEmpty(presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented.ToString()));
        var match = Options.Keys.FirstOrDefault(k =>
            !string.IsNullOrEmpty(k.Key) && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(k.Key)), presentedHash));
        if (match is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("Onbekende API-sleutel."));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, match.Name), new Claim(ClaimTypes.Role, match.Role)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
