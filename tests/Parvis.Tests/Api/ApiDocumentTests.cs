using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Testing;

namespace Parvis.Tests.Api;

/// <summary>The OpenAPI document is made from the endpoints: it names every one, and what they answer fits its schemas.</summary>
[Collection(PlatformAppCollection.Name)]
public class ApiDocumentTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    /// <summary>The API's GET routes as the document writes them ("/api/v1/consultations/{id}").</summary>
    private List<string> Routes() =>
        _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true
                && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => System.Text.RegularExpressions.Regex.Replace(e.RoutePattern.RawText!, @"\{(\w+):\w+\}", "{$1}"))
            .Where(p => !p.EndsWith("openapi.json", StringComparison.Ordinal)).Distinct().Order().ToList();

    private async Task<JsonNode> DocumentAsync() => JsonNode.Parse((await _app.Api().GetJsonAsync("/api/v1/openapi.json")).GetRawText())!;

    [Fact]
    public async Task The_document_describes_every_endpoint_of_the_api_and_nothing_else()
    {
        var document = await DocumentAsync();
        Assert.StartsWith("3.", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        var paths = document["paths"]!.AsObject().Select(p => p.Key).Order().ToList();
        var routes = Routes();
        Assert.True(routes.Count >= 25, string.Join(", ", routes));
        // The capabilities added after the first endpoints are described too.
        Assert.Contains("/api/v1/meetings/{id}", paths);
        Assert.Contains("/api/v1/councils/{id}", paths);
        Assert.Contains("/api/v1/budgets/{id}", paths);
        Assert.Contains("/api/v1/surveys/{id}", paths);
        Assert.Contains("/api/v1/projects/{id}", paths);
        Assert.Contains("/api/v1/news/{id}", paths);
        Assert.Equal(routes, paths);
        foreach (var path in paths) Assert.NotNull(document["paths"]![path]!["get"]!["responses"]!["200"]);
    }

    [Fact]
    public async Task Every_answer_is_valid_against_its_schema_in_the_document()
    {
        var document = await DocumentAsync();
        var checkedPaths = 0;
        foreach (var path in Routes())
        {
            var list = path.EndsWith("{id}", StringComparison.Ordinal) ? path[..path.LastIndexOf('/')] : path;
            var listed = await _app.Api().GetJsonAsync(list + "?limit=5");
            var items = listed.GetProperty("items");
            Assert.True(items.GetArrayLength() > 0, $"{list} is empty in the demo data: nothing would be checked.");
            var answer = path == list ? listed : await _app.Api().GetJsonAsync($"{list}/{items[0].GetProperty("id").GetInt64()}");
            AssertValid(SchemaOf(document, path), answer, path);
            checkedPaths++;
        }
        Assert.Equal(Routes().Count, checkedPaths);
    }

    [Fact]
    public void A_missing_or_extra_property_fails_the_check()
    {
        var schema = JsonNode.Parse("""{"type":"object","properties":{"id":{"type":"integer"},"name":{"type":["null","string"]}}}""")!;
        var strict = Schema(new JsonObject(), schema.AsObject());
        Assert.True(strict.Evaluate(JsonDocument.Parse("""{"id":1,"name":null}""").RootElement).IsValid);
        Assert.False(strict.Evaluate(JsonDocument.Parse("""{"id":1}""").RootElement).IsValid);
        Assert.False(strict.Evaluate(JsonDocument.Parse("""{"id":1,"name":"a","extra":2}""").RootElement).IsValid);
        Assert.False(strict.Evaluate(JsonDocument.Parse("""{"id":"un","name":"a"}""").RootElement).IsValid);
    }

    private static JsonSchema SchemaOf(JsonNode document, string path)
    {
        var response = document["paths"]![path]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;
        var components = document["components"]?["schemas"]?.AsObject() ?? new JsonObject();
        return Schema(components, response.AsObject());
    }

    /// <summary>
    /// A JSON Schema (2020-12) of the response with the document's components as $defs, made strict: every property
    /// the document names must be there (the API writes nulls) and no other. A field renamed, added or of another type fails.
    /// </summary>
    private static JsonSchema Schema(JsonObject components, JsonObject response)
    {
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = components.DeepClone(),
        };
        foreach (var (key, value) in response.DeepClone().AsObject().ToList()) root[key] = value?.DeepClone();
        Strict(root);
        var text = root.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        return JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() },
            new Uri($"https://parvis.test/schemas/{Guid.NewGuid():N}"));
    }

    private static void Strict(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["properties"] is JsonObject properties && o["type"]?.ToJsonString().Contains("object", StringComparison.Ordinal) != false)
                {
                    o["required"] = new JsonArray(properties.Select(p => (JsonNode)JsonValue.Create(p.Key)!).ToArray());
                    o["additionalProperties"] = false;
                }
                foreach (var (_, child) in o.ToList()) Strict(child);
                break;
            case JsonArray a:
                foreach (var child in a) Strict(child);
                break;
        }
    }

    private static void AssertValid(JsonSchema schema, JsonElement answer, string path)
    {
        var result = schema.Evaluate(answer, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return;
        var errors = (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"));
        var raw = answer.GetRawText();
        Assert.Fail($"{path} does not fit its schema:\n{string.Join("\n", errors)}\n{raw[..Math.Min(raw.Length, 1500)]}");
    }
}
