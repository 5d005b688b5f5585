using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Features.PersonalData;
using Parvis.Features.Petitions;
using Parvis.Features.Proposals;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Participations;

public enum ParticipationSection { Contributions, Reactions, Proposals, Supports, Petitions, Signatures, CouncilItems, Requests }

/// <summary>One thing a person took part in, with the official answer and the outcomes it led to.</summary>
public sealed record ParticipationRow(string Title, string Url, DateTime At, string State, DateTime? AnsweredAt, IReadOnlyList<OutcomeRef> Outcomes);

public sealed record OutcomeRef(int Id, string Title, OutcomeStatus Status);

public sealed record ParticipationPage(ParticipationSection Section, int Total, IReadOnlyList<ParticipationRow> Rows);

/// <summary>
/// "Mes participations": each section reads one page of the person's rows through an index that starts with
/// the person (author or user id, then date), then the answers and outcomes of that page in two more queries.
/// </summary>
public sealed class ParticipationQueries(ParvisDbContext db)
{
    private sealed record Row(int Subject, string Title, DateTime At, string State);

    public static string Title(ParticipationSection section) => section switch
    {
        ParticipationSection.Contributions => "Mes contributions",
        ParticipationSection.Reactions => "Mes réactions aux contributions",
        ParticipationSection.Proposals => "Mes propositions",
        ParticipationSection.Supports => "Les propositions que je soutiens",
        ParticipationSection.Petitions => "Mes pétitions",
        ParticipationSection.Signatures => "Mes signatures",
        ParticipationSection.CouncilItems => "Mes points proposés aux conseils",
        _ => "Mes signalements",
    };

    public async Task<ParticipationPage> PageAsync(Guid me, ParticipationSection section, int skip, int take)
    {
        (List<Row> rows, int total) = section switch
        {
            ParticipationSection.Contributions => await Read(db.Contributions.Where(c => c.AuthorId == me)
                .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
                .Select(c => new Row(c.Id, c.Title ?? c.Body.Substring(0, 80), c.CreatedAt, PersonalDataQueries.State(c.State)))),
            ParticipationSection.Reactions => await Read(db.Reactions.Where(r => r.UserId == me)
                .Join(db.Contributions.Where(c => c.State == ModerationState.Published), r => r.ContributionId, c => c.Id, (r, c) => new { r, c })
                .OrderByDescending(x => x.r.CreatedAt).ThenByDescending(x => x.r.Id)
                .Select(x => new Row(x.c.Id, x.c.Title ?? x.c.Body.Substring(0, 80), x.r.CreatedAt,
                    x.r.Kind == ReactionKind.Agree ? "D'accord" : "Pas d'accord"))),
            ParticipationSection.Proposals => await Read(db.Proposals.Where(p => p.AuthorId == me)
                .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
                .Select(p => new Row(p.Id, p.Title, p.CreatedAt, p.State == ModerationState.Published ? ProposalLabels.Of(p.Status) : PersonalDataQueries.State(p.State)))),
            ParticipationSection.Supports => await Read(db.ProposalSupports.Where(s => s.UserId == me)
                .Join(db.Proposals.Where(p => p.State == ModerationState.Published), s => s.ProposalId, p => p.Id, (s, p) => new { s, p })
                .OrderByDescending(x => x.s.CreatedAt).ThenByDescending(x => x.s.Id)
                .Select(x => new Row(x.p.Id, x.p.Title, x.s.CreatedAt, ProposalLabels.Of(x.p.Status)))),
            ParticipationSection.Petitions => await Read(db.Petitions.Where(p => p.AuthorId == me)
                .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
                .Select(p => new Row(p.Id, p.Title, p.CreatedAt, PetitionLabels.Of(p.Status)))),
            ParticipationSection.Signatures => await Read(db.PetitionSignatures.Where(s => s.UserId == me)
                .Join(db.Petitions.Where(p => p.Status == PetitionStatus.Open || p.Status == PetitionStatus.Closed), s => s.PetitionId, p => p.Id, (s, p) => new { s, p })
                .OrderByDescending(x => x.s.CreatedAt).ThenByDescending(x => x.s.Id)
                .Select(x => new Row(x.p.Id, x.p.Title, x.s.CreatedAt,
                    x.s.InvalidatedAt != null ? "Signature invalidée" : x.s.ConfirmedAt == null ? "Signature à confirmer" : PetitionLabels.Of(x.p.Status)))),
            // The council's page, where the author reads the answer and its reason.
            ParticipationSection.CouncilItems => await Read(db.CouncilAgendaItems.Where(i => i.AuthorId == me)
                .OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
                .Select(i => new Row(i.CouncilId, i.Title, i.CreatedAt, Councils.CouncilLabels.Of(i.Status)))),
            _ => await Read(db.ServiceRequests.Where(r => r.AuthorId == me)
                .OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id)
                .Select(r => new Row(r.Id, r.Category!.Name, r.SubmittedAt, ServiceRequest.Label(r.Status)))),
        };
        async Task<(List<Row>, int)> Read(IQueryable<Row> query) =>
            (await query.Skip(skip).Take(take).AsNoTracking().ToListAsync(), await query.CountAsync());

