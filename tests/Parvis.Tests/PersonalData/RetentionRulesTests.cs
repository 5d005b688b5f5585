using Parvis.Domain;

namespace Parvis.Tests.PersonalData;

public class RetentionRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);
    private readonly RetentionSettings _settings = new() { InactiveAccountMonths = 36 };

    [Fact]
    public void The_warning_leaves_a_month_before_the_period_ends_and_only_once()
    {
        Assert.False(_settings.WarningDue(Now.AddMonths(-34), null, Now));
        Assert.True(_settings.WarningDue(Now.AddMonths(-36).AddDays(29), null, Now));
        Assert.False(_settings.WarningDue(Now.AddMonths(-40), Now.AddDays(-3), Now));
        // A sign-in after an old warning starts a new period: a new warning will be due at its end.
        Assert.True(_settings.WarningDue(Now.AddMonths(-37), Now.AddMonths(-38), Now));
    }

    [Fact]
    public void Nobody_is_anonymised_without_a_warning_a_month_old()
    {
        var lastActivity = Now.AddMonths(-40);
        Assert.False(_settings.AnonymisationDue(lastActivity, null, Now));
        Assert.False(_settings.AnonymisationDue(lastActivity, Now.AddDays(-29), Now));
        Assert.True(_settings.AnonymisationDue(lastActivity, Now.AddDays(-30), Now));
        // A warning from before the last sign-in does not count.
        Assert.False(_settings.AnonymisationDue(lastActivity, lastActivity.AddDays(-1), Now));
        // Still within the period (a shorter setting was raised since the warning): kept.
        Assert.False(new RetentionSettings { InactiveAccountMonths = 60 }.AnonymisationDue(lastActivity, Now.AddDays(-40), Now));
    }

    [Fact]
    public void Signatures_are_kept_as_counts_only_where_the_petition_is_open()
    {
        Assert.Equal(SignatureOnErasure.KeepAsCount, SignatureErasure.For(petitionOpen: true));
        Assert.Equal(SignatureOnErasure.Remove, SignatureErasure.For(petitionOpen: false));
    }

    [Theory]
    [InlineData(5, 30, 30, false)]
    [InlineData(6, 1, 1, true)]
    [InlineData(120, 365, 365, true)]
    [InlineData(36, 366, 30, false)]
    [InlineData(36, 30, 0, false)]
    public void Settings_are_bounded(int months, int ipDays, int emailDays, bool valid) =>
        Assert.Equal(valid, new RetentionSettings { InactiveAccountMonths = months, FraudIpDays = ipDays, AnonymousEmailDays = emailDays }.Validate() is null);
}
