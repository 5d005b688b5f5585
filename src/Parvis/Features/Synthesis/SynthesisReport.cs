using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Synthesis;

/// <summary>
/// The closing report's section on the themes staff named in a consultation's contributions, in Markdown: each theme
/// with its number of contributions (copies counted: a campaign weighs what it weighed) and its chosen quotes, linked.
/// Staff insert it into the bilan and edit it there.
/// </summary>
public sealed class SynthesisReport(ParvisDbContext db)
{
    public async Task<string?> MarkdownAsync(int consultationId)
    {
        var themes = await db.SynthesisThemes.AsNoTracking().Where(t => t.ConsultationId == consultationId).ToListAsync();
        if (themes.Count == 0) return null;
        var published = ModerationState.Published;
        var rows = await db.ThemeContributions.AsNoTracking()
            .Where(t => t.Theme!.ConsultationId == consultationId && db.Contributions.Any(c => c.Id == t.ContributionId && c.State == published))
            .Select(t => new { t.ThemeId, t.ContributionId, t.IsQuote }).ToListAsync();
        var quoted = rows.Where(r => r.IsQuote).Select(r => r.ContributionId).ToList();
        var bodies = await db.Contributions.AsNoTracking().Where(c => quoted.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Body);
        var total = await db.Contributions.CountAsync(c => c.ConsultationId == consultationId && c.State == published);
        var text = new StringBuilder("## Thèmes des contributions\n\n");
        text.Append(CultureInfo.InvariantCulture, $"{total} contributions publiées, dont {rows.Count} classées en {themes.Count} thèmes.\n\n");
        foreach (var theme in themes.OrderByDescending(t => rows.Count(r => r.ThemeId == t.Id)).ThenBy(t => t.Name, StringComparer.Ordinal))
        {
            var count = rows.Count(r => r.ThemeId == theme.Id);
            text.Append(CultureInfo.InvariantCulture, $"### {theme.Name} ({count} contribution{(count > 1 ? "s" : "")})\n\n");
            foreach (var quote in rows.Where(r => r.ThemeId == theme.Id && r.IsQuote).OrderBy(r => r.ContributionId))
                text.Append(CultureInfo.InvariantCulture,
                    $"- {Excerpt.Quote(bodies[quote.ContributionId])} ([contribution n° {quote.ContributionId}](/contributions/{quote.ContributionId}))\n");
            text.Append('\n');
        }
        return text.ToString().TrimEnd() + "\n";
    }
}
