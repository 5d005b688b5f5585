using Parvis.Domain;

namespace Parvis.Tests.Domain;

public class ConsultationRulesTests
{
    private static readonly DateTime Now = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    private static Consultation Scheduled(LegalFrame frame = LegalFrame.Voluntary) => new()
    {
        Title = "Test",
        LegalFrame = frame,
        PublishedAt = Now.AddDays(-20),
        InformationStartsAt = Now.AddDays(-10),
        ContributionsStartAt = Now.AddDays(-5),
        SynthesisStartsAt = Now.AddDays(5),
    };

    [Fact]
    public void Phase_follows_the_dates()
    {
        var c = Scheduled();
        Assert.Equal(ConsultationPhase.Upcoming, c.PhaseAt(Now.AddDays(-11)));
        Assert.Equal(ConsultationPhase.Information, c.PhaseAt(Now.AddDays(-6)));
        Assert.Equal(ConsultationPhase.Contributions, c.PhaseAt(Now));
        Assert.Equal(ConsultationPhase.Synthesis, c.PhaseAt(Now.AddDays(6)));
        c.PublishedAt = null;
        Assert.Equal(ConsultationPhase.Draft, c.PhaseAt(Now));
    }

    [Fact]
    public void Contributions_are_refused_outside_the_contribution_phase()
    {
        var c = Scheduled();
        c.EnsureOpenFor(ParticipationAction.Contribute, Now);
        var before = Assert.Throws<DomainException>(() => c.EnsureOpenFor(ParticipationAction.Contribute, Now.AddDays(-6)));
        Assert.Contains("pas encore", before.Message);
        var after = Assert.Throws<DomainException>(() => c.EnsureOpenFor(ParticipationAction.Comment, Now.AddDays(6)));
        Assert.Contains("terminée", after.Message);
    }

    [Fact]
    public void A_prior_concertation_needs_objectives_to_publish_and_a_report_to_close()
    {
        var c = Scheduled(LegalFrame.PriorConcertation);
        c.PublishedAt = null;
        Assert.Throws<DomainException>(() => c.Publish(Now));
        c.ObjectivesMarkdown = "Objectifs";
        c.Publish(Now.AddDays(-20));
        Assert.Throws<DomainException>(() => c.Close("  ", Now));
        Assert.Null(c.ClosedAt);
        c.Close("Bilan : retenu, modifié, abandonné.", Now);
        Assert.Equal(ConsultationPhase.Closed, c.PhaseAt(Now));
        Assert.Equal(Now, c.ClosingReportPublishedAt);
    }

    [Fact]
    public void A_voluntary_consultation_may_close_without_report()
    {
        var c = Scheduled();
        c.Close(null, Now);
        Assert.Equal(ConsultationPhase.Closed, c.PhaseAt(Now));
        Assert.Null(c.ClosingReportPublishedAt);
    }

    [Fact]
    public void Schedule_must_be_in_order()
    {
        Assert.Null(Consultation.ValidateSchedule(Now, Now.AddDays(1), Now.AddDays(2)));
        Assert.NotNull(Consultation.ValidateSchedule(Now, Now.AddDays(3), Now.AddDays(2)));
    }

    [Fact]
    public void Flags_hide_an_item_at_the_threshold()
    {
        Assert.False(ModeratedItem.HidesAt(2, 3));
        Assert.True(ModeratedItem.HidesAt(3, 3));
    }

    [Theory]
    [InlineData(null, ReactionKind.Agree, 1, 0)]
    [InlineData(ReactionKind.Agree, null, -1, 0)]
    [InlineData(ReactionKind.Agree, ReactionKind.Disagree, -1, 1)]
    public void A_changed_reaction_moves_both_counts(ReactionKind? previous, ReactionKind? next, int agree, int disagree) =>
        Assert.Equal((agree, disagree), Contribution.ReactionDelta(previous, next));

    [Fact]
    public void Comments_nest_three_deep_and_can_be_edited_for_fifteen_minutes()
    {
        var author = Guid.NewGuid();
        var level3 = new Comment { Body = "x", Depth = 3, AuthorId = author, CreatedAt = Now };
        Assert.Throws<DomainException>(() => Comment.DepthUnder(level3));
        Assert.Equal(3, Comment.DepthUnder(new Comment { Body = "x", Depth = 2 }));
        level3.Edit(author, "corrigé", Now.AddMinutes(14));
        Assert.Equal("corrigé", level3.Body);
        Assert.Throws<DomainException>(() => level3.Edit(author, "trop tard", Now.AddMinutes(16)));
        Assert.Throws<DomainException>(() => level3.Edit(Guid.NewGuid(), "pas à moi", Now.AddMinutes(1)));
    }

    [Theory]
    [InlineData(DisplayIdentity.Pseudonym, "Arnaud_gare")]
    [InlineData(DisplayIdentity.PartialName, "Arnaud R.")]
    [InlineData(DisplayIdentity.FullName, "Arnaud Roussel")]
    public void Authors_are_shown_as_the_space_says(DisplayIdentity mode, string expected) =>
        Assert.Equal(expected, AuthorName.Format(mode, "Arnaud_gare", "Arnaud", "Roussel"));

    [Fact]
    public void Without_a_name_every_mode_falls_back_to_the_pseudonym() =>
        Assert.Equal("Arnaud_gare", AuthorName.Format(DisplayIdentity.FullName, "Arnaud_gare", null, null));
}
