using Parvis.Domain;

namespace Parvis.Tests.Domain;

/// <summary>The rules councils keep whatever the page: seats, one president and one secretary, mandates' dates, opinions' votes, agenda answers.</summary>
public class CouncilRulesTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Start = new(2026, 1, 1);

    private static CouncilMandate Seat(int id, int college, MandateRole role = MandateRole.Member, Guid? user = null, DateOnly? end = null)
    {
        var m = CouncilMandate.Start(1, college, "Membre " + id, user, role, MandateSource.Appointment, Start, end, Now);
        m.Id = id;
        return m;
    }

    [Fact]
    public void A_college_seats_no_more_than_its_seats_and_one_president_and_one_secretary_at_a_time()
    {
        var college = new CouncilCollege { Id = 7, Name = "Habitants", Seats = 2 };
        var one = new[] { Seat(1, 7) };
        college.EnsureRoomFor(one, MandateRole.Member, null);
        Assert.Throws<DomainException>(() => college.EnsureRoomFor([Seat(1, 7), Seat(2, 7)], MandateRole.Member, null));
        Assert.Throws<DomainException>(() => college.EnsureRoomFor(one, MandateRole.Member, null, newcomers: 2));
        // Other colleges' members take no seat here, but the council has one president.
        college.EnsureRoomFor([Seat(3, 8), Seat(4, 8)], MandateRole.Member, null);
        Assert.Throws<DomainException>(() => college.EnsureRoomFor([Seat(3, 8, MandateRole.President)], MandateRole.President, null));
        Assert.Throws<DomainException>(() => college.EnsureRoomFor([Seat(3, 8, MandateRole.Secretary)], MandateRole.Secretary, null));
        var user = Guid.NewGuid();
        Assert.Throws<DomainException>(() => college.EnsureRoomFor([Seat(3, 8, user: user)], MandateRole.Member, user));
        college.EnsureRoomFor([Seat(3, 8, user: Guid.NewGuid())], MandateRole.Member, user);
    }

    [Fact]
    public void A_mandate_ends_once_and_never_before_it_began()
    {
        var m = Seat(1, 7);
        Assert.True(m.IsCurrentOn(Start));
        Assert.Throws<DomainException>(() => m.End(Start.AddDays(-1)));
        Assert.Throws<DomainException>(() => m.End(null));
        m.End(Start.AddMonths(2));
        Assert.False(m.IsCurrentOn(Start.AddMonths(3)));
        Assert.Throws<DomainException>(() => m.End(Start.AddMonths(4)));
        Assert.Throws<DomainException>(() => CouncilMandate.Start(1, 7, "X", null, MandateRole.Member, MandateSource.Appointment, Start, Start.AddDays(-1), Now));
        Assert.Throws<DomainException>(() => CouncilMandate.Start(1, 7, "  ", null, MandateRole.Member, MandateSource.Appointment, Start, null, Now));
    }

    [Fact]
    public void An_opinion_needs_a_majority_a_past_date_and_votes_of_sitting_members_only()
    {
        var today = new DateOnly(2026, 3, 1);
        var mandates = new[] { Seat(1, 7), Seat(2, 7, end: new DateOnly(2026, 1, 31)) };
        Assert.Throws<DomainException>(() => CouncilOpinion.Adopt(1, "Avis", "Texte", today, today, 2, 2, 0, null, mandates, Now));
        Assert.Throws<DomainException>(() => CouncilOpinion.Adopt(1, "Avis", "Texte", today.AddDays(1), today, 3, 0, 0, null, mandates, Now));
        Assert.Throws<DomainException>(() => CouncilOpinion.Adopt(1, "Avis", "Texte", today, today, -1, -5, 0, null, mandates, Now));
        Assert.Throws<DomainException>(() => CouncilOpinion.Adopt(1, "Avis", "Texte", today, today, null, null, null,
            new Dictionary<int, MemberVote> { [1] = MemberVote.For, [2] = MemberVote.For }, mandates, Now));
        var opinion = CouncilOpinion.Adopt(1, " Avis ", "Texte", today, today, 0, 9, 0, new Dictionary<int, MemberVote> { [1] = MemberVote.For }, mandates, Now);
        Assert.True(opinion.PublishesMemberVotes);
        Assert.Equal((1, 0, 0), (opinion.VotesFor, opinion.VotesAgainst, opinion.Abstentions));
        Assert.Equal("Avis", opinion.Title);
    }

    [Fact]
    public void An_agenda_item_is_answered_once_and_a_refusal_carries_its_reason()
    {
        var item = CouncilAgendaItem.Propose(1, Guid.NewGuid(), "Un point", "Pourquoi", Now);
        Assert.Throws<DomainException>(() => item.Decide(false, "  ", Guid.NewGuid(), Now));
        Assert.Equal(CouncilItemStatus.Proposed, item.Status);
        item.Decide(true, null, Guid.NewGuid(), Now);
        Assert.Equal(CouncilItemStatus.Accepted, item.Status);
        Assert.Throws<DomainException>(() => item.Decide(false, "Trop tard", Guid.NewGuid(), Now));
    }

    [Fact]
    public void A_council_never_asks_less_than_an_account_for_candidacies_and_agenda_items()
    {
        var council = new Council { Name = "" };
        council.Describe("Conseil", CouncilKind.Neighbourhood, 3, null, ParticipationLevel.Anyone, true, ParticipationLevel.AnyoneWithConfirmedEmail, Now);
        Assert.Equal(ParticipationLevel.ConfirmedAccount, council.RequirementFor(ParticipationAction.Apply).Level);
        Assert.Equal(ParticipationLevel.ConfirmedAccount, council.RequirementFor(ParticipationAction.Propose).Level);
        council.Describe("Conseil", CouncilKind.Neighbourhood, 3, null, ParticipationLevel.VerifiedResident, true, ParticipationLevel.VerifiedElector, Now);
        Assert.Equal(ParticipationLevel.VerifiedResident, council.RequirementFor(ParticipationAction.Apply).Level);
        Assert.Equal(ParticipationLevel.VerifiedElector, council.RequirementFor(ParticipationAction.Propose).Level);
        Assert.Throws<DomainException>(() => council.Describe(" ", CouncilKind.Neighbourhood, 3, null, ParticipationLevel.Anyone, true, ParticipationLevel.Anyone, Now));
        Assert.Equal("Conseil", council.Name);
    }
}
