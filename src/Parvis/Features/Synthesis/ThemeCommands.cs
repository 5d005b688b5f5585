using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Synthesis;

/// <summary>
/// What staff do with the groups of a consultation's contributions: name a group as a theme, add another group to a
/// theme (merging them), move a contribution to another theme, choose the contributions a theme quotes, rename or
/// delete a theme. Each checks
/// that the theme and the contribution are this consultation's, saves once, and is audited. A group's contributions
/// already placed in a theme stay there: a staff decision is not undone by a group.
/// </summary>
public sealed class ThemeCommands(ParvisDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<SynthesisTheme> NameGroupAsync(int consultationId, int groupNumber, string? name)
    {
        var members = await GroupMembersAsync(consultationId, groupNumber);
        var theme = new SynthesisTheme { ConsultationId = consultationId, Name = SynthesisTheme.ValidateName(name), CreatedAt = clock.GetUtcNow().UtcDateTime };
        await EnsureNameFreeAsync(consultationId, theme.Name, null);
        db.SynthesisThemes.Add(theme);
        var added = await PlaceAsync(theme, members);
        audit.Record("synthesis.theme-name", nameof(Consultation), consultationId, $"thème « {theme.Name} » : groupe {groupNumber}, {added} contributions");
        await db.SaveChangesAsync();
        return theme;
    }

    public async Task<SynthesisTheme> AddGroupAsync(int consultationId, int groupNumber, int? themeId)
    {
        var theme = await ThemeAsync(consultationId, themeId);
        var added = await PlaceAsync(theme, await GroupMembersAsync(consultationId, groupNumber));
        audit.Record("synthesis.theme-merge", nameof(Consultation), consultationId, $"groupe {groupNumber} ajouté au thème « {theme.Name} » : {added} contributions");
        await db.SaveChangesAsync();
        return theme;
    }

    public async Task<SynthesisTheme> MoveAsync(int consultationId, int? contributionId, int? themeId)
    {
        var theme = await ThemeAsync(consultationId, themeId);
        var contribution = await ContributionAsync(consultationId, contributionId);
        var row = await db.ThemeContributions.FirstOrDefaultAsync(t => t.ContributionId == contribution);
        if (row is null) db.ThemeContributions.Add(new ThemeContribution { ThemeId = theme.Id, ContributionId = contribution });
        else if (row.ThemeId != theme.Id) (row.ThemeId, row.IsQuote) = (theme.Id, false);
        audit.Record("synthesis.theme-move", nameof(Consultation), consultationId, $"contribution n° {contribution} dans le thème « {theme.Name} »");
        await db.SaveChangesAsync();
        return theme;
    }

    public async Task<SynthesisTheme> QuoteAsync(int consultationId, int? contributionId, bool quote)
    {
        var contribution = await ContributionAsync(consultationId, contributionId);
        var row = await db.ThemeContributions.FirstOrDefaultAsync(t => t.ContributionId == contribution)
            ?? throw new DomainException("Cette contribution n'est dans aucun thème : placez-la d'abord dans un thème.");
        var theme = await db.SynthesisThemes.SingleAsync(t => t.Id == row.ThemeId);
        if (quote && !row.IsQuote && await db.ThemeContributions.CountAsync(t => t.ThemeId == theme.Id && t.IsQuote) >= SynthesisTheme.MaxQuotes)
            throw DomainException.WithValues("Un thème cite {0} contributions au plus : retirez-en une d'abord.", SynthesisTheme.MaxQuotes);
        row.IsQuote = quote;
        audit.Record("synthesis.theme-quote", nameof(Consultation), consultationId,
            $"contribution n° {contribution} {(quote ? "citée" : "plus citée")} dans le thème « {theme.Name} »");
        await db.SaveChangesAsync();
        return theme;
    }

    public async Task<SynthesisTheme> RenameAsync(int consultationId, int? themeId, string? name)
    {
        var theme = await ThemeAsync(consultationId, themeId);
        var before = theme.Name;
        theme.Name = SynthesisTheme.ValidateName(name);
        if (theme.Name == before) return theme;
        await EnsureNameFreeAsync(consultationId, theme.Name, theme.Id);
        audit.Record("synthesis.theme-rename", nameof(Consultation), consultationId, $"thème « {before} » renommé « {theme.Name} »");
        await db.SaveChangesAsync();
        return theme;
    }

    /// <summary>Removes a theme: its contributions stay published, in no theme, and its quotes go with it.</summary>
    public async Task<SynthesisTheme> DeleteAsync(int consultationId, int? themeId)
    {
        var theme = await ThemeAsync(consultationId, themeId);
        var placed = await db.ThemeContributions.CountAsync(t => t.ThemeId == theme.Id);
        // The database removes the theme's rows with it (cascade), in the same statement.
        db.SynthesisThemes.Remove(theme);
        audit.Record("synthesis.theme-delete", nameof(Consultation), consultationId,
            $"thème « {theme.Name} » supprimé : {placed} contributions sans thème");
        await db.SaveChangesAsync();
        return theme;
    }

    private async Task EnsureNameFreeAsync(int consultationId, string name, int? themeId)
    {
        if (await db.SynthesisThemes.AnyAsync(t => t.ConsultationId == consultationId && t.Name == name && t.Id != themeId))
            throw DomainException.WithValues("Un thème s'appelle déjà « {0} » dans cette concertation.", name);
    }

    private async Task<List<int>> GroupMembersAsync(int consultationId, int groupNumber)
    {
        var groups = GroupingStore.Groups(await db.ContributionGroupings.AsNoTracking().FirstOrDefaultAsync(g => g.ConsultationId == consultationId));
        return groups?.Groups.FirstOrDefault(g => g.Number == groupNumber)?.Members
            ?? throw new DomainException("Ce groupe n'existe pas ou plus : regroupez les contributions à nouveau.");
    }

    private async Task<SynthesisTheme> ThemeAsync(int consultationId, int? themeId) =>
        await db.SynthesisThemes.FirstOrDefaultAsync(t => t.Id == themeId && t.ConsultationId == consultationId)
            ?? throw new DomainException("Choisissez un thème de cette concertation.");

    private async Task<int> ContributionAsync(int consultationId, int? contributionId)
    {
        if (contributionId is null) throw new DomainException("Indiquez le numéro d'une contribution.");
        if (!await db.Contributions.AnyAsync(c => c.Id == contributionId && c.ConsultationId == consultationId && c.State == ModerationState.Published))
            throw DomainException.WithValues("La contribution n° {0} n'est pas une contribution publiée de cette concertation.", contributionId);
        return contributionId.Value;
    }

    /// <summary>Puts the group's contributions still published and in no theme into <paramref name="theme"/>.</summary>
    private async Task<int> PlaceAsync(SynthesisTheme theme, List<int> members)
    {
        var published = await db.Contributions.Where(c => members.Contains(c.Id) && c.ConsultationId == theme.ConsultationId
            && c.State == ModerationState.Published && !db.ThemeContributions.Any(t => t.ContributionId == c.Id)).Select(c => c.Id).ToListAsync();
        db.ThemeContributions.AddRange(published.Select(id => new ThemeContribution { Theme = theme, ContributionId = id }));
        return published.Count;
    }
}
