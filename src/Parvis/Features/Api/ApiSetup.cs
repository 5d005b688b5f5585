using System.Security.Cryptography;
using Scalar.AspNetCore;

namespace Parvis.Features.Api;

/// <summary>The public API's services, its OpenAPI document (generated from the endpoints) and its reference page.</summary>
public static class ApiSetup
{
    public const string DocumentName = "v1";
    public const string DocumentPattern = "/api/{documentName}/openapi.json";
    public const string DocsPath = "/api/docs";

    private const string Description =
        "Les données publiques de la collectivité, en lecture : celles que montrent ses pages, avec les mêmes règles " +
        "(rien de masqué, en attente de modération ou privé ; les auteurs présentés comme sur le site). Chaque collectivité " +
        "répond sur son propre nom de domaine.\n\n" +
        "- **Pagination** : les listes sont triées par numéro ; `nextCursor` (opaque) se passe en `cursor` pour la page " +
        "suivante, `null` sur la dernière. Un élément ajouté pendant le parcours arrive à la fin : rien n'est sauté ni répété.\n" +
        "- **Synchronisation** : `updated_since` (ISO 8601) ne garde que ce qui a été publié ou modifié depuis.\n" +
        "- **Cache** : chaque réponse porte un `ETag` ; renvoyé dans `If-None-Match`, il donne un 304 sans corps.\n" +
        "- **Erreurs** : `application/problem+json` (RFC 9457), titres en français.\n" +
        "- **CORS** : lecture depuis n'importe quelle origine, sans cookies.\n" +
        "- **Limite de débit** : sans clé, par adresse IP (429 au-delà) ; avec une clé remise par la collectivité " +
        "(`Authorization: Bearer pvk_…` ou `X-Api-Key: pvk_…`), la limite propre à la clé, d'où que viennent les " +
        "requêtes. Une clé inconnue ou révoquée donne un 401.\n\n" +
        "Licence des données : celle de la collectivité (Licence Ouverte 2.0 par défaut). Les signalements restent dans " +
        "l'API Open311 (/open311/v2, voir docs/OPEN311.md).";

    public static IServiceCollection AddPublicApi(this IServiceCollection services)
    {
        services.AddScoped<ConsultationsApi>();
        services.AddScoped<ProposalsApi>();
        services.AddScoped<PlacesApi>();
        services.AddScoped<MeetingsApi>();
        services.AddScoped<CouncilsApi>();
        services.AddScoped<BudgetsApi>();
        services.AddScoped<SurveysApi>();
        services.AddScoped<ProjectsApi>();
        services.AddCors(o => o.AddPolicy(ApiEndpoints.CorsPolicy, p => p.AllowAnyOrigin().WithMethods("GET", "HEAD")
            .WithHeaders("If-None-Match", "Authorization", "X-Api-Key").WithExposedHeaders("ETag")));
        services.AddOpenApi(DocumentName, o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "API publique de Parvis";
                document.Info.Version = DocumentName;
                document.Info.Description = Description;
                return Task.CompletedTask;
            });
        });
        return services;
    }

    // Scalar's Vue components set style attributes (widths, colours), which cannot run script: allowed on this page
    // only, through style-src-attr; scripts and <style> elements stay nonce-only. Its bundle also writes two fixed
    // <style> elements without the nonce: allowed by their hashes (the browser test fails, naming the new hash,
    // when an upgrade of Scalar.AspNetCore changes them).
    private const string ScalarStyleHashes =
        "'sha256-l/2OpPg0d+2VLTLgwjf5mQo2CYwHDEqdj5TjbfEyVJI=' 'sha256-T13Uev3xCax2N28XaoAE8DOzQZKvPp7ZQVAi1iRREjo='";

    // The page's language and its texts' contrast, which Scalar has no option for (wwwroot/css and js/api-docs).
    private static string AccessibilityFixes(string nonce) =>
        $"<link rel=\"stylesheet\" href=\"/css/api-docs.css\"><script nonce=\"{nonce}\" src=\"/js/api-docs.js\"></script>";

    public static WebApplication MapPublicApiDocs(this WebApplication app)
    {
        app.MapOpenApi(DocumentPattern).RequireCors(ApiEndpoints.CorsPolicy);
        // Scalar's page holds one inline module script and its bundle injects its styles: both carry a nonce made for
        // this response (the bundle reads it from <meta property="csp-nonce">), added to this response's CSP only.
        // Everything is served from here: the bundle is embedded in the package, fonts and telemetry are off.
        app.MapScalarApiReference(DocsPath, (options, http) =>
        {
            // Hexadecimal: nothing for HTML to escape in the attribute.
            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            options.WithTitle("API publique — référence")
                .WithOpenApiRoutePattern(DocumentPattern)
                .WithNonce(nonce)
                .AddHeadContent($"<meta property=\"csp-nonce\" content=\"{nonce}\">" + AccessibilityFixes(nonce))
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .HideClientButton();
            var csp = http.Response.Headers.ContentSecurityPolicy.ToString();
            http.Response.Headers.ContentSecurityPolicy = csp
                .Replace("script-src 'self'", $"script-src 'self' 'nonce-{nonce}'", StringComparison.Ordinal)
                .Replace("style-src 'self'", $"style-src 'self' 'nonce-{nonce}' {ScalarStyleHashes}; style-src-attr 'unsafe-inline'",
                    StringComparison.Ordinal);
        });
        return app;
    }
}
