namespace Parvis.Domain;

/// <summary>
/// A council member invited to one of the council's sessions: one row per session and mandate, unique, written with
/// the e-mail in one transaction, so publishing again or editing never invites twice. <see cref="StartsAt"/> is the
/// start the member was last told: when the session moves, one notice of the new time goes and it is updated.
/// </summary>
public class SessionInvitation : ITenantOwned
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int MeetingId { get; set; }
    public int MandateId { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime SentAt { get; set; }
}
