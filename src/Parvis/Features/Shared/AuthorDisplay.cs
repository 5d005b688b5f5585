using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Domain;
using Parvis.Features.Identity;
using Parvis.Infrastructure.Data;
using Parvis.Resources;

namespace Parvis.Features.Shared;

/// <summary>How an item names its author: the name to show, the profile it may link to, the verified badges.</summary>
public sealed record AuthorView(string Name, Guid? ProfileId, IReadOnlyList<string> Badges, DisplayIdentity Display)
{
    /// <summary>Partial names, full names and "Anonyme" keep the item out of search engines.</summary>
    public bool NoIndex => AuthorName.KeepOutOfSearchEngines(Display);
}

/// <summary>What an item says about its author: the account (if any), the display picked, the name given offline, the badges chosen.</summary>
public sealed record AuthorSource(Guid? AuthorId, DisplayIdentity? DisplayAs, string? OfflineName, BadgeChoices Badges = BadgeChoices.None);

/// <summary>
/// The one place that turns authors into what readers see. A pseudonym links to the profile; a partial
/// or full name never does (a profile must not tie a pseudonym to a name); an account that no longer
/// exists is "Participant supprimé". Badges are those the author chose when posting and still holds:
/// an expired or revoked verification stops showing at once.
/// </summary>
public sealed class AuthorDisplay(ParvisDbContext db, Verifications verifications, IStringLocalizer<SharedResource> text)
{
    public Task<IReadOnlyList<AuthorView>> ForAsync(IReadOnlyList<AuthorSource> items, ParticipationRules rules) =>
        ForAsync(items.Select(item => (item, rules)).ToList());

    /// <summary>Items of several spaces, each named by its own space's rule: the authors read once for all.</summary>
    public async Task<IReadOnlyList<AuthorView>> ForAsync(
        IReadOnlyList<(AuthorSource Item, ParticipationRules Rules)> sources)
    {
        var items = sources.Select(s => s.Item).ToList();
        var ids = items.Where(i => i.AuthorId is not null).Select(i => i.AuthorId!.Value).Distinct().ToList();
        // The page's authors in one keyed read (a correlated FirstOrDefault becomes a window over every user).
        var users = ids.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.Pseudonym, u.FirstName, u.LastName }).ToDictionaryAsync(u => u.Id);
        var withBadges = items.Where(i => i.Badges != BadgeChoices.None && i.AuthorId is not null).Select(i => i.AuthorId!.Value).Distinct().ToList();
        var attributes = withBadges.Count == 0 ? [] : await verifications.AttributesOfAsync(withBadges);
        var territoryIds = attributes.Values.SelectMany(a => a.ResidentTerritoryIds).Distinct().ToList();
        var territories = territoryIds.Count == 0 ? [] : await db.Territories.AsNoTracking().Where(t => territoryIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name);

        return sources.Select(source =>
        {
            var (item, rules) = source;
            var display = item.DisplayAs ?? rules.DisplayIdentity;
            if (item.AuthorId is not { } id)
                return new AuthorView(item.OfflineName ?? text[AuthorName.Anonymous].Value, null, [], item.OfflineName is null ? DisplayIdentity.Anonymous : display);
            if (!users.TryGetValue(id, out var user))
                return new AuthorView(text[AuthorName.Deleted].Value, null, [], DisplayIdentity.Anonymous);
            var name = display == DisplayIdentity.Anonymous ? text[AuthorName.Anonymous].Value : AuthorName.Format(display, user.Pseudonym, user.FirstName, user.LastName);
            return new AuthorView(name, display == DisplayIdentity.Pseudonym ? id : null,
                Badges(item.Badges, attributes.GetValueOrDefault(id), territories), display);
        }).ToList();
    }

    public async Task<AuthorView> ForAsync(AuthorSource item, ParticipationRules rules) => (await ForAsync([item], rules))[0];

    private List<string> Badges(BadgeChoices chosen, VerifiedAttributes? attributes, Dictionary<int, string> territories)
    {
        var badges = new List<string>();
        if (attributes is null) return badges;
        if (chosen.HasFlag(BadgeChoices.Residence) && attributes.ResidentTerritoryIds.Count > 0)
            badges.Add(text["habitant vérifié · {0}", territories.GetValueOrDefault(attributes.ResidentTerritoryIds[0], "")].Value);
        if (chosen.HasFlag(BadgeChoices.Elector) && attributes.IsElector) badges.Add(text["électeur"].Value);
        if (chosen.HasFlag(BadgeChoices.Age) && attributes.AgeBracket is { } age) badges.Add(text[age.Label()].Value);
        return badges;
    }
}
