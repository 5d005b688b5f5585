using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.PersonalData;

/// <summary>Everything the organization holds about one account, and nothing about anyone else.</summary>
public sealed record PersonalDataExport(
    string Organization,
    DateTime ExportedAt,
    ExportAccount Account,
    List<ExportContribution> Contributions,
    List<ExportComment> Comments,
    List<ExportReaction> Reactions,
    List<ExportFlag> Flags,
    List<ExportFile> Files,
    List<ExportVerification> Verifications,
    List<string> LinkedProviders,
    List<ExportRefusal> RateLimitRefusals,
    List<ExportAction> AuditEntries,
    List<ExportLetter> PostalLetters,
    List<ExportPetition> Petitions,
    List<ExportSponsorship> Sponsorships,
    List<ExportProposal> Proposals,
    List<ExportSupport> ProposalSupports,
    List<ExportSignature> Signatures,
    List<ExportRequest> Requests,
    List<ExportRequestFollow> RequestFollows,
    List<Councils.ExportCouncilCandidacy> CouncilCandidacies,
    List<Councils.ExportCouncilAgendaItem> CouncilAgendaItems,
    List<Councils.ExportCouncilMandate> CouncilMandates,
    List<Consultations.Statements.ExportStatementVote> StatementVotes,
    List<Notifications.ExportFollow> Follows,
    List<Notifications.ExportNotice> Notices);

/// <summary>A petition the person launched (drafts included: only they and the staff see those).</summary>
public sealed record ExportPetition(int Id, string Title, string Request, string Reasons, string Addressee, string Status, string? RejectionReason,
    DateTime CreatedAt, DateTime? SubmittedAt, DateTime? PublishedAt, string Url);

/// <summary>A petition the person sponsored before it went to moderation.</summary>
public sealed record ExportSponsorship(int PetitionId, string Title, DateTime CreatedAt, string Url);

/// <summary>A petition signed while signed in: what the signer typed and where it stands.</summary>
public sealed record ExportSignature(int PetitionId, string Petition, string Name, string Email, string? PostalCode, string? Commune,
    DateTime SignedAt, DateTime? ConfirmedAt, DateTime? InvalidatedAt, string? InvalidationReason, string Url);

/// <summary>A postal-letter request: the address as declared, until the code is used or dies (then erased).</summary>
public sealed record ExportLetter(DateTime RequestedAt, string? RecipientName, string? AddressLine1, string? AddressLine2, string? PostalCode, string? City,
    DateTime? PrintedAt, DateTime? AddressErasedAt);

public sealed record ExportAccount(string Email, bool EmailConfirmed, string Pseudonym, string? FirstName, string? LastName,
    DateTime CreatedAt, DateTime? LastSignInAt, bool TwoFactorEnabled, List<string> Roles, DateTime? BlockedAt, string? BlockedReason);

public sealed record ExportContribution(int Id, string Consultation, string? Title, string Body, string Channel, string Display,
    string State, DateTime CreatedAt, int Agree, int Disagree, int Comments, string Url);

public sealed record ExportComment(long Id, int ContributionId, string Body, string Stance, string State, DateTime CreatedAt, DateTime? EditedAt, DateTime? DeletedAt, string Url);

public sealed record ExportReaction(int ContributionId, string Kind, DateTime CreatedAt, string Url);

public sealed record ExportFlag(string On, long Id, string Reason, DateTime CreatedAt, DateTime? ResolvedAt);

public sealed record ExportFile(string Title, string FileName, int ContributionId, DateTime UploadedAt, string Url);

public sealed record ExportVerification(string Method, string Issuer, DateTime VerifiedAt, DateTime ExpiresAt, DateTime? RevokedAt, string? RevokedReason,
    string? ResidentTerritory, bool IsElector, string? VerifiedName, string? AgeBracket, string? DocumentType);

public sealed record ExportRefusal(string Limit, string? IpAddress, DateTime FirstAt, DateTime LastAt, int RefusedCount);

public sealed record ExportAction(string Action, string TargetType, string TargetId, string? Details, DateTime At);

