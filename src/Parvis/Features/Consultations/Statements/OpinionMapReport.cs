using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Consultations.Statements;

/// <summary>
/// The closing report's section on a consultation's opinion maps, in Markdown, from the maps last computed: per
/// statements question its participants, the groups (those under <see cref="Statement.MinGroupShown"/> only counted)
/// with their representative statements, and the consensus. Staff paste it into the bilan and edit it there.
/// </summary>
public sealed class OpinionMapReport(ParvisDbContext db, OpinionMapStore maps)
{
    public async Task<string?> MarkdownAsync(int consultationId)
    {
        var questions = await db.Questions.AsNoTracking()
            .Where(q => q.ConsultationId == consultationId && q.Kind == ConsultationQuestionKind.Statements)
            .OrderBy(q => q.Position).ToListAsync();
        var text = new StringBuilder();
        foreach (var question in questions)
        {
            if (await maps.ReadAsync(question.Id) is not { } stored || stored.Map.Points.Count == 0) continue;
            var (map, snapshot) = stored;
            var statements = await db.Contributions.AsNoTracking()
                .Where(c => c.QuestionId == question.Id && c.State == ModerationState.Published).ToDictionaryAsync(c => c.Id, c => c.Body);
            string Quote(int id) => Excerpt.Quote(statements[id]);
            text.Append(CultureInfo.InvariantCulture, $"## Carte des opinions : {question.Text.ReplaceLineEndings(" ")}\n\n");
            text.Append(CultureInfo.InvariantCulture,
                $"{snapshot.Participants} participants, {snapshot.Votes} votes sur {statements.Count} énoncés ; {map.Groups.Count} groupes d'opinion.\n\n");
            foreach (var group in map.Groups)
            {
                var name = VoteModel.GroupName(group.Number);
                if (group.Size < Statement.MinGroupShown)
                {
                    text.Append(CultureInfo.InvariantCulture, $"### Groupe {name} (moins de {Statement.MinGroupShown} participants, non détaillé)\n\n");
                    continue;
                }
                text.Append(CultureInfo.InvariantCulture, $"### Groupe {name} ({group.Size} participants)\n\n");
                foreach (var r in group.Representative.Where(r => statements.ContainsKey(r.StatementId)))
                    text.Append(CultureInfo.InvariantCulture, $"- {Quote(r.StatementId)} : {r.Percent} % {(r.Agree ? "d'accord" : "pas d'accord")}\n");
                text.Append('\n');
            }
            var consensus = map.Consensus.Where(c => statements.ContainsKey(c.StatementId)).ToList();
            text.Append("### Ce qui rassemble tous les groupes\n\n");
            if (consensus.Count == 0) text.Append("Aucun énoncé ne fait consensus entre les groupes.\n\n");
            foreach (var c in consensus)
                text.Append(CultureInfo.InvariantCulture, $"- {Quote(c.StatementId)} : {(c.Agree ? "d'accord" : "pas d'accord")} dans tous les groupes\n");
            text.Append('\n');
        }
        return text.Length == 0 ? null : text.ToString().TrimEnd() + "\n";
    }
}
