using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parvis.Testing;

namespace Parvis.Tests.Requests;

/// <summary>
/// An address API of the Base Adresse Nationale's form on a loopback port (GET /search/?q=…): the addresses it
/// knows answer a feature with a score of 0.9, others an empty collection. Plugged into the application while alive.
/// </summary>
public sealed class AddressApi : IAsyncDisposable
{
    private readonly WebApplication _server;
    private readonly IConfiguration _configuration;
    public List<string> Queries { get; } = [];

    private AddressApi(WebApplication server, IConfiguration configuration)
    {
        _server = server;
        _configuration = configuration;
    }

    public static async Task<AddressApi> StartAsync(ParvisFactory app, params (string Address, double Latitude, double Longitude)[] known)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = builder.Build();
        var api = new AddressApi(server, app.Services.GetRequiredService<IConfiguration>());
        server.MapGet("/search/", (string q) =>
        {
            lock (api.Queries) api.Queries.Add(q);
            var features = known.Where(k => string.Equals(k.Address, q, StringComparison.OrdinalIgnoreCase)).Select(k => new
            {
                type = "Feature",
                geometry = new { type = "Point", coordinates = new[] { k.Longitude, k.Latitude } },
                properties = new { label = k.Address, score = 0.9 },
            });
            return Results.Json(new { type = "FeatureCollection", features });
        });
        await server.StartAsync();
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        api._configuration["Maps:GeocoderUrl"] = address;
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        _configuration["Maps:GeocoderUrl"] = "";
        await _server.DisposeAsync();
    }
}
