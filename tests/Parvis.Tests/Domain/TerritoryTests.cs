using Parvis.Domain;

namespace Parvis.Tests.Domain;

public class TerritoryTests
{
    private const string Square = """{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[4,4],[6,4],[6,6],[4,6],[4,4]]]}""";

    [Theory]
    [InlineData(1, 1, true)]
    [InlineData(5, 5, false)] // in the hole
    [InlineData(11, 5, false)]
    public void A_point_is_inside_the_boundary_but_not_in_its_holes(double x, double y, bool inside) =>
        Assert.Equal(inside, new Territory { Name = "t", BoundaryGeoJson = Square }.Contains(x, y));

    [Fact]
    public void A_point_is_placed_in_the_deepest_territory_holding_it()
    {
        var city = new Territory { Id = 1, Name = "Ville", BoundaryGeoJson = """{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]]]}""" };
        var quartier = new Territory { Id = 2, ParentId = 1, Name = "Quartier", BoundaryGeoJson = """{"type":"MultiPolygon","coordinates":[[[[0,0],[3,0],[3,3],[0,3],[0,0]]]]}""" };
        Assert.Equal("Quartier", Territory.Locate([city, quartier], 1, 1)?.Name);
        Assert.Equal("Ville", Territory.Locate([city, quartier], 8, 8)?.Name);
        Assert.Null(Territory.Locate([city, quartier], 20, 20));
    }
}
