using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Parvis.Tests.Open311;

/// <summary>The Open311 community's JSON schemas (Data/open311, see its README), ready to validate answers.</summary>
public static class Open311Schemas
{
    private static readonly Uri Base = new("https://schemas.open311.test/");
    private static readonly SchemaRegistry Registry = new();
    private static readonly BuildOptions Build = new() { SchemaRegistry = Registry };
    private static readonly EvaluationOptions Evaluation = new() { RequireFormatValidation = true, OutputFormat = OutputFormat.List };

    public static readonly JsonSchema Service = Load("service.json");
    public static readonly JsonSchema Services = Load("services.json");
    public static readonly JsonSchema ServiceDefinition = Load("service-definition.json");
    public static readonly JsonSchema Request = Load("request.json");
    public static readonly JsonSchema Requests = Load("requests.json");
    /// <summary>The answer to a POST (swagger's RequestResponse) as an array, as the spec's example shows it.</summary>
    public static readonly JsonSchema PostAnswer = FromSwagger("RequestResponse", allowNullAccount: true);
    /// <summary>The answer of tokens/{token} (swagger's TokenResponse) as an array.</summary>
    public static readonly JsonSchema TokenAnswer = FromSwagger("TokenResponse", allowNullAccount: false);

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Data", "open311");

    private static JsonSchema Load(string file)
    {
        // The array schemas refer to their item schema by file name: the item is loaded first.
        if (file.StartsWith("requests", StringComparison.Ordinal)) _ = Request ?? Load("request.json");
        if (file.StartsWith("services", StringComparison.Ordinal)) _ = Service ?? Load("service.json");
        return JsonSchema.FromText(File.ReadAllText(Path.Combine(Folder, file)), Build, new Uri(Base, file));
    }

    private static JsonSchema FromSwagger(string definition, bool allowNullAccount)
    {
        var swagger = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "swagger.json")))!;
        var item = swagger["definitions"]![definition]!.DeepClone().AsObject();
        // Swagger's "uid" format is not JSON Schema's: it only says "an identifier".
        foreach (var property in item["properties"]!.AsObject()) property.Value!.AsObject().Remove("format");
        // The spec's own example answers "account_id": null, which swagger's type forgets.
        if (allowNullAccount) item["properties"]!["account_id"]!["type"] = new JsonArray("string", "null");
        var schema = new JsonObject { ["type"] = "array", ["minItems"] = 1, ["items"] = item };
        return JsonSchema.FromText(schema.ToJsonString(), Build, new Uri(Base, definition));
    }

    /// <summary>Fails with every error the schema finds.</summary>
    public static void AssertValid(JsonSchema schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = schema.Evaluate(document.RootElement, Evaluation);
        if (result.IsValid) return;
        var errors = (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"));
        Assert.Fail("Not valid against the Open311 schema:\n" + string.Join("\n", errors) + "\n" + json[..Math.Min(json.Length, 2000)]);
    }
}