public sealed class PersonalDataQueries(ParvisDbContext db, UserManager<ParvisUser> users, TenantContext tenant, TimeProvider clock)
{
    public async Task<PersonalDataExport?> ExportAsync(Guid userId)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId);
        if (user is null) return null;
        var roles = await db.RoleAssignments.AsNoTracking().Where(r => r.UserId == userId).ToListAsync();
        var account = new ExportAccount(user.Email ?? "", user.EmailConfirmed, user.Pseudonym, user.FirstName, user.LastName, user.CreatedAt,
            user.LastSignInAt, await users.GetTwoFactorEnabledAsync(user),
            roles.Select(r => Shared.Roles.Label(r.Role) + (r.ServiceName is null ? "" : $" ({r.ServiceName})")).ToList(), user.BlockedAt, user.BlockedReason);

        var contributions = await db.Contributions.AsNoTracking().Where(c => c.AuthorId == userId).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new { c, Consultation = c.Consultation!.Title, Display = c.DisplayAs ?? c.Consultation.Rules.DisplayIdentity }).ToListAsync();
        var comments = await db.Comments.AsNoTracking().Where(c => c.AuthorId == userId).OrderBy(c => c.CreatedAt).ToListAsync();
        var reactions = await db.Reactions.AsNoTracking().Where(r => r.UserId == userId).OrderBy(r => r.CreatedAt).ToListAsync();
        var flags = await db.Flags.AsNoTracking().Where(f => f.UserId == userId)
            .Select(f => new ExportFlag("contribution", f.ContributionId, f.Reason, f.CreatedAt, f.ResolvedAt)).ToListAsync();
        flags.AddRange(await db.CommentFlags.AsNoTracking().Where(f => f.UserId == userId)
            .Select(f => new ExportFlag("commentaire", f.CommentId, f.Reason, f.CreatedAt, f.ResolvedAt)).ToListAsync());
        flags.AddRange(await ProposalPersonalData.FlagsAsync(db, userId));
        var contributionIds = contributions.Select(c => c.c.Id).ToList();
        var files = await db.StoredFiles.AsNoTracking().Where(f => f.ContributionId != null && contributionIds.Contains(f.ContributionId.Value))
            .OrderBy(f => f.UploadedAt).ToListAsync();
        var verifications = await db.Verifications.AsNoTracking().Where(v => v.UserId == userId).OrderBy(v => v.VerifiedAt).ToListAsync();
        var territoryIds = verifications.Where(v => v.ResidentTerritoryId != null).Select(v => v.ResidentTerritoryId!.Value).Distinct().ToList();
        var territories = await db.Territories.AsNoTracking().Where(t => territoryIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name);
        // Only the provider: the subject identifier is the provider's key to the person, not information about them.
        var providers = await db.Set<IdentityUserLogin<Guid>>().AsNoTracking().Where(l => l.UserId == userId)
            .Select(l => l.ProviderDisplayName ?? l.LoginProvider).ToListAsync();
        var refusals = await db.RateLimitEvents.AsNoTracking().Where(e => e.UserId == userId).OrderBy(e => e.FirstAt)
            .Select(e => new ExportRefusal(e.Limit, e.IpAddress, e.FirstAt, e.LastAt, e.RefusedCount)).ToListAsync();
        // What the person did as staff, without the details, which are about other people (a document seen, a reason).
        var actions = await db.AuditEntries.AsNoTracking().Where(a => a.ActorId == userId).OrderBy(a => a.At)
            .Select(a => new ExportAction(a.Action, a.TargetType, a.TargetType == "Account" || a.TargetType == "User" ? "" : a.TargetId, null, a.At)).ToListAsync();
        var signatures = await db.PetitionSignatures.AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt)
            .Join(db.Petitions, s => s.PetitionId, p => p.Id, (s, p) => new ExportSignature(p.Id, p.Title, s.Name, s.Email, s.PostalCode, s.Commune,
                s.CreatedAt, s.ConfirmedAt, s.InvalidatedAt, s.InvalidationReason, "/petitions/" + p.Id))
            .ToListAsync();
        var letters = await db.PostalLetterRequests.AsNoTracking().Where(r => r.UserId == userId).OrderBy(r => r.RequestedAt)
            .Select(r => new ExportLetter(r.RequestedAt, r.RecipientName, r.AddressLine1, r.AddressLine2, r.PostalCode, r.City, r.PrintedAt, r.AddressErasedAt)).ToListAsync();
        var petitions = await db.Petitions.AsNoTracking().Where(p => p.AuthorId == userId).OrderBy(p => p.CreatedAt).ToListAsync();
        var sponsorships = await db.PetitionSponsors.AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt)
            .Join(db.Petitions, s => s.PetitionId, p => p.Id, (s, p) => new ExportSponsorship(p.Id, p.Title, s.CreatedAt, "/petitions/" + p.Id)).ToListAsync();
        var (proposals, supports) = await ProposalPersonalData.ExportAsync(db, userId);
        var (requests, follows) = await RequestPersonalData.ExportAsync(db, userId);
        var (candidacies, agendaItems, mandates) = await Councils.CouncilPersonalData.ExportAsync(db, userId);
        var statementVotes = await Consultations.Statements.StatementPersonalData.ExportAsync(db, userId);
        var (followed, notices) = await Notifications.NotificationPersonalData.ExportAsync(db, userId);

        return new PersonalDataExport(tenant.Organization.Name, clock.GetUtcNow().UtcDateTime, account,
            contributions.Select(x => new ExportContribution(x.c.Id, x.Consultation, x.c.Title, x.c.Body, Labels.Of(x.c.Channel),
                Display(x.Display), State(x.c.State), x.c.CreatedAt, x.c.AgreeCount, x.c.DisagreeCount, x.c.CommentCount, $"/contributions/{x.c.Id}")).ToList(),
            comments.Select(c => new ExportComment(c.Id, c.ContributionId, c.Body, Labels.Of(c.Stance), State(c.State), c.CreatedAt, c.EditedAt, c.DeletedAt,
                Contributions.DetailsModel.CommentLink(c.ContributionId, c.Id))).ToList(),
            reactions.Select(r => new ExportReaction(r.ContributionId, r.Kind == ReactionKind.Agree ? "D'accord" : "Pas d'accord", r.CreatedAt, $"/contributions/{r.ContributionId}")).ToList(),
            flags,
            files.Select(f => new ExportFile(f.Title, f.FileName, f.ContributionId!.Value, f.UploadedAt, $"/fichiers/{f.Id}")).ToList(),
            verifications.Select(v => new ExportVerification(MethodLabel(v.Method), v.Issuer, v.VerifiedAt, v.ExpiresAt, v.RevokedAt, v.RevokedReason,
                v.ResidentTerritoryId is { } t ? territories.GetValueOrDefault(t, "?") : null, v.IsElector, v.VerifiedName, v.AgeBracket?.Label(), v.DocumentType)).ToList(),
            providers,
            refusals,
            actions,
            letters,
            petitions.Select(p => new ExportPetition(p.Id, p.Title, p.Request, p.Reasons, p.Addressee, Petitions.PetitionLabels.Of(p.Status), p.RejectionReason,
                p.CreatedAt, p.SubmittedAt, p.PublishedAt, $"/petitions/{p.Id}")).ToList(),
            sponsorships,
            proposals,
            supports,
            signatures,
            requests,
            follows,
            candidacies,
            agendaItems,
            mandates,
            statementVotes,
            followed,
            notices);
    }

    public static string MethodLabel(VerificationMethod method) => method switch
    {
        VerificationMethod.FranceConnect => "FranceConnect",
        VerificationMethod.Census => "Liste électorale ou des habitants",
        VerificationMethod.InPerson => "En mairie",
        _ => "Code reçu par courrier",
    };

    private static string Display(DisplayIdentity identity) => identity switch
    {
        DisplayIdentity.Anonymous => "Anonyme",
        DisplayIdentity.FullName => "Nom complet",
        DisplayIdentity.PartialName => "Prénom et initiale",
        _ => "Pseudonyme",
    };

    internal static string State(ModerationState state) => state switch
    {
        ModerationState.Published => "Publiée",
        ModerationState.PendingReview => "En attente de modération",
        ModerationState.Hidden => "Masquée par la modération",
        _ => "En attente de confirmation",
    };
}
