using Parvis.Domain;

namespace Parvis.Tests.Petitions;

public class PetitionDomainTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 8, 0, 0, DateTimeKind.Utc);

    private static Petition Draft() => new() { Title = "T", Request = "R", Reasons = "W", Addressee = "Le conseil municipal", AuthorId = Guid.NewGuid(), CreatedAt = Now };

    private static Petition Published(int response = 10, int? agenda = 20, bool elector = false)
    {
        var petition = Draft();
        petition.ElectorMode = elector;
        petition.Submit(5, 5, Now);
        petition.Publish(Now, 6, response, agenda, 90);
        return petition;
    }

    [Fact]
    public void A_sponsor_token_is_url_safe_long_and_new_each_time()
    {
        var (a, b) = (Draft().SponsorToken, Draft().SponsorToken);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", a);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Signing_is_refused_before_publication_after_closing_and_past_the_closing_date()
    {
        var draft = Draft();
        Assert.False(draft.IsOpenForSigning(Now));
        Assert.Equal("Cette pétition n'est pas publiée : on ne peut pas encore la signer.", Assert.Throws<DomainException>(() => draft.EnsureOpenForSigning(Now)).Message);

        var open = Published();
        Assert.True(open.IsOpenForSigning(Now.AddMonths(6).AddSeconds(-1)));
        open.EnsureOpenForSigning(Now);
        Assert.False(open.IsOpenForSigning(Now.AddMonths(6)));
        Assert.Equal("La période de signature de cette pétition est terminée.", Assert.Throws<DomainException>(() => open.EnsureOpenForSigning(Now.AddMonths(6))).Message);

        open.Close(Now.AddDays(1));
        Assert.Equal("Cette pétition est close : elle ne reçoit plus de signatures.", Assert.Throws<DomainException>(() => open.EnsureOpenForSigning(Now.AddDays(1))).Message);
    }

    [Fact]
    public void Each_threshold_is_reported_the_first_time_it_is_met_and_never_again()
    {
        var petition = Published(response: 10, agenda: 20);
        Assert.Empty(petition.RecordCount(9, Now));
        Assert.Equal([PetitionThreshold.Response], petition.RecordCount(10, Now));
        Assert.Equal(Now.AddDays(90), petition.ResponseDueAt);
        Assert.Empty(petition.RecordCount(15, Now.AddDays(1)));
        Assert.Equal([PetitionThreshold.Agenda], petition.RecordCount(25, Now.AddDays(2)));
        Assert.Null(petition.AcknowledgedAt);
        Assert.Empty(petition.RecordCount(30, Now.AddDays(3)));
        Assert.Equal(Now, petition.ResponseThresholdReachedAt);

        var jump = Published(response: 10, agenda: 20, elector: true);
        Assert.Equal([PetitionThreshold.Response, PetitionThreshold.Agenda], jump.RecordCount(20, Now));
        Assert.Equal(Now, jump.AcknowledgedAt);
        Assert.Empty(Draft().RecordCount(1_000, Now));
    }

    [Fact]
    public void The_rules_are_taken_while_a_draft_and_kept_afterwards()
    {
        var petition = Draft();
        petition.TakeRules(new PetitionSettings { ElectorMode = true });
        Assert.Equal((true, ParticipationLevel.VerifiedElector), (petition.ElectorMode, petition.RequirementFor(ParticipationAction.Sign).Level));
        Assert.Equal(ParticipationLevel.ConfirmedAccount, petition.RequirementFor(ParticipationAction.Propose).Level);
        petition.Submit(0, 0, Now);
        petition.TakeRules(new PetitionSettings { ElectorMode = false, SignLevel = ParticipationLevel.ConfirmedAccount });
        Assert.True(petition.ElectorMode);
    }

    [Fact]
    public void A_rejection_needs_a_reason_and_only_a_submitted_petition_is_moderated()
    {
        var petition = Draft();
        Assert.Throws<DomainException>(() => petition.Reject("Hors compétences", Now));
        petition.Submit(5, 5, Now);
        Assert.Equal("Indiquez le motif du refus : il est montré à l'auteur.", Assert.Throws<DomainException>(() => petition.Reject("  ", Now)).Message);
        petition.Reject("  Hors compétences  ", Now);
        Assert.Equal((PetitionStatus.Rejected, "Hors compétences"), (petition.Status, petition.RejectionReason));
        Assert.Throws<DomainException>(() => petition.Publish(Now, 6, 10, null, 90));
    }

    [Theory]
    [InlineData(-1, 6, 1000, 90, 5000)]
    [InlineData(5, 0, 1000, 90, 5000)]
    [InlineData(5, 6, 0, 90, 5000)]
    [InlineData(5, 6, 1000, 0, 5000)]
    [InlineData(5, 6, 1000, 90, 1000)]
    public void Settings_out_of_bounds_are_refused_in_french(int sponsors, int months, int response, int days, int agenda) =>
        Assert.NotNull(new PetitionSettings { SponsorsRequired = sponsors, OpenMonths = months, ResponseThreshold = response, ResponseDeadlineDays = days, AgendaThreshold = agenda }.Validate());

    [Fact]
    public void The_default_settings_are_valid() => Assert.Null(new PetitionSettings().Validate());
}
