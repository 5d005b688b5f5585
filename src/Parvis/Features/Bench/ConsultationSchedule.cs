using Parvis.Domain;

namespace Parvis.Features.Bench;

/// <summary>The dates and frame of one generated consultation: most are open for contributions, some in synthesis, some closed.</summary>
public sealed record ConsultationSchedule(DateTime InformationStartsAt, DateTime ContributionsStartAt, DateTime SynthesisStartsAt, DateTime? ClosedAt, LegalFrame Frame)
{
    public static ConsultationSchedule Pick(Random random, bool busiest, DateTime now)
    {
        DateTime Day(int daysFromNow) => now.AddDays(daysFromNow);
        if (busiest) return new(Day(-75), Day(-60), Day(30), null, LegalFrame.Voluntary);
        var frameRoll = random.NextDouble();
        var frame = frameRoll < 0.15 ? LegalFrame.PriorConcertation : frameRoll < 0.2 ? LegalFrame.PublicInquiry : LegalFrame.Voluntary;
        var phaseRoll = random.NextDouble();
        if (phaseRoll < 0.55)
        {
            var contributions = -(10 + random.Next(80));
            return new(Day(contributions - 15), Day(contributions), Day(10 + random.Next(60)), null, frame);
        }
        if (phaseRoll < 0.85)
        {
            var synthesis = -(5 + random.Next(60));
            var contributions = synthesis - (30 + random.Next(90));
            return new(Day(contributions - 15), Day(contributions), Day(synthesis), null, frame);
        }
        var closedSynthesis = -(150 + random.Next(400));
        var closedContributions = closedSynthesis - (30 + random.Next(90));
        return new(Day(closedContributions - 15), Day(closedContributions), Day(closedSynthesis), Day(closedSynthesis + 30), frame);
    }

    /// <summary>Contributions are written between the opening of the contribution phase and its end (or now).</summary>
    public (int NewestMinutesAgo, int OldestMinutesAgo) ContributionWindowMinutesAgo(DateTime now)
    {
        var end = SynthesisStartsAt < now ? SynthesisStartsAt : now;
        return (Math.Max(1, (int)(now - end).TotalMinutes), Math.Max(2, (int)(now - ContributionsStartAt).TotalMinutes));
    }

    public ConsultationPhase PhaseAt(DateTime now) =>
        ClosedAt is not null ? ConsultationPhase.Closed : now < SynthesisStartsAt ? ConsultationPhase.Contributions : ConsultationPhase.Synthesis;
}
