using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.RateLimiting;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Infrastructure.Web;

public static class RateLimits
{
    public const string SignUp = "sign-up";
    public const string Login = "login";
    public const string Posting = "posting";
}

public static class WebSetup
{
    public static WebApplicationBuilder AddParvisWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            o.Conventions.AuthorizeFolder("/Admin", Identity.Policies.Administer);
            o.Conventions.AuthorizeFolder("/Moderation", Identity.Policies.Moderate);
        }).AddMvcOptions(o => o.Filters.Add(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute()));
        // French text stays readable in the HTML instead of being escaped character by character.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<MarkdownRenderer>();
        builder.Services.AddScoped<TenantContext>();
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "parvis.af");
        builder.Services.AddDataProtection().PersistKeysToDbContext<Data.ParvisDbContext>().SetApplicationName("Parvis");

        var limits = builder.Configuration.GetSection("RateLimits");
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, token) =>
            {
                ctx.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await ctx.HttpContext.Response.WriteAsync("Trop de tentatives en peu de temps : patientez une minute avant de réessayer.", token);
            };
            AddPerIp(o, RateLimits.SignUp, limits.GetValue("SignUpPerHour", 10), TimeSpan.FromHours(1));
            AddPerIp(o, RateLimits.Login, limits.GetValue("LoginPerMinute", 10), TimeSpan.FromMinutes(1));
            AddPerIp(o, RateLimits.Posting, limits.GetValue("PostsPerMinute", 30), TimeSpan.FromMinutes(1));
        });

        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            // English joins once the interface strings move to resource files (see docs/ARCHITECTURE.md).
            var cultures = new[] { new CultureInfo("fr-FR") };
            o.DefaultRequestCulture = new RequestCulture("fr-FR");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
        });
        return builder;
    }

    // Only unsafe methods count: reading a form never uses up the allowance.
    private static void AddPerIp(RateLimiterOptions o, string name, int permits, TimeSpan window) =>
        o.AddPolicy(name, ctx => HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method)
            ? RateLimitPartition.GetNoLimiter("read")
            : RateLimitPartition.GetFixedWindowLimiter(
                $"{name}:{ctx.Connection.RemoteIpAddress}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));

    public static WebApplication UseParvisPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/erreur");
        app.UseStatusCodePagesWithReExecute("/erreur", "?code={0}");
        app.Use(async (ctx, next) =>
        {
            var h = ctx.Response.Headers;
            h.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
                "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            h.XContentTypeOptions = "nosniff";
            h["Referrer-Policy"] = "strict-origin-when-cross-origin";
            h.XFrameOptions = "DENY";
            await next();
        });
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseMiddleware<TenantMiddleware>();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<TenantUserMiddleware>();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapGet("/theme.css", (TenantContext tenant) =>
            Results.Text($":root {{ --brand: {tenant.Organization.PrimaryColor}; }}\n", "text/css"));
        return app;
    }
}