        var kind = section switch
        {
            ParticipationSection.Contributions or ParticipationSection.Reactions => (ResponseSubjectKind?)ResponseSubjectKind.Contribution,
            ParticipationSection.Proposals or ParticipationSection.Supports => ResponseSubjectKind.Proposal,
            ParticipationSection.Petitions or ParticipationSection.Signatures => ResponseSubjectKind.Petition,
            _ => null,
        };
        var ids = rows.Select(r => r.Subject).Distinct().ToList();
        var answers = kind is { } k ? await AnswersAsync(k, ids) : [];
        var outcomes = kind is { } o ? await OutcomesAsync(o, ids) : [];
        return new ParticipationPage(section, total, rows.Select(r => new ParticipationRow(
            r.Title.Trim(), UrlOf(section, r.Subject), r.At, r.State, answers.GetValueOrDefault(r.Subject),
            outcomes.TryGetValue(r.Subject, out var list) ? list : [])).ToList());
    }

    private static string UrlOf(ParticipationSection section, int id) => section switch
    {
        ParticipationSection.Contributions or ParticipationSection.Reactions => $"/contributions/{id}",
        ParticipationSection.Proposals or ParticipationSection.Supports => $"/propositions/{id}",
        ParticipationSection.Petitions or ParticipationSection.Signatures => $"/petitions/{id}",
        ParticipationSection.CouncilItems => $"/conseils/{id}#ordre-du-jour",
        _ => $"/signalements/{id}",
    };

    private async Task<Dictionary<int, DateTime?>> AnswersAsync(ResponseSubjectKind kind, List<int> ids)
    {
        var published = db.OfficialResponses.AsNoTracking().Where(r => r.Status == ResponseStatus.Published);
        var pairs = kind switch
        {
            ResponseSubjectKind.Contribution => published.Where(r => ids.Contains(r.ContributionId!.Value)).Select(r => new { Id = r.ContributionId!.Value, r.PublishedAt }),
            ResponseSubjectKind.Proposal => published.Where(r => ids.Contains(r.ProposalId!.Value)).Select(r => new { Id = r.ProposalId!.Value, r.PublishedAt }),
            _ => published.Where(r => ids.Contains(r.PetitionId!.Value)).Select(r => new { Id = r.PetitionId!.Value, r.PublishedAt }),
        };
        return (await pairs.ToListAsync()).GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.Min(p => p.PublishedAt));
    }

    private async Task<Dictionary<int, List<OutcomeRef>>> OutcomesAsync(ResponseSubjectKind kind, List<int> ids)
    {
        var subjectKind = kind switch
        {
            ResponseSubjectKind.Contribution => OutcomeSubjectKind.Contribution,
            ResponseSubjectKind.Proposal => OutcomeSubjectKind.Proposal,
            _ => OutcomeSubjectKind.Petition,
        };
        var links = await db.OutcomeLinks.AsNoTracking().Where(l => l.Kind == subjectKind && ids.Contains(l.SubjectId))
            .Join(db.Outcomes.Where(o => o.PublishedAt != null), l => l.OutcomeId, o => o.Id, (l, o) => new { l.SubjectId, o.Id, o.Title, o.Status })
            .ToListAsync();
        return links.GroupBy(l => l.SubjectId).ToDictionary(g => g.Key, g => g.Select(l => new OutcomeRef(l.Id, l.Title, l.Status)).ToList());
    }

    public static string OutcomeLabel(OutcomeStatus status) => Labels.Of(status);
}
