using Microsoft.Extensions.Configuration;
using Parvis.Domain;
using Parvis.Features.Petitions.Signing;

namespace Parvis.Tests.Petitions;

/// <summary>One mailbox signs once: the forms of one address meet in one canonical address.</summary>
public class SignatureEmailTests
{
    [Theory]
    [InlineData("Jean.Dupont@gmail.com", "jeandupont@gmail.com")]
    [InlineData("  j.e.a.n.dupont+petition@GMAIL.com ", "jeandupont@gmail.com")]
    [InlineData("jean.dupont@googlemail.com", "jeandupont@gmail.com")]
    [InlineData("JeanDupont+a+b@GoogleMail.COM", "jeandupont@gmail.com")]
    public void Gmail_ignores_case_dots_and_tags_and_googlemail_is_gmail(string typed, string canonical)
    {
        var address = EmailAddress.Parse(typed);
        Assert.Equal(canonical, address.Canonical);
        Assert.Equal("gmail.com", address.Domain);
        Assert.Equal(typed.Trim(), address.Typed);
    }

    [Theory]
    [InlineData("Jean.Dupont@Orange.fr", "jean.dupont@orange.fr")]
    [InlineData("jean.dupont+mairie@orange.fr", "jean.dupont@orange.fr")]
    [InlineData("marie@exemple.org", "marie@exemple.org")]
    public void Other_domains_lose_case_and_tags_but_keep_their_dots(string typed, string canonical) =>
        Assert.Equal(canonical, EmailAddress.Parse(typed).Canonical);

    [Fact]
    public void Dots_elsewhere_are_two_people() =>
        Assert.NotEqual(EmailAddress.Parse("jean.dupont@orange.fr").Canonical, EmailAddress.Parse("jeandupont@orange.fr").Canonical);

    [Fact]
    public void An_international_domain_is_kept_in_ascii() =>
        Assert.Equal("marie@xn--mairie-bc-i4ab.fr", EmailAddress.Parse("Marie@Mairie-Bécé.fr").Canonical);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("pas-une-adresse")]
    [InlineData("@gmail.com")]
    [InlineData("jean@")]
    [InlineData("jean@localhost")]
    [InlineData("jean dupont@gmail.com")]
    [InlineData("+tag@gmail.com")]
    [InlineData("...@gmail.com")]
    [InlineData("jean@exemple..fr")]
    public void What_is_not_an_address_is_refused_in_french(string typed)
    {
        var e = Assert.Throws<DomainException>(() => EmailAddress.Parse(typed));
        Assert.Matches("^(Indiquez votre adresse e-mail|L'adresse e-mail n'est pas valide)", e.Message);
    }

    [Fact]
    public void A_too_long_address_is_refused() =>
        Assert.Contains("trop longue", Assert.Throws<DomainException>(() => EmailAddress.Parse(new string('a', 320) + "@gmail.com")).Message);

    [Fact]
    public void Disposable_domains_and_their_subdomains_are_listed_and_ordinary_ones_are_not()
    {
        var list = new DisposableDomains(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Petitions:ExtraDisposableDomains:0"] = "jetable.exemple",
        }).Build());
        Assert.True(list.Count > 100_000);
        Assert.True(list.Contains("mailinator.com"));
        Assert.True(list.Contains("abc.mailinator.com"));
        Assert.True(list.Contains("jetable.exemple"));
        Assert.False(list.Contains("gmail.com"));
        Assert.False(list.Contains("orange.fr"));
        Assert.False(list.Contains("com"));
    }

    [Theory]
    [InlineData(2026, 1, "2026-Q1", 2026, 4)]
    [InlineData(2026, 3, "2026-Q1", 2026, 4)]
    [InlineData(2026, 4, "2026-Q2", 2026, 7)]
    [InlineData(2026, 12, "2026-Q4", 2027, 1)]
    public void Quarters_are_calendar_quarters(int year, int month, string quarter, int nextYear, int nextMonth)
    {
        var local = new DateTime(year, month, 15, 12, 0, 0);
        Assert.Equal(quarter, ElectorQuarterSignature.QuarterOf(local));
        Assert.Equal(new DateTime(nextYear, nextMonth, 1), ElectorQuarterSignature.NextQuarterStart(local));
    }
}
