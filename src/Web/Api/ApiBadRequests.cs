using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;

namespace SociaalDomein.Web.Api;

/// <summary>
/// A request to /api that the framework cannot bind (a JSON body that is not valid JSON or has a value of the wrong type,
/// no body, not JSON, a query parameter that is not a number) gets a Dutch 400 problem details answer with the field
/// under <c>errors</c>, like every other wrong input: <c>"years[0].yield": ["Is geen getal."]</c>; never a 500 or an
/// empty 400. Minimal APIs only say why when they throw (<see cref="RouteHandlerOptions.ThrowOnBadRequest"/>, set here
/// in every environment); <see cref="UseApiBadRequests"/> catches that exception for the /api routes. The field comes from
/// the <see cref="JsonException.Path"/>, the Dutch words from the type the endpoint expects there. The request's values
/// are never echoed.
/// </summary>
public static partial class ApiBadRequests
{
    public const string Title = "Ongeldige invoer";

    public static IServiceCollection AddApiBadRequests(this IServiceCollection services) =>
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

    public static IApplicationBuilder UseApiBadRequests(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        (int Status, string Field, string Message)? problem = null;
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted && IsApi(context))
        {
            var (field, message) = Explain(ex, context.GetEndpoint());
            problem = (ex.StatusCode, field, message);
        }

        // The framework answers some requests it cannot read with a bare status and no body; those get the explanation too.
        if (problem is null && !context.Response.HasStarted && IsApi(context) &&
            context.Response.StatusCode is StatusCodes.Status400BadRequest or StatusCodes.Status415UnsupportedMediaType)
        {
            problem = context.Response.StatusCode == StatusCodes.Status415UnsupportedMediaType
                ? (StatusCodes.Status415UnsupportedMediaType, "", NotJson)
                : (StatusCodes.Status400BadRequest, "", Unreadable);
        }

        if (problem is { } p)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiBadRequests))
                .LogInformation("Ongeldige invoer op {Path}: veld '{Field}'", context.Request.Path, p.Field);
            context.Response.Clear();
            var detail = p.Field.Length == 0 ? p.Message : $"{p.Field}: {p.Message}";
            IResult answer = p.Status == StatusCodes.Status400BadRequest
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { [p.Field] = [p.Message] }, detail: detail, title: Title)
                : TypedResults.Problem(detail, statusCode: p.Status, title: Title); // 415: not JSON, 413: too large
            await answer.ExecuteAsync(context);
        }
    });

    private const string NotJson = "Stuur de gegevens als JSON (Content-Type: application/json).";
    private const string Unreadable = "Het verzoek kon niet worden gelezen. Controleer de parameters en de inhoud.";

    private static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments(ApiEndpoints.Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The field (camelCase, as in the request; "" for the request as a whole) and what is wrong with it, in Dutch.</summary>
    public static (string Field, string Message) Explain(BadHttpRequestException exception, Endpoint? endpoint)
    {
        var bodyType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        if (exception.InnerException is JsonException json)
        {
            var field = FieldOf(json.Path);
            if (json.InnerException is JsonException)
            {
                // The reader's own error: the text is not JSON at all (a missing quote, comma or bracket).
                return (field, $"Geen geldige JSON (regel {json.LineNumber + 1}, positie {json.BytePositionInLine + 1}): " +
                    "controleer aanhalingstekens, komma's en haakjes.");
            }

            return (field, Expected(TypeAt(bodyType, field)));
        }

        return exception.StatusCode switch
        {
            StatusCodes.Status415UnsupportedMediaType => ("", NotJson),
            StatusCodes.Status413PayloadTooLarge => ("", "Het verzoek is te groot."),
            _ when BindFailure().Match(exception.Message) is { Success: true } bind =>
                (CamelCase(bind.Groups["name"].Value),
                    Expected(ParameterType(endpoint, bind.Groups["name"].Value) ?? TypeNamed(bind.Groups["type"].Value))),
            _ when MissingBody().IsMatch(exception.Message) => ("", "Stuur de gegevens mee als JSON in de inhoud van het verzoek."),
            _ when MissingParameter().Match(exception.Message) is { Success: true } missing =>
                (CamelCase(missing.Groups["name"].Value), "Vul deze parameter in."),
            _ => ("", Unreadable),
        };
    }

    /// <summary>"$.years[0].Yield" → "years[0].yield"; "$" → "".</summary>
    internal static string FieldOf(string? path)
    {
        var field = path is null ? "" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return string.Join('.', field.Split('.').Select(CamelCase));
    }

    private static string CamelCase(string name) =>
        name.Length > 0 && char.IsUpper(name[0]) ? char.ToLowerInvariant(name[0]) + name[1..] : name;

    /// <summary>The type the body has at a field path such as <c>years[0].yield</c>, or null when unknown.</summary>
    internal static Type? TypeAt(Type? type, string field)
    {
        foreach (var segment in field.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment;
            var indexes = 0;
            while (name.EndsWith(']') && name.LastIndexOf('[') is var open and > 0)
            {
                name = name[..open];
                indexes++;
            }

            var property = type?.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            type = property?.PropertyType;
            for (var i = 0; i < indexes && type is not null; i++)
            {
                type = ElementType(type);
            }
        }

        return type;
    }

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    /// <summary>The type of the handler's parameter of that name, or of the property of that name of an [AsParameters] one.</summary>
    private static Type? ParameterType(Endpoint? endpoint, string name)
    {
        foreach (var parameter in endpoint?.Metadata.GetMetadata<MethodInfo>()?.GetParameters() ?? [])
        {
            if (parameter.Name == name)
            {
                return parameter.ParameterType;
            }

            if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null &&
                parameter.ParameterType.GetProperty(name, BindingFlags.Public | BindingFlags.Instance) is { } property)
            {
                return property.PropertyType;
            }
        }

        return null;
    }

    private static Type? TypeNamed(string name) => name.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('?', '>') switch
    {
        "int" or "long" or "short" => typeof(int),
        "decimal" or "double" or "float" => typeof(decimal),
        "bool" => typeof(bool),
        "DateOnly" => typeof(DateOnly),
        _ => null,
    };

    /// <summary>What a value of the type must look like, as a sentence.</summary>
    private static string Expected(Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            null => "Deze waarde heeft niet de juiste vorm.",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "Is geen geheel getal.",
            _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) =>
                "Is geen getal. Geef een bedrag in euro's als getal, met een punt voor de decimalen (zoals 1000000 of 250000.50), of null.",
            _ when type == typeof(bool) => "Is geen true of false.",
            _ when type == typeof(string) => "Is geen tekst.",
            _ when type == typeof(DateOnly) => "Is geen datum (JJJJ-MM-DD).",
            _ when type.IsEnum => "Is geen geldige keuze.",
            _ when typeof(IEnumerable).IsAssignableFrom(type) => "Is geen lijst ([...]).",
            _ => "Is geen object ({...}).",
        };
    }

    /// <summary>Failed to bind parameter "int? Page" from "abc".</summary>
    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]*) (?<name>[^" ]+)" from""")]
    private static partial Regex BindFailure();

    /// <summary>Implicit body inferred for parameter "X body" but no body was provided. / Required parameter "X body" was not provided from body.</summary>
    [GeneratedRegex("""(no body was provided|was not provided from body)""")]
    private static partial Regex MissingBody();

    /// <summary>Required parameter "int id" was not provided from route.</summary>
    [GeneratedRegex("""^Required parameter "(?<type>[^"]*) (?<name>[^" ]+)" was not provided""")]
    private static partial Regex MissingParameter();
}
