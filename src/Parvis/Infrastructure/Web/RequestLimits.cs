using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Parvis.Infrastructure.Web;

/// <summary>
/// Bodies that no form of the site sends: too large, unreadable, or cut short. They get a 413 or a 400
/// (shown by the French error page), never a 500, and never reach a page handler.
/// </summary>
public static class RequestLimits
{
    /// <summary>The largest upload (a 20 MB document) with room for the other fields of its form.</summary>
    public const long MaxBodyBytes = Files.FileInspector.MaxDocumentBytes + 1024 * 1024;

    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = MaxBodyBytes);
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = MaxBodyBytes);
        return services;
    }

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        // Declared sizes are refused before reading; a chunked body is stopped by Kestrel's limit while read.
        // The error page re-executed for the refused request is not refused again.
        if (ctx.Request.ContentLength > MaxBodyBytes && ctx.Features.Get<IStatusCodeReExecuteFeature>() is null)
        {
            ctx.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        try
        {
            await next(ctx);
        }
        catch (Exception e) when (!ctx.Response.HasStarted && StatusFor(e) is { } status)
        {
            ctx.Response.Clear();
            ctx.Response.StatusCode = status;
        }
    });

    private static int? StatusFor(Exception e) => e switch
    {
        // Kestrel's body limit, a client that disconnects or sends a broken chunk.
        Microsoft.AspNetCore.Http.BadHttpRequestException bad => bad.StatusCode,
        // Form reader limits (too many fields, a value too long, a multipart section too large) and a multipart body without boundary.
        InvalidDataException => StatusCodes.Status400BadRequest,
        _ => null,
    };
}

/// <summary>
/// Every bound text loses its NUL characters: PostgreSQL refuses them in text columns and parameters
/// (a 500 on a search or a post), SQLite would keep them invisibly; no one types one.
/// </summary>
public sealed class WithoutNulCharactersBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.ModelType == typeof(string)
            ? new Binder(new SimpleTypeModelBinder(typeof(string), context.Services.GetRequiredService<ILoggerFactory>()))
            : null;

    private sealed class Binder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            await inner.BindModelAsync(bindingContext);
            if (bindingContext.Result.Model is string text && text.Contains('\0', StringComparison.Ordinal))
                bindingContext.Result = ModelBindingResult.Success(text.Replace("\0", "", StringComparison.Ordinal));
        }
    }
}
