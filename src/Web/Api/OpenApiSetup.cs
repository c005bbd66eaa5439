using System.ComponentModel;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SociaalDomein.Domain.Security;
using SociaalDomein.Web.Auth;

namespace SociaalDomein.Web.Api;

/// <summary>
/// The OpenAPI document of the API at <see cref="DocumentPath"/>, for BI developers and client generators; the page
/// /api-documentatie shows it in Dutch. Only the routes under /api are in it (the app's pages, the login, /health and
/// /hangfire are not an API for scripts). It is behind the login like everything else: a logged-in user or a valid API
/// key reads it, anyone else gets 401 (<see cref="AuthenticationSetup"/>). The transformers add what the endpoints cannot
/// say themselves: the Dutch title and response texts, the two ways to authenticate, and per operation who may call it
/// (<see cref="RolesExtension"/>).
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";

    public const string ApiKeyScheme = "ApiSleutel";
    public const string CookieScheme = "Login";

    /// <summary>Operation extension: the roles that may call the operation, in the order of <see cref="Roles.All"/>.</summary>
    public const string RolesExtension = "x-rollen";

    /// <summary>Operation extension: true when only an API key is accepted, not the login cookie.</summary>
    public const string ApiKeyOnlyExtension = "x-alleen-api-sleutel";

    public static IServiceCollection AddSociaalDomeinOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.RelativePath is { } path &&
                ("/" + path).StartsWith(ApiEndpoints.Prefix + "/", StringComparison.Ordinal);
            options.AddDocumentTransformer<DocumentTransformer>();
            options.AddOperationTransformer<OperationTransformer>();
            options.AddSchemaTransformer(NumbersAsNumbers);
            options.AddSchemaTransformer(DutchProblemDetails);
        });

    public static IEndpointConventionBuilder MapSociaalDomeinOpenApi(this IEndpointRouteBuilder app) =>
        app.MapOpenApi(DocumentPath); // no AllowAnonymous: the fallback policy asks for a login or an API key

    /// <summary>The API writes numbers as JSON numbers. The generator also allows strings (and a pattern for them), because
    /// the web defaults read "12" as 12; that only confuses a reader of the document.</summary>
    private static Task NumbersAsNumbers(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Type is { } type && (type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0 && type.HasFlag(JsonSchemaType.String))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        return Task.CompletedTask;
    }

    /// <summary>The framework's problem details types, described in Dutch like the API's own.</summary>
    private static Task DutchProblemDetails(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (!typeof(ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type))
        {
            return Task.CompletedTask;
        }

        schema.Description = context.JsonTypeInfo.Type == typeof(ProblemDetails)
            ? "Probleemdetails (RFC 9457): wat er misging, met een Nederlandse uitleg."
            : "Probleemdetails (RFC 9457) bij een ongeldige parameter: de uitleg, en per parameter wat eraan mankeert.";
        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (property is OpenApiSchema plain && ProblemFields.TryGetValue(name, out var text))
            {
                plain.Description = text;
            }
        }

        return Task.CompletedTask;
    }

    private static readonly Dictionary<string, string> ProblemFields = new()
    {
        ["type"] = "Verwijzing naar de soort fout.",
        ["title"] = "Korte omschrijving van de fout.",
        ["status"] = "De HTTP-status.",
        ["detail"] = "Uitleg van de fout en hoe het goed moet.",
        ["instance"] = "De aanroep waarbij het misging.",
        ["errors"] = "Per parameter de fout(en).",
    };

    private sealed class DocumentTransformer : IOpenApiDocumentTransformer
    {
        public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
        {
            document.Info = new OpenApiInfo
            {
                Title = "SociaalDomein API",
                Version = DocumentName,
                Description = "De gegevens van het dashboard SociaalDomein voor scripts en BI-tools: begroting, scenario's, stapeling, " +
                    "wijken, imports, accounts en het auditlog. Stuur bij elke aanroep de header X-Api-Key mee met een sleutel " +
                    "die de beheerder heeft uitgegeven; de sleutel hoort bij één rol. Zonder geldige sleutel of login is het " +
                    "antwoord 401, met een rol die geen toegang heeft 403. Fouten komen als probleemdetails (RFC 9457) met een " +
                    "Nederlandse uitleg. Bedragen zijn in euro's, datums als JJJJ-MM-DD.",
            };

            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "API-sleutel in de header X-Api-Key. Vraag een sleutel aan bij de beheerder; de sleutel heeft één rol.",
            };
            document.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = AuthenticationSetup.LoginCookieName,
                Description = "Het login-cookie van de applicatie, voor wie in de browser is ingelogd.",
            };

            foreach (var tag in document.Tags ?? Enumerable.Empty<OpenApiTag>())
            {
                if (tag.Name is { } name && ApiTags.Descriptions.TryGetValue(name, out var description))
                {
                    tag.Description = description;
                }
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>Who may call the operation, from the endpoint's own authorization metadata (so it cannot drift from what
    /// is enforced); and Dutch texts for the responses.</summary>
    private sealed class OperationTransformer(IAuthorizationPolicyProvider policies) : IOpenApiOperationTransformer
    {
        public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var policy = await AuthorizationPolicy.CombineAsync(policies, metadata.OfType<IAuthorizeData>(), metadata.OfType<AuthorizationPolicy>())
                ?? await policies.GetFallbackPolicyAsync();
            operation.Responses ??= new OpenApiResponses();
            if (policy is not null && !metadata.OfType<IAllowAnonymous>().Any())
            {
                var roles = Roles.All.Where(role => policy.Requirements.OfType<RolesAuthorizationRequirement>().All(r => r.AllowedRoles.Contains(role)));
                var apiKeyOnly = policy.AuthenticationSchemes.Count > 0 &&
                    policy.AuthenticationSchemes.All(s => s == ApiKeyAuthenticationHandler.SchemeName);

                operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                operation.Extensions[RolesExtension] = new JsonNodeExtension(new JsonArray(roles.Select(r => (JsonNode?)r).ToArray()));
                operation.Extensions[ApiKeyOnlyExtension] = new JsonNodeExtension(JsonValue.Create(apiKeyOnly));

                operation.Security = [Requirement(ApiKeyScheme, context.Document)];
                if (!apiKeyOnly)
                {
                    operation.Security.Add(Requirement(CookieScheme, context.Document));
                }

                operation.Responses["401"] = new OpenApiResponse { Description = apiKeyOnly ? "Geen geldige API-sleutel." : "Niet ingelogd en geen geldige API-sleutel." };
                if (policy.Requirements.OfType<RolesAuthorizationRequirement>().Any())
                {
                    operation.Responses["403"] = new OpenApiResponse { Description = "De rol van de gebruiker of de sleutel heeft geen toegang." };
                }
            }

            DescribeFormFields(operation, context.Description);
            foreach (var (status, response) in operation.Responses)
            {
                if (response is OpenApiResponse plain && DutchResponses.TryGetValue(status, out var dutch) &&
                    (string.IsNullOrEmpty(plain.Description) || plain.Description == ReasonPhrase(status)))
                {
                    plain.Description = dutch;
                }
            }
        }

        /// <summary>The generator describes query and route parameters from their [Description], but not the fields of a
        /// form; this does the same for those.</summary>
        private static void DescribeFormFields(OpenApiOperation operation, ApiDescription description)
        {
            var texts = description.ParameterDescriptions
                .Where(p => p.Source == BindingSource.Form || p.Source == BindingSource.FormFile)
                .Select(p => (p.Name, Text: (p.ParameterDescriptor as IParameterInfoParameterDescriptor)?.ParameterInfo
                    .GetCustomAttribute<DescriptionAttribute>()?.Description))
                .Where(p => p.Text is not null)
                .ToDictionary(p => p.Name, p => p.Text!, StringComparer.OrdinalIgnoreCase);
            if (texts.Count == 0 || operation.RequestBody?.Content is not { } content)
            {
                return;
            }

            var schemas = content.Values.Select(m => m.Schema).OfType<IOpenApiSchema>();
            foreach (var schema in schemas.Concat(schemas.SelectMany(s => s.AllOf ?? [])))
            {
                foreach (var (name, field) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
                {
                    if (texts.TryGetValue(name, out var text))
                    {
                        switch (field)
                        {
                            case OpenApiSchemaReference reference: reference.Description = text; break;
                            case OpenApiSchema plain: plain.Description = text; break;
                        }
                    }
                }
            }
        }

        private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) =>
            new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

        private static string? ReasonPhrase(string status) =>
            int.TryParse(status, out var code) ? Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(code) : null;

        private static readonly Dictionary<string, string> DutchResponses = new()
        {
            ["200"] = "Gelukt.",
            ["201"] = "Aangemaakt of vastgelegd.",
            ["202"] = "Aangenomen: de verwerking loopt op de achtergrond.",
            ["400"] = "Ongeldige parameter: de probleemdetails zeggen welke (errors) en waarom (detail).",
            ["404"] = "Niet gevonden: de probleemdetails zeggen wat.",
            ["409"] = "Intussen door iemand anders gewijzigd: niets opgeslagen; de probleemdetails zeggen wat.",
        };
    }
}
