using System.Security.Claims;
using Parvis.Domain;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Petitions.Signing;

/// <summary>What the signing form on a petition page shows: the form, what the person lacks, or why signing is over.</summary>
public sealed class SigningForm
{
    public int PetitionId { get; init; }
    public bool ElectorMode { get; init; }
    public bool CanSign { get; init; }
    /// <summary>What the rules ask that the person lacks (an account, being a verified elector), and the ways to get it.</summary>
    public Identity.ParticipationNeeds? Needs { get; init; }
    /// <summary>Why signing is not possible now (closed, not open); the view translates it.</summary>
    public DomainException? Blocked { get; init; }
    /// <summary>A signed-in person signs with their account's address, shown and fixed.</summary>
    public string? AccountEmail { get; init; }
    /// <summary>In elector mode, the name the person's elector verification vouched for: shown, fixed, and signed with.</summary>
    public string? ElectorName { get; init; }
    public SignInput Input { get; init; } = new(null, null, null, null);
    /// <summary>The signing page shows its errors in the form; the petition page has its own summary.</summary>
    public bool ShowErrors { get; set; }
    /// <summary>
    /// On the petition page a visitor without an account gets a link to the signing page, not the form: a form
    /// carries an antiforgery cookie, which would keep the page out of the anonymous page cache, the very page a
    /// viral petition's crowd reads.
    /// </summary>
    public bool LinkToSigningPage { get; init; }
}

/// <summary>Builds the signing form for the petition page and the signing page.</summary>
public sealed class SigningForms(SignatureCommands commands, Identity.Verifications verifications, TimeProvider clock)
{
    public async Task<SigningForm> ForAsync(ClaimsPrincipal user, Petition petition, SignInput? input = null, bool onPetitionPage = false)
    {
        try
        {
            petition.EnsureOpenForSigning(clock.GetUtcNow().UtcDateTime);
        }
        catch (DomainException blocked)
        {
            return new SigningForm { PetitionId = petition.Id, ElectorMode = petition.ElectorMode, Blocked = blocked };
        }
        if (await commands.RefusalAsync(user, petition) is { } refusal)
            return new SigningForm
            {
                PetitionId = petition.Id,
                ElectorMode = petition.ElectorMode,
                Needs = verifications.NeedsFor("Pour signer", refusal, $"/petitions/{petition.Id}"),
            };
        var electorName = petition.ElectorMode ? await commands.ElectorNameAsync(user.UserId()) : null;
        if (petition.ElectorMode && electorName is null)
            return new SigningForm { PetitionId = petition.Id, ElectorMode = true, Blocked = SignatureCommands.NoElectorName() };
        return new SigningForm
        {
            PetitionId = petition.Id,
            ElectorMode = petition.ElectorMode,
            ElectorName = electorName,
            CanSign = true,
            LinkToSigningPage = onPetitionPage && user.Identity?.IsAuthenticated != true,
            AccountEmail = await commands.AccountEmailAsync(user),
            Input = input ?? new(null, null, null, null),
        };
    }
}
