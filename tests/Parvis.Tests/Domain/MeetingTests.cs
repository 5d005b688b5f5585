using Parvis.Domain;

namespace Parvis.Tests.Domain;

public class MeetingTests
{
    private static readonly DateTime Start = new(2030, 6, 12, 16, 30, 0, DateTimeKind.Utc);

    private static Meeting Valid() => new()
    {
        Title = "Atelier",
        Kind = MeetingKind.Workshop,
        Format = MeetingFormat.InPerson,
        Address = "Maison de quartier",
        StartsAt = Start,
        EndsAt = Start.AddHours(2),
        RegistrationRequired = true,
        Capacity = 10,
        PublishedAt = Start.AddDays(-10),
    };

    [Fact]
    public void A_complete_meeting_is_valid() => Assert.Null(Valid().Validate());

    [Theory]
    [InlineData("end", "La fin doit venir après le début.")]
    [InlineData("long", "Seule une exposition dure plus d'une journée : raccourcissez la rencontre ou choisissez « Exposition ».")]
    [InlineData("address", "Indiquez l'adresse du lieu.")]
    [InlineData("online", "Indiquez le lien de la rencontre en ligne.")]
    [InlineData("javascript", "Le lien en ligne doit commencer par https:// ou http://.")]
    [InlineData("capacity", "La capacité va de 1 à 100000 places.")]
    [InlineData("capacity without registration", "Une capacité n'a de sens qu'avec une inscription.")]
    [InlineData("resident without territory", "Une inscription réservée aux habitants demande un territoire.")]
    [InlineData("half a point", "Indiquez la latitude et la longitude, ou aucune des deux.")]
    public void Each_rule_of_the_form_has_its_message(string broken, string message)
    {
        var m = Valid();
        switch (broken)
        {
            case "end": m.EndsAt = m.StartsAt; break;
            case "long": m.EndsAt = m.StartsAt.AddDays(3); break;
            case "address": m.Address = " "; break;
            case "online": m.Format = MeetingFormat.Hybrid; break;
            case "javascript": m.Format = MeetingFormat.Online; m.OnlineUrl = "javascript:alert(1)"; break;
            case "capacity": m.Capacity = 0; break;
            case "capacity without registration": m.RegistrationRequired = false; break;
            case "resident without territory": m.RegistrationLevel = ParticipationLevel.VerifiedResident; break;
            case "half a point": m.Latitude = 45.7; break;
        }
        Assert.Equal(message, m.Validate());
    }

    [Fact]
    public void An_exhibition_may_run_for_weeks()
    {
        var m = Valid();
        (m.Kind, m.EndsAt) = (MeetingKind.Exhibition, Start.AddDays(21));
        Assert.Null(m.Validate());
    }

    [Fact]
    public void The_online_link_shows_from_an_hour_before_until_the_end()
    {
        var m = Valid();
        (m.Format, m.OnlineUrl) = (MeetingFormat.Hybrid, "https://visio.example.org/a");
        Assert.False(m.ShowsOnlineLinkAt(Start.AddMinutes(-61)));
        Assert.True(m.ShowsOnlineLinkAt(Start.AddMinutes(-60)));
        Assert.True(m.ShowsOnlineLinkAt(Start.AddMinutes(119)));
        Assert.False(m.ShowsOnlineLinkAt(Start.AddMinutes(120)));
        m.Cancel("Salle fermée", Start.AddDays(-1));
        Assert.False(m.ShowsOnlineLinkAt(Start));
    }

    [Fact]
    public void Registration_closes_at_the_start_but_an_exhibition_takes_visitors_until_it_ends()
    {
        var m = Valid();
        m.EnsureOpenForRegistration(Start.AddMinutes(-1));
        Assert.Equal("Les inscriptions sont closes.", Assert.Throws<DomainException>(() => m.EnsureOpenForRegistration(Start)).Message);
        (m.Kind, m.EndsAt) = (MeetingKind.Exhibition, Start.AddDays(10));
        m.EnsureOpenForRegistration(Start.AddDays(5));
    }

    [Fact]
    public void Capacity_cannot_fall_below_the_people_confirmed()
    {
        var m = Valid();
        m.ConfirmedCount = 8;
        m.EnsureCapacityKeeps(8);
        Assert.Throws<DomainException>(() => m.EnsureCapacityKeeps(7));
    }

    [Fact]
    public void Minutes_wait_for_the_start_and_a_cancellation_needs_a_reason()
    {
        var m = Valid();
        Assert.Throws<DomainException>(() => m.PublishMinutes("Relevé", Start.AddMinutes(-5)));
        m.PublishMinutes("  Relevé  ", Start.AddMinutes(5));
        Assert.Equal(("Relevé", Start.AddMinutes(5)), (m.MinutesMarkdown, m.MinutesPublishedAt!.Value));
        var other = Valid();
        Assert.Throws<DomainException>(() => other.Cancel(" ", Start.AddDays(-1)));
        Assert.Throws<DomainException>(() => other.Cancel("Trop tard", Start.AddHours(3)));
    }
}
