using Microsoft.OpenApi;

namespace SociaalDomein.Web.Api;

/// <summary>The OpenAPI document made readable for the API-documentatie page: per tag the operations with their
/// parameters, responses and roles, and the data structures with their fields; types and places named in Dutch. Read from
/// the generated document, so the page cannot drift from the API.</summary>
public sealed record ApiReference(string Title, string? Description, IReadOnlyList<ApiReference.Tag> Tags, IReadOnlyList<ApiReference.Schema> Schemas)
{
    public sealed record Tag(string Name, string? Description, IReadOnlyList<Operation> Operations)
    {
        /// <summary>For the element id of the tag's heading: "Scenario's" → "tag-scenarios".</summary>
        public string Anchor => "tag-" + new string(Name.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
    }

    public sealed record Operation(
        string Method, string Path, string? Summary, string? Description, IReadOnlyList<string> Roles, bool ApiKeyOnly,
        IReadOnlyList<Parameter> Parameters, IReadOnlyList<Response> Responses)
    {
        public string Access => (Roles.Count == SociaalDomein.Domain.Security.Roles.All.Count ? "alle rollen" : string.Join(", ", Roles)) +
            (ApiKeyOnly ? "; alleen met een API-sleutel, niet met een login" : "");
    }

    public sealed record Parameter(string Name, string In, string Type, bool Required, string? Description);

    public sealed record Response(string Status, string? Description, IReadOnlyList<string> Content);

    public sealed record Schema(string Name, string? Description, IReadOnlyList<Field> Fields);

    public sealed record Field(string Name, string Type, bool Required, string? Description);

    private const string Untagged = "Overig";

    public static ApiReference From(OpenApiDocument document)
    {
        var tagDescriptions = (document.Tags ?? Enumerable.Empty<OpenApiTag>())
            .Where(t => t.Name is not null).ToDictionary(t => t.Name!, t => t.Description);
        var operations =
            from path in document.Paths ?? new OpenApiPaths()
            from operation in path.Value.Operations ?? new Dictionary<HttpMethod, OpenApiOperation>()
            select (Tag: operation.Value.Tags?.FirstOrDefault()?.Name ?? Untagged,
                Operation: ToOperation(operation.Key.Method, path.Key, operation.Value));
        var tags = operations
            .GroupBy(o => o.Tag)
            .OrderBy(g => tagDescriptions.Keys.ToList().IndexOf(g.Key) is var i and >= 0 ? i : int.MaxValue)
            .Select(g => new Tag(g.Key, tagDescriptions.GetValueOrDefault(g.Key), g.Select(o => o.Operation).ToList()))
            .ToList();
        var schemas = (document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
            .Where(s => !IsFile(s.Key))
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new Schema(s.Key, s.Value.Description, Fields(s.Value)))
            .ToList();
        return new ApiReference(document.Info?.Title ?? "API", document.Info?.Description, tags, schemas);
    }

    private static Operation ToOperation(string method, string path, OpenApiOperation operation)
    {
        IOpenApiExtension? Extension(string name) => operation.Extensions?.TryGetValue(name, out var value) == true ? value : null;
        var roles = Extension(OpenApiSetup.RolesExtension) is JsonNodeExtension { Node: System.Text.Json.Nodes.JsonArray list }
            ? list.Select(r => r?.GetValue<string>()).OfType<string>().ToList()
            : [];
        var apiKeyOnly = Extension(OpenApiSetup.ApiKeyOnlyExtension) is JsonNodeExtension { Node: { } flag } && flag.GetValue<bool>();

        var parameters = (operation.Parameters ?? [])
            .Select(p => new Parameter(p.Name ?? "", Place(p.In), TypeName(p.Schema), p.Required, p.Description))
            .Concat(FormFields(operation.RequestBody))
            .ToList();
        var responses = (operation.Responses ?? new OpenApiResponses())
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new Response(r.Key, r.Value.Description,
                (r.Value.Content ?? new Dictionary<string, OpenApiMediaType>()).Select(c => $"{c.Key}: {TypeName(c.Value.Schema)}").ToList()))
            .ToList();
        return new Operation(method.ToUpperInvariant(), path, operation.Summary, operation.Description, roles, apiKeyOnly, parameters, responses);
    }

    /// <summary>The fields of a form body (multipart/form-data), shown as parameters "in het formulier".</summary>
    private static IEnumerable<Parameter> FormFields(IOpenApiRequestBody? body)
    {
        if (body?.Content is not { } content)
        {
            return [];
        }

        return content.Where(c => c.Key.Contains("form", StringComparison.Ordinal)).Take(1)
            .SelectMany(c => Fields(c.Value.Schema))
            .Select(f => new Parameter(f.Name, "formulier", f.Type, f.Required, f.Description));
    }

    private static List<Field> Fields(IOpenApiSchema? schema)
    {
        if (schema is null)
        {
            return [];
        }

        var parts = new[] { schema }.Concat(schema.AllOf ?? []).ToList();
        return parts
            .SelectMany(part => (part.Properties ?? new Dictionary<string, IOpenApiSchema>())
                .Select(p => new Field(p.Key, TypeName(p.Value), parts.Any(s => s.Required?.Contains(p.Key) == true), p.Value.Description)))
            .ToList();
    }

    private static string Place(ParameterLocation? location) => location switch
    {
        ParameterLocation.Path => "pad",
        ParameterLocation.Query => "query",
        ParameterLocation.Header => "header",
        ParameterLocation.Cookie => "cookie",
        _ => "",
    };

    private static bool IsFile(string schemaName) => schemaName is "IFormFile" or "Stream";

    /// <summary>"geheel getal", "lijst van DistrictDto", "bestand": the type as a reader of the page names it.</summary>
    internal static string TypeName(IOpenApiSchema? schema)
    {
        if (schema is OpenApiSchemaReference { Reference.Id: { } id })
        {
            return IsFile(id) ? "bestand" : id;
        }

        var type = schema?.Type ?? 0;
        return type switch
        {
            _ when type.HasFlag(JsonSchemaType.Array) => "lijst van " + TypeName(schema!.Items),
            _ when type.HasFlag(JsonSchemaType.Boolean) => "ja/nee (true/false)",
            _ when type.HasFlag(JsonSchemaType.Integer) => "geheel getal",
            _ when type.HasFlag(JsonSchemaType.Number) => "getal",
            _ when type.HasFlag(JsonSchemaType.String) => schema!.Format switch
            {
                "date" => "datum (JJJJ-MM-DD)",
                "date-time" => "tijdstip (ISO 8601)",
                "binary" => "bestand",
                _ => "tekst",
            },
            _ when type.HasFlag(JsonSchemaType.Object) => "object",
            _ => "willekeurig",
        };
    }
}
