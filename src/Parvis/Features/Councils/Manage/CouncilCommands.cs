using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Councils.Manage;

/// <summary>What an administrator sets for a council.</summary>
public sealed class CouncilForm
{
    public string? Name { get; set; }
    public CouncilKind Kind { get; set; } = CouncilKind.Neighbourhood;
    public int? TerritoryId { get; set; }
    public string? DescriptionMarkdown { get; set; }
    public ParticipationLevel CandidacyLevel { get; set; } = ParticipationLevel.VerifiedResident;
    public bool AcceptsCandidacies { get; set; }
    public ParticipationLevel AgendaProposalLevel { get; set; } = ParticipationLevel.ConfirmedAccount;

    public static CouncilForm From(Council c) => new()
    {
        Name = c.Name,
        Kind = c.Kind,
        TerritoryId = c.TerritoryId,
        DescriptionMarkdown = c.DescriptionMarkdown,
        CandidacyLevel = c.CandidacyLevel,
        AcceptsCandidacies = c.AcceptsCandidacies,
        AgendaProposalLevel = c.AgendaProposalLevel,
    };

    /// <summary>The levels a council may ask (an account at least: candidates and proposers are answered).</summary>
    public static readonly ParticipationLevel[] Levels = [ParticipationLevel.ConfirmedAccount, ParticipationLevel.VerifiedResident, ParticipationLevel.VerifiedElector];
}

/// <summary>The administrators' side of councils: the council itself, its colleges and seats, its animators. Every change is audited.</summary>
public sealed class CouncilCommands(ParvisDbContext db, AuditLog audit, TimeProvider clock, UserManager<ParvisUser> users)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Council> CreateAsync(CouncilForm form)
    {
        var council = new Council { Name = "" };
        await DescribeAsync(council, form);
        db.Councils.Add(council);
        // One transaction: the council and its audit entry (which needs the new id) land together.
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        audit.Record("council.create", "Council", council.Id, council.Name);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return council;
    }

    public async Task UpdateAsync(int id, CouncilForm form)
    {
        var council = await FindAsync(id);
        await DescribeAsync(council, form);
        audit.Record("council.update", "Council", id, council.Name);
        await db.SaveChangesAsync();
    }

    public async Task AddCollegeAsync(int id, string? name, int? seats)
    {
        var council = await FindAsync(id);
        var college = new CouncilCollege { CouncilId = council.Id, Name = "" };
        college.Describe(name, seats);
        if (await db.CouncilColleges.AnyAsync(c => c.CouncilId == id && c.Name == college.Name)) throw DomainException.WithValues("Le conseil a déjà un collège {0}.", college.Name);
        college.Position = await db.CouncilColleges.Where(c => c.CouncilId == id).CountAsync();
        db.CouncilColleges.Add(college);
        audit.Record("council.college.add", "Council", id, $"{college.Name} · {college.Seats}");
        await db.SaveChangesAsync();
    }

    /// <summary>Renames a college or changes its seats, never below the members sitting today or later.</summary>
    public async Task UpdateCollegeAsync(int id, int collegeId, string? name, int? seats, DateOnly today)
    {
        var college = await db.CouncilColleges.FirstOrDefaultAsync(c => c.Id == collegeId && c.CouncilId == id) ?? throw new DomainException("Ce collège n'existe pas.");
        college.Describe(name, seats);
        if (await db.CouncilColleges.AnyAsync(c => c.CouncilId == id && c.Id != collegeId && c.Name == college.Name)) throw DomainException.WithValues("Le conseil a déjà un collège {0}.", college.Name);
        var sitting = await db.CouncilMandates.CountAsync(m => m.CollegeId == collegeId && (m.EndsOn == null || m.EndsOn >= today));
        if (sitting > college.Seats) throw DomainException.WithValues("Le collège compte {0} membres en mandat : il ne peut pas avoir moins de sièges.", sitting);
        audit.Record("council.college.update", "Council", id, $"{college.Name} · {college.Seats}");
        await db.SaveChangesAsync();
    }

    /// <summary>Only a college nobody ever sat in goes: the public history names the colleges of past mandates.</summary>
    public async Task RemoveCollegeAsync(int id, int collegeId)
    {
        var college = await db.CouncilColleges.FirstOrDefaultAsync(c => c.Id == collegeId && c.CouncilId == id) ?? throw new DomainException("Ce collège n'existe pas.");
        if (await db.CouncilMandates.AnyAsync(m => m.CollegeId == collegeId))
            throw new DomainException("Des membres ont siégé dans ce collège : il reste dans l'historique du conseil.");
        db.CouncilColleges.Remove(college);
        audit.Record("council.college.remove", "Council", id, college.Name);
        await db.SaveChangesAsync();
    }

    public async Task AddAnimatorAsync(int id, string? email)
    {
        var council = await FindAsync(id);
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (user is null) throw new DomainException("Aucun compte de la collectivité n'a cette adresse e-mail.");
        if (await db.CouncilAnimators.AnyAsync(a => a.CouncilId == id && a.UserId == user.Id)) throw new DomainException("Cette personne anime déjà ce conseil.");
        db.CouncilAnimators.Add(new CouncilAnimator { CouncilId = council.Id, UserId = user.Id, GrantedAt = Now });
        audit.Record("council.animator.add", "Council", id, user.Email);
        await db.SaveChangesAsync();
    }

    public async Task RemoveAnimatorAsync(int id, int animatorId)
    {
        var animator = await db.CouncilAnimators.FirstOrDefaultAsync(a => a.Id == animatorId && a.CouncilId == id) ?? throw new DomainException("Cette personne n'anime pas ce conseil.");
        db.CouncilAnimators.Remove(animator);
        audit.Record("council.animator.remove", "Council", id, animator.UserId.ToString());
        await db.SaveChangesAsync();
    }

    public async Task<Council> FindAsync(int id) =>
        await db.Councils.FirstOrDefaultAsync(c => c.Id == id) ?? throw new ItemNotFoundException();

    private async Task DescribeAsync(Council council, CouncilForm form)
    {
        if (form.TerritoryId is not { } territory || !await db.Territories.AnyAsync(t => t.Id == territory))
            throw new DomainException("Choisissez le territoire du conseil.");
        council.Describe(form.Name, form.Kind, territory, form.DescriptionMarkdown, form.CandidacyLevel, form.AcceptsCandidacies, form.AgendaProposalLevel, Now);
    }
}
