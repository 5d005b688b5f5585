using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Parvis.Tests.FranceConnect;

/// <summary>What the provider gets wrong on the next exchange; everything right by default.</summary>
public sealed class Misbehaviour
{
    public string? Nonce { get; set; }
    public string? Audience { get; set; }
    public string? Issuer { get; set; }
    public string Acr { get; set; } = "eidas1";
    public bool SignWithAnotherKey { get; set; }
    public bool WithoutSignature { get; set; }
    public bool Expired { get; set; }
    public string? UserInfoSubject { get; set; }
    /// <summary>Not wrong, only another spelling than OpenID's YYYY-MM-DD.</summary>
    public string BirthDate { get; set; } = "1988-03-14";
}

/// <summary>
/// A real OpenID provider on a loopback port, FranceConnect v2 style (userinfo as a signed JWT, RS256,
/// client_secret_post, PKCE), that misbehaves on demand: the peer the forged-response tests talk to.
/// </summary>
public sealed class RogueProvider : IAsyncDisposable
{
    public const string ClientId = "rogue-client";
    public const string ClientSecret = "rogue-secret";
    public const string Subject = "rogue-sub-camille";

    private static readonly string[] Rs256 = ["RS256"];
    private static readonly string[] CodeOnly = ["code"];
    private static readonly string[] Public = ["public"];
    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "rogue-1" };
    // Same key id, other key: a signature that the published keys do not verify.
    private readonly RsaSecurityKey _otherKey = new(RSA.Create(2048)) { KeyId = "rogue-1" };
    private readonly ConcurrentDictionary<string, (string Nonce, string Challenge)> _codes = new();

    public Misbehaviour Next { get; set; } = new();
    public string Issuer { get; private set; } = "";
    private int _tokenRequests;
    public int TokenRequests => _tokenRequests;

    private RogueProvider()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = Issuer + "authorize",
            ["token_endpoint"] = Issuer + "token",
            ["userinfo_endpoint"] = Issuer + "userinfo",
            ["end_session_endpoint"] = Issuer + "logout",
            ["jwks_uri"] = Issuer + "jwks",
            ["id_token_signing_alg_values_supported"] = Rs256,
            ["response_types_supported"] = CodeOnly,
            ["subject_types_supported"] = Public,
        }));
        _app.MapGet("/jwks", () =>
        {
            var p = _key.Rsa.ExportParameters(false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = _key.KeyId, n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) } } });
        });
        _app.MapGet("/authorize", (HttpRequest r) =>
        {
            var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            _codes[code] = (r.Query["nonce"].ToString(), r.Query["code_challenge"].ToString());
            return Results.Redirect(QueryHelpers.AddQueryString(r.Query["redirect_uri"].ToString(), new Dictionary<string, string?> { ["code"] = code, ["state"] = r.Query["state"] }));
        });
        _app.MapPost("/token", async (HttpRequest r) =>
        {
            Interlocked.Increment(ref _tokenRequests);
            var form = await r.ReadFormAsync();
            if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret) return Results.Json(new { error = "invalid_client" }, statusCode: 401);
            if (!_codes.TryRemove(form["code"].ToString(), out var issued)) return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            var challenge = Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(form["code_verifier"].ToString())));
            if (challenge != issued.Challenge) return Results.Json(new { error = "invalid_grant", error_description = "PKCE" }, statusCode: 400);
            var wrong = Next;
            var idToken = Sign(wrong, new Dictionary<string, object>
            {
                ["sub"] = Subject,
                ["nonce"] = wrong.Nonce ?? issued.Nonce,
                ["acr"] = wrong.Acr,
            });
            return Results.Json(new { access_token = "at-" + form["code"], token_type = "Bearer", expires_in = 60, id_token = idToken });
        });
        _app.MapGet("/userinfo", (HttpRequest r) =>
        {
            if (!r.Headers.Authorization.ToString().StartsWith("Bearer at-", StringComparison.Ordinal)) return Results.StatusCode(401);
            var claims = new Dictionary<string, object>
            {
                ["sub"] = Next.UserInfoSubject ?? Subject,
                ["given_name"] = "Camille",
                ["family_name"] = "MARTIN",
                ["birthdate"] = Next.BirthDate,
                ["birthplace"] = "75056",
                ["birthcountry"] = "99100",
                ["email"] = "camille.rogue@exemple.fr",
            };
            return Results.Text(Sign(new Misbehaviour(), claims), "application/jwt");
        });
    }

    public static async Task<RogueProvider> StartAsync()
    {
        var provider = new RogueProvider();
        await provider._app.StartAsync();
        var address = provider._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider.Issuer = address.TrimEnd('/') + "/";
        return provider;
    }

    private string Sign(Misbehaviour wrong, Dictionary<string, object> claims)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = wrong.Issuer ?? Issuer,
            Audience = wrong.Audience ?? ClientId,
            Claims = claims,
            IssuedAt = wrong.Expired ? now.AddHours(-2) : now,
            NotBefore = wrong.Expired ? now.AddHours(-2) : now.AddSeconds(-5),
            Expires = wrong.Expired ? now.AddHours(-1) : now.AddMinutes(5),
            SigningCredentials = wrong.WithoutSignature ? null : new SigningCredentials(wrong.SignWithAnotherKey ? _otherKey : _key, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Rsa.Dispose();
        _otherKey.Rsa.Dispose();
    }
}
