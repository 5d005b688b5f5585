using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Email;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Meetings;

/// <param name="Name">The name for the attendance sheet; for an account, empty means its own name.</param>
/// <param name="Email">Asked only of a person without an account.</param>
public sealed record RegistrationInput(string? Name, string? Email);

public sealed record RegistrationResult(RegistrationStatus Status, int? WaitingPosition);

/// <summary>
/// Registering, cancelling and the waiting list. The capacity is held by the database: a seat is taken by one
/// conditional update of the meeting's count (<c>ConfirmedCount &lt; Capacity</c>) in the registration's
/// transaction, so simultaneous registrations never exceed it; a cancellation frees its seat and hands it to the
/// first person waiting in the same transaction, with the e-mail telling them.
/// </summary>
public sealed class MeetingRegistrations(ParvisDbContext db, IAuthorizationService authorization, EmailQueue mail, TenantContext tenant,
    PublicLinks links, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>What the organizer's level refuses this person, or null.</summary>
    public async Task<ParticipationRefusal?> RefusalAsync(ClaimsPrincipal user, Meeting meeting)
    {
        var result = await authorization.AuthorizeAsync(user, meeting, new ParticipationRequirement(ParticipationAction.RegisterToMeeting));
        if (result.Succeeded) return null;
        return result.Failure?.FailureReasons.OfType<ParticipationRefusal>().FirstOrDefault()
            ?? throw new DomainException("Vous ne pouvez pas vous inscrire à cette rencontre.");
    }

    public async Task<RegistrationResult> RegisterAsync(ClaimsPrincipal user, int meetingId, RegistrationInput input)
    {
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId)
            ?? throw new DomainException("Cette rencontre n'existe pas.");
        meeting.EnsureOpenForRegistration(Now);
        if (await RefusalAsync(user, meeting) is { } refusal) throw refusal.Reason;
        var (name, email) = await WhoAsync(user, input);
        if (await db.MeetingRegistrations.AnyAsync(r => r.MeetingId == meetingId && r.Email == email && r.Status != RegistrationStatus.Cancelled))
            throw new DomainException("Cette adresse est déjà inscrite à la rencontre.");
        var token = NewToken();
        await using var transaction = await db.Database.BeginTransactionAsync();
        // The seat first: one conditional update, which waits for any other writer and re-reads the count.
        var seated = await db.Meetings.Where(m => m.Id == meetingId && (m.Capacity == null || m.ConfirmedCount < m.Capacity))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ConfirmedCount, m => m.ConfirmedCount + 1)) == 1;
        var registration = new MeetingRegistration
        {
            MeetingId = meetingId,
            UserId = user.UserId(),
            Name = name,
            Email = email,
            Status = seated ? RegistrationStatus.Confirmed : RegistrationStatus.Waiting,
            CancelTokenHash = HashToken(token)!,
            CreatedAt = Now,
        };
        db.MeetingRegistrations.Add(registration);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // The same address registering twice at once: the unique index keeps one; the seat taken here goes back.
            throw new DomainException("Cette adresse est déjà inscrite à la rencontre.");
        }
        QueueConfirmation(meeting, registration, token);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        mail.Flush();
        return new(registration.Status, seated ? null : await WaitingPositionAsync(registration));
    }

    /// <summary>Cancels by the link of the confirmation e-mail; no account needed.</summary>
    public Task<MeetingRegistration> CancelByTokenAsync(int meetingId, string? token)
    {
        var hash = HashToken(token) ?? throw new DomainException("Ce lien d'annulation n'est pas valable.");
        return CancelAsync(meetingId, r => r.CancelTokenHash == hash, "Ce lien d'annulation n'est pas valable.");
    }

    /// <summary>A signed-in person cancels their own registration from the meeting's page.</summary>
    public Task<MeetingRegistration> CancelOwnAsync(ClaimsPrincipal user, int meetingId)
    {
        var userId = user.UserId() ?? throw new DomainException("Connectez-vous pour annuler votre inscription.");
        return CancelAsync(meetingId, r => r.UserId == userId && r.Status != RegistrationStatus.Cancelled, "Vous n'êtes pas inscrit à cette rencontre.");
    }

    public Task<MeetingRegistration?> ByTokenAsync(int meetingId, string? token) =>
        HashToken(token) is { } hash
            ? db.MeetingRegistrations.AsNoTracking().FirstOrDefaultAsync(r => r.MeetingId == meetingId && r.CancelTokenHash == hash)
            : Task.FromResult<MeetingRegistration?>(null);

    public Task<MeetingRegistration?> OfUserAsync(Guid userId, int meetingId) =>
        db.MeetingRegistrations.AsNoTracking().Where(r => r.MeetingId == meetingId && r.UserId == userId && r.Status != RegistrationStatus.Cancelled)
            .FirstOrDefaultAsync();

    public Task<int> WaitingPositionAsync(MeetingRegistration registration) =>
        db.MeetingRegistrations.CountAsync(r => r.MeetingId == registration.MeetingId && r.Status == RegistrationStatus.Waiting && r.Id <= registration.Id);

    private async Task<MeetingRegistration> CancelAsync(int meetingId, System.Linq.Expressions.Expression<Func<MeetingRegistration, bool>> which, string unknown)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var registration = await db.MeetingRegistrations.AsNoTracking().Where(r => r.MeetingId == meetingId).Where(which).FirstOrDefaultAsync()
            ?? throw new DomainException(unknown);
        if (registration.Status == RegistrationStatus.Cancelled) throw new DomainException("Cette inscription est déjà annulée.");
        var meeting = await db.Meetings.AsNoTracking().FirstAsync(m => m.Id == meetingId);
        if (meeting.HasEnded(Now)) throw new DomainException("La rencontre est passée : l'inscription ne peut plus être annulée.");
        // Only the state read here is cancelled: a second click at the same time finds it gone and changes nothing.
        var cancelled = await db.MeetingRegistrations.Where(r => r.Id == registration.Id && r.Status == registration.Status)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Cancelled).SetProperty(r => r.CancelledAt, Now));
        if (cancelled != 1) throw new DomainException("Cette inscription est déjà annulée.");
        if (registration.Status == RegistrationStatus.Confirmed)
        {
            await db.Meetings.Where(m => m.Id == meetingId).ExecuteUpdateAsync(s => s.SetProperty(m => m.ConfirmedCount, m => m.ConfirmedCount - 1));
            await PromoteWaitingAsync(meeting);
        }
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        mail.Flush();
        return registration;
    }

    /// <summary>Gives free seats to the people waiting, first come first served, each told by e-mail; in the caller's transaction.</summary>
    public async Task PromoteWaitingAsync(Meeting meeting)
    {
        while (true)
        {
            var next = await db.MeetingRegistrations.AsNoTracking()
                .Where(r => r.MeetingId == meeting.Id && r.Status == RegistrationStatus.Waiting).OrderBy(r => r.Id).FirstOrDefaultAsync();
            if (next is null) return;
            var seated = await db.Meetings.Where(m => m.Id == meeting.Id && (m.Capacity == null || m.ConfirmedCount < m.Capacity))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ConfirmedCount, m => m.ConfirmedCount + 1));
            if (seated != 1) return;
            var moved = await db.MeetingRegistrations.Where(r => r.Id == next.Id && r.Status == RegistrationStatus.Waiting)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Confirmed).SetProperty(r => r.PromotedAt, Now));
            if (moved == 1)
            {
                mail.Enqueue(next.Email, $"{tenant.Organization.Name} : une place s'est libérée, vous êtes inscrit(e)",
                    $"Bonjour {next.Name},\n\nUne place s'est libérée pour « {meeting.Title} » ({When(meeting)}) : vous passez de la liste d'attente "
                    + $"aux inscrits.\n\nLa rencontre : {links.To($"/reunions/{meeting.Id}")}\n\n"
                    + "Si vous ne pouvez plus venir, annulez avec le lien reçu lors de votre inscription : la place ira à la personne suivante.");
                continue;
            }
            // Cancelled meanwhile: the seat goes back and the next person is tried.
            await db.Meetings.Where(m => m.Id == meeting.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.ConfirmedCount, m => m.ConfirmedCount - 1));
        }
    }

    public string When(Meeting meeting)
    {
        var organization = tenant.Organization;
        var (start, end) = (organization.ToLocal(meeting.StartsAt), organization.ToLocal(meeting.EndsAt));
        var culture = System.Globalization.CultureInfo.GetCultureInfo("fr-FR");
        return start.Date == end.Date
            ? string.Format(culture, "le {0:dddd d MMMM yyyy}, de {0:HH:mm} à {1:HH:mm}", start, end)
            : string.Format(culture, "du {0:dddd d MMMM yyyy à HH:mm} au {1:dddd d MMMM yyyy à HH:mm}", start, end);
    }

    public string Venue(Meeting meeting) => meeting.Format switch
    {
        MeetingFormat.Online => "en ligne",
        MeetingFormat.Hybrid => $"{Place(meeting)}, et en ligne",
        _ => Place(meeting),
    };

    private static string Place(Meeting meeting) => meeting.Room is { } room ? $"{meeting.Address} ({room})" : meeting.Address ?? "";

    private void QueueConfirmation(Meeting meeting, MeetingRegistration registration, string token)
    {
        var cancelLink = links.To($"/reunions/{meeting.Id}/inscription?jeton={token}");
        var status = registration.Status == RegistrationStatus.Confirmed
            ? "Votre inscription est confirmée."
            : "La rencontre est complète : vous êtes sur la liste d'attente. Si une place se libère, elle vous est donnée et vous recevez un e-mail.";
        var online = meeting.IsOnline ? "\n\nLe lien pour la rejoindre en ligne apparaît une heure avant le début, sur la page de votre inscription." : "";
        mail.Enqueue(registration.Email, $"{tenant.Organization.Name} : inscription à « {meeting.Title} »",
            $"Bonjour {registration.Name},\n\n{status}\n\n« {meeting.Title} », {When(meeting)}, {Venue(meeting)}.{online}\n\n"
            + $"Votre inscription, et pour l'annuler si vous ne pouvez plus venir (sans vous connecter) :\n{cancelLink}\n\n"
            + "Un rappel vous sera envoyé la veille.");
    }

    // Who registers: an account gives its confirmed address (and its name unless one is typed); anyone else types both.
    private async Task<(string Name, string Email)> WhoAsync(ClaimsPrincipal user, RegistrationInput input)
    {
        var typedName = string.IsNullOrWhiteSpace(input.Name) ? null : input.Name.Trim();
        if (user.UserId() is { } userId)
        {
            var account = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Email, u.FirstName, u.LastName, u.Pseudonym }).FirstAsync();
            var name = typedName ?? (account.FirstName is not null && account.LastName is not null ? $"{account.FirstName} {account.LastName}" : account.Pseudonym);
            if (MeetingRegistration.ValidateName(name) is { } nameError) throw new DomainException(nameError);
            return (name, account.Email!.ToLowerInvariant());
        }
        if (MeetingRegistration.ValidateName(typedName) is { } error) throw new DomainException(error);
        if (string.IsNullOrWhiteSpace(input.Email)) throw new DomainException("Indiquez votre adresse e-mail : la confirmation et le lien d'annulation y sont envoyés.");
        return (typedName!, Contributions.AnonymousContributions.ValidEmail(input.Email).ToLowerInvariant());
    }

    private static string NewToken() =>
        System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>The stored form of a cancellation link's token; null for what cannot be one.</summary>
    public static string? HashToken(string? token) => PetitionSignature.HashToken(token);
}
