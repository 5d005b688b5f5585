namespace Parvis.Testing;

/// <summary>Sends the application's OpenID back-channel calls to the in-process server for the test hosts, over the network otherwise.</summary>
public sealed class OidcBackChannel(Func<HttpMessageHandler> inProcess) : HttpMessageHandler
{
    private readonly Lazy<HttpMessageInvoker> _inProcess = new(() => new HttpMessageInvoker(inProcess()));
    private readonly HttpMessageInvoker _network = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request.RequestUri!.Host.EndsWith(".test", StringComparison.Ordinal)
            ? _inProcess.Value.SendAsync(request, cancellationToken)
            : _network.SendAsync(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (_inProcess.IsValueCreated) _inProcess.Value.Dispose();
            _network.Dispose();
        }
        base.Dispose(disposing);
    }
}
