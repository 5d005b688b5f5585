using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Outcomes;

/// <summary>
/// What staff do with outcomes. Administrators manage every outcome; an agent manages the outcomes of
/// their own service and those without a service, and what they create belongs to their service.
/// Each command checks everything before it changes anything, writes its audit entry and saves once.
/// </summary>
public sealed class OutcomeCommands(ParvisDbContext db, AuditLog audit, TimeProvider clock, OutcomeSubjects subjects, IAuthorizationService authorization)
{
    public static bool IsAdministrator(ClaimsPrincipal user) => user.IsInRole(nameof(StaffRole.Administrator));

    /// <summary>The service whose outcomes this person manages; null for an administrator (all of them).</summary>
    public async Task<(bool All, string? Service)> ScopeAsync(ClaimsPrincipal user) =>
        IsAdministrator(user) ? (true, null) : (false, await ServiceStaffHandler.AgentServiceAsync(db, user));

    public async Task<bool> MayManageAsync(ClaimsPrincipal user, Outcome outcome) =>
        (await authorization.AuthorizeAsync(user, outcome, ServiceStaffRequirement.OrUnassigned)).Succeeded;

    public async Task<Outcome> CreateAsync(ClaimsPrincipal user, OutcomeDescription input)
    {
        var (all, service) = await ScopeAsync(user);
        // An agent's outcome is their service's, whatever the form says.
        if (!all) input = input with { ServiceName = service };
        await EnsureTerritoryAsync(input.TerritoryId);
        var outcome = new Outcome { Title = "" };
        outcome.Describe(input, Now);
        db.Outcomes.Add(outcome);
        // One transaction: the outcome and its audit entry (which needs the new id) land together.
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        audit.Record("outcome.create", nameof(Outcome), outcome.Id, outcome.Title);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return outcome;
    }

    public async Task UpdateAsync(ClaimsPrincipal user, int id, OutcomeDescription input)
    {
        var outcome = await FindAsync(user, id);
        var (all, _) = await ScopeAsync(user);
        if (!all) input = input with { ServiceName = outcome.ServiceName };
        await EnsureTerritoryAsync(input.TerritoryId);
        var before = (outcome.Status, outcome.ProgressPercent);
        outcome.Describe(input, Now);
        audit.Record("outcome.update", nameof(Outcome), id,
            before == (outcome.Status, outcome.ProgressPercent) ? outcome.Title : $"{outcome.Title} : {outcome.Status}, {outcome.ProgressPercent} %");
        await db.SaveChangesAsync();
    }

    public async Task PublishAsync(ClaimsPrincipal user, int id, bool publish)
    {
        var outcome = await FindAsync(user, id);
        if (publish) outcome.Publish(Now);
        else outcome.Unpublish(Now);
        audit.Record(publish ? "outcome.publish" : "outcome.unpublish", nameof(Outcome), id, outcome.Title);
        await db.SaveChangesAsync();
    }

    /// <summary>Links an item given by its pasted address, or else by its kind and number.</summary>
    public async Task<SubjectView> LinkAsync(ClaimsPrincipal user, int id, string? address, OutcomeSubjectKind? kind, int? number)
    {
        var outcome = await FindAsync(user, id);
        (OutcomeSubjectKind Kind, int Id) item;
        if (!string.IsNullOrWhiteSpace(address))
            item = OutcomeSubjects.Parse(address) ?? throw new DomainException("Cette adresse n'est pas celle d'une contribution, d'une concertation, d'une proposition ou d'une pétition de la plateforme.");
        else if (kind is { } k && number is > 0)
            item = (k, number.Value);
        else
            throw new DomainException("Collez l'adresse de l'élément, ou choisissez son type et indiquez son numéro.");
        var view = await subjects.EnsureLinkableAsync(item.Kind, item.Id);
        if (await db.OutcomeLinks.AnyAsync(l => l.OutcomeId == outcome.Id && l.Kind == item.Kind && l.SubjectId == item.Id))
            throw new DomainException("Cet élément est déjà lié à ce résultat.");
        db.OutcomeLinks.Add(new OutcomeLink { OutcomeId = outcome.Id, Kind = item.Kind, SubjectId = item.Id });
        outcome.UpdatedAt = Now;
        audit.Record("outcome.link", nameof(Outcome), id, $"{item.Kind} {item.Id}");
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Two people linked the same item at once: the unique index kept one link.
            throw new DomainException("Cet élément est déjà lié à ce résultat.");
        }
        return view;
    }

    public async Task UnlinkAsync(ClaimsPrincipal user, int id, int linkId)
    {
        var outcome = await FindAsync(user, id);
        var link = await db.OutcomeLinks.FirstOrDefaultAsync(l => l.Id == linkId && l.OutcomeId == id)
            ?? throw new DomainException("Ce lien n'existe plus.");
        db.OutcomeLinks.Remove(link);
        outcome.UpdatedAt = Now;
        audit.Record("outcome.unlink", nameof(Outcome), id, $"{link.Kind} {link.SubjectId}");
        await db.SaveChangesAsync();
    }

    /// <summary>The outcome, when it exists here and this person manages it; the page turns the refusal into a 404 or 403.</summary>
    public async Task<Outcome> FindAsync(ClaimsPrincipal user, int id)
    {
        var outcome = await db.Outcomes.FirstOrDefaultAsync(o => o.Id == id) ?? throw new ItemNotFoundException();
        if (!await MayManageAsync(user, outcome)) throw new ItemForbiddenException();
        return outcome;
    }

    private async Task EnsureTerritoryAsync(int territoryId)
    {
        if (!await db.Territories.AnyAsync(t => t.Id == territoryId)) throw new DomainException("Ce territoire n'existe pas.");
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
