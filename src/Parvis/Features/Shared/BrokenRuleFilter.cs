using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Shared;

/// <summary>
/// A page whose handlers may break a rule of the domain (<see cref="DomainException"/>): the one
/// <see cref="BrokenRuleFilter"/> shows its form again with the rule's message, so no page catches them itself.
/// </summary>
public interface IRedisplaysBrokenRules
{
    /// <summary>Loads again what the page shows, after the failed attempt's changes were dropped; false when the
    /// item is gone (the filter then answers 404). Nothing to do for a page whose handler loaded everything it
    /// shows before the rule broke.</summary>
    Task<bool> ReloadAfterBrokenRuleAsync() => Task.FromResult(true);

    /// <summary>The form field the message belongs to, for the handler that broke the rule ("" for the whole form).</summary>
    string BrokenRuleField(string? handler) => "";
}

/// <summary>The item asked for is not one of this organization's: the page answers 404 (<see cref="BrokenRuleFilter"/>).</summary>
public sealed class ItemNotFoundException : Exception;

/// <summary>The item exists but this person may not manage it: the page answers with the refusal (<see cref="BrokenRuleFilter"/>).</summary>
public sealed class ItemForbiddenException : Exception;

/// <summary>
/// Turns an item not found or not this person's into 404 or the refusal page, on any page, so no page catches them.
/// Turns a rule broken by a page handler into the page shown again, status 200, with the rule's message in the
/// error summary (translated with its values) and what was typed kept. Nothing of the attempt is saved: its
/// tracked changes are dropped before the page reloads, so a reload that saves cannot write them half-way.
/// </summary>
public sealed class BrokenRuleFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.ExceptionHandled || context.HandlerInstance is not PageModel page) return;
        if (Refusal(executed.Exception, page) is { } refusal)
        {
            executed.ExceptionHandled = true;
            executed.Result = refusal;
            return;
        }
        if (executed.Exception is not DomainException broken || page is not IRedisplaysBrokenRules redisplay) return;
        executed.ExceptionHandled = true;
        context.HttpContext.RequestServices.GetRequiredService<ParvisDbContext>().ChangeTracker.Clear();
        try
        {
            if (!await redisplay.ReloadAfterBrokenRuleAsync())
            {
                executed.Result = page.NotFound();
                return;
            }
        }
        catch (Exception e) when (Refusal(e, page) is { } gone)
        {
            executed.Result = gone;
            return;
        }
        page.ModelState.AddDomainError(redisplay.BrokenRuleField(context.HandlerMethod?.Name), broken);
        executed.Result = page.Page();
    }

    private static IActionResult? Refusal(Exception? error, PageModel page) => error switch
    {
        ItemNotFoundException => page.NotFound(),
        ItemForbiddenException => page.Forbid(),
        _ => null,
    };
}

public static class PageRoutes
{
    /// <summary>The page's {id} route value, for a reload after a broken rule (null when the route has none).</summary>
    public static int? RouteId(this PageModel page) =>
        page.RouteData.Values.TryGetValue("id", out var id) && int.TryParse(Convert.ToString(id,
            System.Globalization.CultureInfo.InvariantCulture), out var value) ? value : null;
}
