using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Testing;

namespace Parvis.Tests.Operations;

/// <summary>
/// The application whose requests come from the address a test names (header <see cref="RemoteAddressHeader"/>,
/// 127.0.0.1 when absent): TestServer requests have no address of their own. Set before the application's
/// pipeline, so the forwarded headers still apply after it as they do behind nginx.
/// </summary>
public class OperationsApp : ParvisFactory, IAsyncLifetime
{
    public const string RemoteAddressHeader = "X-Test-Remote-Address";

    protected override Dictionary<string, string?> Settings => new()
    {
        ["Operations:AllowedNetworks:0"] = "127.0.0.0/8",
        ["Operations:AllowedNetworks:1"] = "192.0.2.0/24",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, RemoteAddressFilter>());
    }

    public HttpClient ClientFrom(string address)
    {
        var client = ClientFor(HostA);
        client.DefaultRequestHeaders.Add(RemoteAddressHeader, address);
        return client;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    private sealed class RemoteAddressFilter : IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext ctx, Func<Task> nextMiddleware) =>
            {
                ctx.Connection.RemoteIpAddress = IPAddress.Parse(ctx.Request.Headers[RemoteAddressHeader].FirstOrDefault() ?? "127.0.0.1");
                await nextMiddleware();
            });
            next(app);
        };
    }
}
