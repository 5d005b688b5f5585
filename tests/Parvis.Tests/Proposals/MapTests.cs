using System.Net;
using Parvis.Infrastructure.Web;
using Parvis.Testing;

namespace Parvis.Tests.Proposals;

[Collection(InitiativesAppCollection.Name)]
public class MapTests(AppFixture fixture)
{
    [Theory]
    [InlineData("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org")]
    [InlineData("https://{s}.tiles.ville-exemple.fr/{z}/{x}/{y}.png", "https://*.tiles.ville-exemple.fr")]
    [InlineData("https://cartes.ville.fr:8443/tuiles/{z}/{x}/{y}.png", "https://cartes.ville.fr:8443")]
    [InlineData("javascript:alert(1)", "")]
    public void The_csp_lets_images_come_from_the_tile_host_only(string template, string origin) =>
        Assert.Equal(origin, Maps.OriginOf(template));

    [Fact]
    public async Task Pages_allow_the_default_tile_host_in_img_src_and_nothing_else_outside()
    {
        var response = await fixture.App.ClientFor(ParvisFactory.HostA).GetAsync("/propositions");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("img-src 'self' data: https://tile.openstreetmap.org;", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
    }
}
