using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Parvis.Infrastructure.Web;

/// <summary>
/// A POST (or any unsafe method) that names a handler the page does not have, or names none where the page
/// has no default one, is a bad request. Razor Pages would otherwise run the page without a handler (its
/// model never loaded: a 500), or fall back to the page's unnamed handler for an unknown name.
/// </summary>
public sealed class UnknownHandlerFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) return;
        // The error page re-executed for a failed POST keeps that POST's query string.
        if (http.Features.Get<IExceptionHandlerPathFeature>() is not null || http.Features.Get<IStatusCodeReExecuteFeature>() is not null) return;
        var named = HandlerName(context);
        var unknown = context.HandlerMethod is null
            || (named is not null && !string.Equals(context.HandlerMethod.Name, named, StringComparison.OrdinalIgnoreCase));
        if (unknown) context.Result = new BadRequestResult();
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }

    // Where Razor Pages reads it: the route value first, then the query string.
    private static string? HandlerName(PageHandlerExecutingContext context)
    {
        var name = Convert.ToString(context.RouteData.Values["handler"], System.Globalization.CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(name)) return name;
        return context.HttpContext.Request.Query.TryGetValue("handler", out var values) && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
    }
}
