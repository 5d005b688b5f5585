using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Parvis.Testing;

namespace Parvis.Tests.Open311;

/// <summary>Whatever goes wrong under /open311/v2, a client reads the spec's errors, in the format its path asks.</summary>
[Collection(InitiativesAppCollection.Name)]
public class Open311ErrorTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static async Task<(int Code, string Description)> JsonErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var error = Assert.Single(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray());
        return (error.GetProperty("code").GetInt32(), error.GetProperty("description").GetString()!);
    }

    private static async Task<(int Code, string Description)> XmlErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal("text/xml", response.Content.Headers.ContentType!.MediaType);
        var root = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("errors", root.Name.LocalName);
        var error = Assert.Single(root.Elements("error"));
        return ((int)error.Element("code")!, (string)error.Element("description")!);
    }

    [Fact]
    public async Task An_unknown_path_answers_a_404_in_the_spec_error_format_of_its_extension()
    {
        var client = _app.ClientFor(ParvisFactory.HostA);
        var json = await client.GetAsync("/open311/v2/demandes.json");
        Assert.Equal(HttpStatusCode.NotFound, json.StatusCode);
        Assert.Equal(404, (await JsonErrorAsync(json)).Code);
        var xml = await client.GetAsync("/open311/v2/services/nid-de-poule/attributs.xml");
        Assert.Equal(HttpStatusCode.NotFound, xml.StatusCode);
        Assert.Equal(404, (await XmlErrorAsync(xml)).Code);
        var bare = await client.GetAsync("/open311/v2/");
        Assert.Equal(HttpStatusCode.NotFound, bare.StatusCode);
        Assert.Equal(404, (await JsonErrorAsync(bare)).Code);
    }

    [Fact]
    public async Task A_method_the_path_does_not_take_answers_a_405_naming_the_methods_it_takes()
    {
        var client = _app.ClientFor(ParvisFactory.HostA);
        var delete = await client.DeleteAsync("/open311/v2/requests.json");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
        Assert.Equal(["GET", "POST"], delete.Content.Headers.Allow.Order());
        var (code, description) = await JsonErrorAsync(delete);
        Assert.Equal(405, code);
        Assert.Contains("GET, POST", description, StringComparison.Ordinal);

        var put = await client.PutAsync("/open311/v2/services.xml", new StringContent(""));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.StatusCode);
        Assert.Equal(405, (await XmlErrorAsync(put)).Code);
        Assert.Equal(["GET"], put.Content.Headers.Allow);
    }
}
