using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using Parvis.Infrastructure.Operations;
using Parvis.Infrastructure.Tenancy;
using Parvis.Resources;

namespace Parvis.Infrastructure.Web;

public static class Cultures
{
    public const string French = "fr-FR";
    public const string English = "en";
}

public static class WebSetup
{
    public static WebApplicationBuilder AddParvisWeb(this WebApplicationBuilder builder)
    {
        // Interface strings: the French text is the key, Resources/SharedResource.en.resx the English.
        // With no ResourcesPath, SharedResource (namespace Parvis.Resources) is looked up as
        // "Parvis.Resources.SharedResource", the name of the embedded Resources/SharedResource.en.resx.
        builder.Services.AddLocalization();
        builder.Services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            o.Conventions.AuthorizeFolder("/Admin", Identity.Policies.Administer);
            o.Conventions.AuthorizeFolder("/Moderation", Identity.Policies.Moderate);
        }).AddMvcOptions(o =>
        {
            o.Filters.Add(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute());
            o.Filters.Add(new UnknownHandlerFilter());
            o.ModelBinderProviders.Insert(0, new WithoutNulCharactersBinderProvider());
            // A value that does not fit its field (a letter in a number, a role not in the list) gets a French message too.
            var messages = o.ModelBindingMessageProvider;
            messages.SetAttemptedValueIsInvalidAccessor((value, _) => $"La valeur « {value} » n'est pas valide.");
            messages.SetValueIsInvalidAccessor(value => $"La valeur « {value} » n'est pas valide.");
            messages.SetValueMustBeANumberAccessor(_ => "Ce champ doit être un nombre.");
            messages.SetMissingBindRequiredValueAccessor(_ => "Ce champ est obligatoire.");
            messages.SetValueMustNotBeNullAccessor(_ => "Ce champ est obligatoire.");
            messages.SetUnknownValueIsInvalidAccessor(_ => "La valeur saisie n'est pas valide.");
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"La valeur « {value} » n'est pas valide.");
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "La valeur saisie n'est pas valide.");
            messages.SetNonPropertyValueMustBeANumberAccessor(() => "Ce champ doit être un nombre.");
        })
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        // The views use one IHtmlLocalizer<SharedResource> (no per-view resources, so no AddViewLocalization).
        builder.Services.TryAddSingleton<IHtmlLocalizerFactory, HtmlLocalizerFactory>();
        builder.Services.TryAddTransient(typeof(IHtmlLocalizer<>), typeof(HtmlLocalizer<>));
        // French text stays readable in the HTML instead of being escaped character by character.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        // Behind a reverse proxy (nginx) the client's address and scheme come from X-Forwarded-*,
        // trusted only from loopback and the proxies listed in ReverseProxy:KnownProxies.
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in builder.Configuration.GetSection("ReverseProxy:KnownProxies").Get<string[]>() ?? [])
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        });
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<ApiKeyLookup>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<MarkdownRenderer>();
        builder.Services.AddScoped<TenantContext>();
        builder.Services.AddScoped<PublicLinks>();
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddScoped<OrganizationCache>();
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "parvis.af";
            // Secure whenever the request is HTTPS; plain HTTP stays usable for `dotnet run` on localhost.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // Browsers keep to HTTPS for a year once they saw the site over HTTPS (the header is only sent on HTTPS requests).
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        builder.Services.AddSingleton<Microsoft.AspNetCore.Mvc.ViewFeatures.CookieTempDataProvider>();
        builder.Services.Replace(ServiceDescriptor.Singleton<Microsoft.AspNetCore.Mvc.ViewFeatures.ITempDataProvider, QuietTempDataProvider>());
        builder.Services.AddOutputCache(o => o.AddBasePolicy(new AnonymousPagePolicy()));
        builder.Services.AddDataProtection().PersistKeysToDbContext<Data.ParvisDbContext>().SetApplicationName("Parvis");

        builder.Services.AddParvisRateLimits(builder.Configuration);
        builder.Services.AddSingleton<WriteQueue>();
        builder.Services.AddRequestLimits();

        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = new[] { new CultureInfo(Cultures.French), new CultureInfo(Cultures.English) };
            o.DefaultRequestCulture = new RequestCulture(Cultures.French);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            // French unless the person chose otherwise (?culture=en, then the cookie written by the
            // language switch). Accept-Language is deliberately not read: a browser set to English
            // still gets the French reference text until the person asks for English.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        return builder;
    }

    private sealed record Csp(string? TileOrigin, string Policy);

    private static Csp _csp = new(null, "");

    // Built again only when the tile origin changes (Maps.Configure), not for every response.
    private static string ContentSecurityPolicy()
    {
        var csp = _csp;
        if (csp.TileOrigin != Maps.TileOrigin)
            _csp = csp = new(Maps.TileOrigin, "default-src 'self'; script-src 'self'; style-src 'self'; " +
                $"img-src 'self' data: {Maps.TileOrigin}; object-src 'none'; base-uri 'self'; form-action 'self'; " +
                "frame-ancestors 'none'");
        return csp.Policy;
    }

    /// <summary>Also called by the pages written outside the pipeline (the 503 page), whose response was cleared.</summary>
    public static void AddSecurityHeaders(HttpResponse response)
    {
        var h = response.Headers;
        h.ContentSecurityPolicy = ContentSecurityPolicy();
        h.XContentTypeOptions = "nosniff";
        h["Referrer-Policy"] = "strict-origin-when-cross-origin";
        h.XFrameOptions = "DENY";
    }

    public static WebApplication UseParvisPipeline(this WebApplication app)
    {
        Maps.Configure(app.Configuration);
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/erreur");
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/erreur", "?code={0}");
        app.UseRequestLimits();
        app.Use(async (ctx, next) =>
        {
            AddSecurityHeaders(ctx.Response);
            await next();
        });
        app.UseRequestLocalization();
        app.UseStaticFiles();
        // Before the organization is resolved: the load balancer and the operator ask by address, not by host name.
        app.UseParvisOperations();
        app.UseMiddleware<TenantMiddleware>();
        app.UseRouting();
        // Only endpoints that name a policy answer cross-origin requests (the public API's reads).
        app.UseCors();
        // Off only to measure or explain what an uncached page costs (bench/run --plans, --no-page-cache).
        if (app.Configuration.GetValue("PageCache:Enabled", true)) app.UseOutputCache();
        app.UseAuthentication();
        app.UseMiddleware<TenantUserMiddleware>();
        // After sign-in, so that an account's allowance follows it across addresses. Only requests that count
        // against a limit go through the limiter: a page read would take two partition lookups for nothing.
        app.UseMiddleware<ApiKeyMiddleware>();
        var rules = app.Services.GetRequiredService<RateLimitRules>();
        app.UseWhen(ctx => RateLimiting.RuleFor(ctx, rules) is not null, limited => limited.UseRateLimiter());
        app.UseWriteQueue();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapGet("/theme.css", (TenantContext tenant) =>
            Results.Text($":root {{ --brand: {tenant.Organization.PrimaryColor}; }}\n", "text/css"));
        return app;
    }
}
