using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Outcomes;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Projects;

/// <summary>A phase as staff type it; the domain checks it (<see cref="ProjectPhase.Describe"/>).</summary>
public sealed class PhaseInput
{
    public string? Name { get; set; }
    public ProjectPhaseKind Kind { get; set; }
    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public string? Description { get; set; }
}

/// <summary>
/// A project's timeline and links, for staff who manage the project (the page has found it through
/// <see cref="ProjectCommands.FindAsync"/>): phases added, changed, removed; consultations, meetings, proposals and
/// petitions linked by a <see cref="ProjectLink"/>, outcomes by their <see cref="Outcome.ProjectId"/>. Each audited.
/// </summary>
public sealed partial class ProjectContentCommands(ParvisDbContext db, AuditLog audit, TimeProvider clock, OutcomeSubjects subjects)
{
    public const string OutcomeKind = "Outcome";

    public async Task AddPhaseAsync(Project project, PhaseInput input)
    {
        if (await db.ProjectPhases.CountAsync(p => p.ProjectId == project.Id) >= 30) throw new DomainException("Un projet compte 30 phases au plus.");
        var phase = new ProjectPhase { Name = "", ProjectId = project.Id };
        phase.Describe(input.Name, input.Kind, input.StartsOn, input.EndsOn, input.Description);
        db.ProjectPhases.Add(phase);
        Touch(project, "project.phase.add", phase.Name);
        await db.SaveChangesAsync();
    }

    public async Task UpdatePhaseAsync(Project project, int phaseId, PhaseInput input)
    {
        var phase = await PhaseAsync(project, phaseId);
        phase.Describe(input.Name, input.Kind, input.StartsOn, input.EndsOn, input.Description);
        Touch(project, "project.phase.update", phase.Name);
        await db.SaveChangesAsync();
    }

    public async Task RemovePhaseAsync(Project project, int phaseId)
    {
        var phase = await PhaseAsync(project, phaseId);
        db.ProjectPhases.Remove(phase);
        Touch(project, "project.phase.remove", phase.Name);
        await db.SaveChangesAsync();
    }

    /// <summary>Links an item given by its pasted address, or else by its kind and number.</summary>
    public async Task LinkAsync(Project project, string? address, string? kind, int? number)
    {
        if (!string.IsNullOrWhiteSpace(address))
        {
            if (ParseOutcome(address) is { } outcomeId) { await LinkOutcomeAsync(project, outcomeId); return; }
            var item = OutcomeSubjects.Parse(address)
                ?? throw new DomainException("Cette adresse n'est pas celle d'une concertation, d'une rencontre, d'une proposition, d'une pétition ou d'un résultat de la plateforme.");
            await LinkItemAsync(project, item.Kind, item.Id);
        }
        else if (number is not > 0 || string.IsNullOrEmpty(kind))
            throw new DomainException("Collez l'adresse de l'élément, ou choisissez son type et indiquez son numéro.");
        else if (kind == OutcomeKind) await LinkOutcomeAsync(project, number.Value);
        else if (Enum.TryParse<OutcomeSubjectKind>(kind, out var k) && Enum.IsDefined(k)) await LinkItemAsync(project, k, number.Value);
        else throw new DomainException("Choisissez le type de l'élément.");
    }

    public async Task UnlinkAsync(Project project, int linkId)
    {
        var link = await db.ProjectLinks.FirstOrDefaultAsync(l => l.Id == linkId && l.ProjectId == project.Id)
            ?? throw new DomainException("Ce lien n'existe plus.");
        db.ProjectLinks.Remove(link);
        Touch(project, "project.unlink", $"{link.Kind} {link.SubjectId}");
        await db.SaveChangesAsync();
    }

    public async Task UnlinkOutcomeAsync(Project project, int outcomeId)
    {
        var outcome = await db.Outcomes.FirstOrDefaultAsync(o => o.Id == outcomeId && o.ProjectId == project.Id)
            ?? throw new DomainException("Ce lien n'existe plus.");
        outcome.ProjectId = null;
        Touch(project, "project.unlink", $"Outcome {outcomeId}");
        await db.SaveChangesAsync();
    }

    private async Task LinkItemAsync(Project project, OutcomeSubjectKind kind, int id)
    {
        ProjectLink.EnsureLinkable(kind);
        await subjects.EnsureLinkableAsync(kind, id);
        if (await db.ProjectLinks.AnyAsync(l => l.ProjectId == project.Id && l.Kind == kind && l.SubjectId == id))
            throw new DomainException("Cet élément est déjà lié à ce projet.");
        db.ProjectLinks.Add(new ProjectLink { ProjectId = project.Id, Kind = kind, SubjectId = id });
        Touch(project, "project.link", $"{kind} {id}");
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Two people linked the same item at once: the unique index kept one link.
            throw new DomainException("Cet élément est déjà lié à ce projet.");
        }
    }

    private async Task LinkOutcomeAsync(Project project, int outcomeId)
    {
        var outcome = await db.Outcomes.FirstOrDefaultAsync(o => o.Id == outcomeId)
            ?? throw DomainException.WithValues("Le résultat n° {0} n'existe pas dans cette collectivité.", outcomeId);
        if (outcome.ProjectId == project.Id) throw new DomainException("Cet élément est déjà lié à ce projet.");
        if (outcome.ProjectId is not null) throw new DomainException("Ce résultat appartient déjà à un autre projet : retirez-le d'abord de celui-ci.");
        outcome.ProjectId = project.Id;
        Touch(project, "project.link", $"Outcome {outcomeId}");
        await db.SaveChangesAsync();
    }

    private async Task<ProjectPhase> PhaseAsync(Project project, int phaseId) =>
        await db.ProjectPhases.FirstOrDefaultAsync(p => p.Id == phaseId && p.ProjectId == project.Id)
            ?? throw new DomainException("Cette phase n'existe plus.");

    private void Touch(Project project, string action, string details)
    {
        project.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(action, nameof(Project), project.Id, details);
    }

    /// <summary>An outcome's public address ("/nous-avons-fait/resultats/12", with or without host) as its number.</summary>
    public static int? ParseOutcome(string address)
    {
        var m = OutcomeAddress().Match(address.Trim());
        return m.Success && int.TryParse(m.Groups["id"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
    }

    [GeneratedRegex(@"^(?:https?://[^/\s]+)?/nous-avons-fait/resultats/(?<id>\d{1,9})(?:[/?#].*)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OutcomeAddress();
}
