using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Proposals;

/// <param name="PhotoAlt">The description of the photo for those who cannot see it; required with a photo.</param>
public sealed record ProposeInput(string? Title, string? Body, int? TerritoryId, int? CategoryId, string? Address, string? Latitude, string? Longitude,
    string? PhotoAlt, DisplayIdentity? DisplayAs = null, List<BadgeChoices>? Badges = null);

/// <summary>A proposal of the space that looks like the one being written.</summary>
public sealed record SimilarProposal(int Id, string Title, int SupportCount, ProposalState Status, double Score);

/// <summary>
/// What citizens do in a proposals space: propose, support, withdraw a support. One transaction each,
/// the space's rules checked through the authorization handler and its period through the domain.
/// </summary>
public sealed class ProposalCommands(ParvisDbContext db, IAuthorizationService authorization, TenantContext tenant, TimeProvider clock,
    Files.FileCommands files, Identity.Verifications verifications, Notifications.Notifier notifier)
{
    public const int SimilarShown = 5;
    public const int SimilarCandidates = 300;
    public const double SimilarThreshold = 0.2;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>What the space's rules refuse this person for this action (the period aside), or null.</summary>
    public async Task<ParticipationRefusal?> RefusalAsync(ClaimsPrincipal user, ProposalSpace space, ParticipationAction action)
    {
        var result = await authorization.AuthorizeAsync(user, space, new ParticipationRequirement(action));
        if (result.Succeeded) return null;
        return result.Failure?.FailureReasons.OfType<ParticipationRefusal>().FirstOrDefault()
            ?? throw new DomainException("Vous ne pouvez pas participer ici.");
    }

    public async Task EnsureAllowedAsync(ClaimsPrincipal user, ProposalSpace space, ParticipationAction action)
    {
        if (await RefusalAsync(user, space, action) is { } refusal) throw refusal.Reason;
        space.EnsureOpen(Now, tenant.Organization.ToLocal);
    }

    /// <summary>Checks everything the form holds, without saving: the first step shows similar proposals only for a form that would publish.</summary>
    public async Task<Proposal> CheckAsync(ClaimsPrincipal user, ProposalSpace space, ProposeInput input, IFormFile? photo)
    {
        await EnsureAllowedAsync(user, space, ParticipationAction.Propose);
        var latitude = Coordinate(input.Latitude, "La latitude n'est pas un nombre (par exemple 45.7640).");
        var longitude = Coordinate(input.Longitude, "La longitude n'est pas un nombre (par exemple 4.8357).");
        var error = Proposal.Validate(input.Title, input.Body, input.Address, latitude, longitude);
        if (error is not null) throw new DomainException(error);
        var hasPhoto = photo is { Length: > 0 };
        if (hasPhoto && string.IsNullOrWhiteSpace(input.PhotoAlt)) throw new DomainException("Décrivez la photo en quelques mots pour les personnes qui ne la voient pas.");
        if (input.PhotoAlt is { Length: > Proposal.MaxAltText }) throw DomainException.WithValues("La description de la photo dépasse {0} caractères.", Proposal.MaxAltText);
        var userId = user.UserId() ?? throw new DomainException("Connectez-vous pour proposer.");
        var (display, badges) = await verifications.AuthorChoiceAsync(userId, space.DisplayRules, input.DisplayAs, input.Badges);
        var title = input.Title!.Trim();
        var body = input.Body!.Trim();
        return new Proposal
        {
            SpaceId = space.Id,
            Title = title,
            Body = body,
            TerritoryId = await ValidTerritoryAsync(space, input.TerritoryId),
            CategoryId = await ValidCategoryAsync(space, input.CategoryId),
            AddressText = string.IsNullOrWhiteSpace(input.Address) ? null : input.Address.Trim(),
            Latitude = latitude,
            Longitude = longitude,
            PhotoAltText = hasPhoto ? input.PhotoAlt!.Trim() : null,
            AuthorId = userId,
            DisplayAs = display,
            Badges = badges,
            Status = ProposalState.Published,
            CreatedAt = Now,
            SearchTerms = FrenchText.SearchTerms(title, body, Proposal.MaxSearchTerms),
            State = space.PreModeration ? ModerationState.PendingReview : ModerationState.Published,
            ModerationReason = space.PreModeration ? ModeratedItem.PendingReason : null,
        };
    }

    public async Task<Proposal> ProposeAsync(ClaimsPrincipal user, ProposalSpace space, ProposeInput input, IFormFile? photo)
    {
        var proposal = await CheckAsync(user, space, input, photo);
        // The photo is checked by content before anything is saved; its row lands with the proposal, or its bytes go.
        var file = photo is { Length: > 0 } ? await files.StoreAsync(photo, FileKind.Photo, input.PhotoAlt) : null;
        try
        {
            if (file is not null)
            {
                db.StoredFiles.Add(file);
                proposal.PhotoFileId = file.Id;
            }
            db.Proposals.Add(proposal);
            await db.SaveChangesAsync();
            await notifier.AutoFollowAsync(proposal.AuthorId, FollowSubjectKind.Proposal, proposal.Id);
            return proposal;
        }
        catch when (file is not null)
        {
            await files.DiscardAsync(file);
            throw;
        }
    }

    /// <summary>
    /// The visible proposals of the space most like this text. The longest words pick at most
    /// <see cref="SimilarCandidates"/> candidates by whole-word match (an index-free LIKE bounded by the space);
    /// they are scored in memory, title words counting double.
    /// </summary>
    public async Task<List<SimilarProposal>> SimilarAsync(int spaceId, string? title, string? body)
    {
        var titleTokens = FrenchText.Tokens(title);
        var allTokens = titleTokens.Concat(FrenchText.Tokens(body)).Distinct().ToList();
        var probes = titleTokens.Concat(allTokens).Distinct().OrderByDescending(t => t.Length).Take(4).Select(t => $" {t} ").ToList();
        if (probes.Count == 0) return [];
        var query = db.Proposals.AsNoTracking().Where(p => p.SpaceId == spaceId && p.State == ModerationState.Published && p.Status != ProposalState.Merged);
        // Always four probes (the first repeated) so the query has one shape, whatever the text.
        while (probes.Count < 4) probes.Add(probes[0]);
        string p0 = probes[0], p1 = probes[1], p2 = probes[2], p3 = probes[3];
        var matching = query.Where(p => p.SearchTerms.Contains(p0) || p.SearchTerms.Contains(p1) || p.SearchTerms.Contains(p2) || p.SearchTerms.Contains(p3));
        var candidates = await matching.OrderByDescending(p => p.Id).Take(SimilarCandidates)
            .Select(p => new { p.Id, p.Title, p.SearchTerms, p.SupportCount, p.Status }).ToListAsync();
        var bodySet = allTokens.ToHashSet();
        return candidates
            .Select(c => new SimilarProposal(c.Id, c.Title, c.SupportCount, c.Status,
                FrenchText.Similarity(titleTokens, bodySet, FrenchText.Tokens(c.Title), c.SearchTerms.Split(' ', StringSplitOptions.RemoveEmptyEntries))))
            .Where(s => s.Score >= SimilarThreshold)
            .OrderByDescending(s => s.Score).ThenByDescending(s => s.SupportCount)
            .Take(SimilarShown).ToList();
    }

    public async Task<Proposal> VisibleProposalAsync(int id) =>
        await db.Proposals.Include(p => p.Space).FirstOrDefaultAsync(p => p.Id == id && p.State == ModerationState.Published && p.Status != ProposalState.Merged)
        ?? throw new DomainException("Cette proposition n'existe pas ou n'est plus visible.");

    /// <summary>
    /// One support per person, settled by the unique index; the count moves in the database and the public log gets its
    /// entry in the same transaction. Returns the receipt, or null when the person already supported.
    /// </summary>
    public async Task<string?> SupportAsync(ClaimsPrincipal user, int proposalId)
    {
        var proposal = await VisibleProposalAsync(proposalId);
        if (user.UserId() is not { } userId) throw new DomainException("Connectez-vous pour soutenir une proposition.");
        await EnsureAllowedAsync(user, proposal.Space!, ParticipationAction.React);
        if (await db.ProposalSupports.AnyAsync(s => s.ProposalId == proposalId && s.UserId == userId)) return null;
        var receipt = Receipt.New();
        var tallyId = Receipt.EntryId(receipt);
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.ProposalSupports.Add(new ProposalSupport { ProposalId = proposalId, UserId = userId, CreatedAt = Now, TallyId = tallyId });
        db.TallyEntries.Add(TallyEntry.Added(TallyItems.Proposal, proposalId, tallyId, Now));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // The same person's other click won the unique index: nothing more to count.
            db.ChangeTracker.Clear();
            return null;
        }
        await db.Proposals.Where(p => p.Id == proposalId).ExecuteUpdateAsync(s => s.SetProperty(p => p.SupportCount, p => p.SupportCount + 1));
        await transaction.CommitAsync();
        return receipt;
    }

    /// <summary>A support can be withdrawn while the space is open; the count moves only if a row went.</summary>
    public async Task WithdrawAsync(ClaimsPrincipal user, int proposalId)
    {
        var proposal = await VisibleProposalAsync(proposalId);
        if (user.UserId() is not { } userId) throw new DomainException("Connectez-vous.");
        proposal.Space!.EnsureOpen(Now, tenant.Organization.ToLocal);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await Tallies.TallyAppends.SupportsRemovedAsync(db, userId, proposalId, Tallies.TallyAppends.WithdrawnSupport, Now);
        var removed = await db.ProposalSupports.Where(s => s.ProposalId == proposalId && s.UserId == userId).ExecuteDeleteAsync();
        if (removed == 0) throw new DomainException("Vous ne soutenez pas cette proposition.");
        await db.SaveChangesAsync();
        await db.Proposals.Where(p => p.Id == proposalId).ExecuteUpdateAsync(s => s.SetProperty(p => p.SupportCount, p => p.SupportCount - removed));
        await transaction.CommitAsync();
    }

    // The author picks among the displays the space allows and shows only badges held now.
    // Typed by hand or filled by the map: a point or a comma, read the same in every language.
    private static double? Coordinate(string? text, string error)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return double.TryParse(text.Trim().Replace(',', '.'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value) ? value : throw new DomainException(error);
    }

    private async Task<int> ValidTerritoryAsync(ProposalSpace space, int? territoryId)
    {
        if (territoryId is null) return space.TerritoryId;
        var allowed = await TerritoryTree.SelfAndDescendantsAsync(db, space.TerritoryId);
        return allowed.Contains(territoryId.Value) ? territoryId.Value : throw new DomainException("Ce territoire n'est pas couvert par cet espace.");
    }

    private async Task<int?> ValidCategoryAsync(ProposalSpace space, int? categoryId)
    {
        if (categoryId is null) return null;
        var exists = await db.ProposalCategories.AnyAsync(c => c.Id == categoryId && c.SpaceId == space.Id);
        return exists ? categoryId : throw new DomainException("Cette catégorie n'appartient pas à cet espace.");
    }
}
