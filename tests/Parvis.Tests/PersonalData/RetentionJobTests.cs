using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Domain;
using Parvis.Features.PersonalData;
using Parvis.Testing;

namespace Parvis.Tests.PersonalData;

/// <summary>The retention job applies each organization's own settings, as the scheduler runs it: outside any request.</summary>
[Collection(PlatformAppCollection.Name)]
public class RetentionJobTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private async Task RunJobAsync()
    {
        using var scope = _app.Services.CreateScope();
        await new RetentionJob(_app.Services.GetRequiredService<IConfiguration>(), TimeProvider.System).RunAsync(scope.ServiceProvider, default);
    }

    private Task<Guid> AccountAsync(string email, DateTime? lastSignIn, DateTime? warnedAt, DateTime? createdAt = null) =>
        _app.InAAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            user.LastSignInAt = lastSignIn;
            user.InactivityWarnedAt = warnedAt;
            if (createdAt is { } c) user.CreatedAt = c;
            await db.SaveChangesAsync();
            return user.Id;
        });

    [Fact]
    public async Task An_inactive_account_is_warned_then_anonymised_and_an_active_one_is_kept()
    {
        var now = DateTime.UtcNow;
        var longAgo = now.AddMonths(-40);
        var warned = await _app.LeaveAsync(_app.OrganizationA, "r" + Guid.NewGuid().ToString("N")[..8]);
        await AccountAsync(warned.Email, longAgo, now.AddDays(-31), longAgo);
        var notYetWarned = await _app.NewCitizenAsync();
        var notYetWarnedId = await AccountAsync(notYetWarned, longAgo, null, longAgo);
        var active = await _app.NewCitizenAsync();
        var activeId = await AccountAsync(active, now.AddDays(-1), null, longAgo);
        var staff = await _app.NewCitizenAsync();
        var staffId = await AccountAsync(staff, longAgo, now.AddDays(-60), longAgo);
        await _app.InAAsync(db =>
        {
            db.RoleAssignments.Add(new RoleAssignment { UserId = staffId, Role = StaffRole.Agent, ServiceName = "Service test", GrantedAt = longAgo });
            return db.SaveChangesAsync();
        });

        await RunJobAsync();

        // Warned a month ago and still away: anonymised, contributions kept as "Participant supprimé".
        Assert.False(await _app.InAAsync(db => db.Users.AnyAsync(u => u.Id == warned.UserId)));
        Assert.Equal(2, await _app.InAAsync(db => db.Contributions.CountAsync(c => c.AuthorId == warned.UserId)));
        Assert.True(await _app.InAAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "account.anonymise-inactive" && a.ActorId == null)));
        // Never warned: warned now, by e-mail, and kept for another month.
        var message = await _app.Smtp.WaitForAsync(notYetWarned);
        Assert.Contains("anonymisé", message.Subject, StringComparison.Ordinal);
        Assert.Contains("/compte/connexion", message.TextBody, StringComparison.Ordinal);
        Assert.NotNull(await _app.InAAsync(db => db.Users.Where(u => u.Id == notYetWarnedId).Select(u => u.InactivityWarnedAt).SingleAsync()));
        Assert.True(await _app.InAAsync(db => db.Users.AnyAsync(u => u.Id == activeId && u.InactivityWarnedAt == null)));
        Assert.True(await _app.InAAsync(db => db.Users.AnyAsync(u => u.Id == staffId)));

        // Signing in after the warning keeps the account: the warning is cleared.
        await _app.ClientFor(ParvisFactory.HostA).LoginAsync(notYetWarned);
        var after = await _app.InAAsync(db => db.Users.Where(u => u.Id == notYetWarnedId).Select(u => new { u.LastSignInAt, u.InactivityWarnedAt }).SingleAsync());
        Assert.Null(after.InactivityWarnedAt);
        Assert.True(after.LastSignInAt > now.AddMinutes(-1));
    }

    [Fact]
    public async Task Old_ips_and_old_private_emails_are_erased_by_each_organizations_own_setting()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var tenDaysAgo = DateTime.UtcNow.AddDays(-10);
        var fortyDaysAgo = DateTime.UtcNow.AddDays(-40);
        async Task<(int Consultation, int Territory)> ConsultationOf(Organization o) => await _app.InOrganizationAsync(o, (db, _) =>
            db.Consultations.Where(c => c.Title == ConsultationData.Open).Select(c => new ValueTuple<int, int>(c.Id, c.TerritoryId)).FirstAsync());
        foreach (var organization in new[] { _app.OrganizationA, _app.OrganizationB })
        {
            var (consultation, territory) = await ConsultationOf(organization);
            await _app.InOrganizationAsync(organization, (db, _) =>
            {
                db.RateLimitEvents.Add(new RateLimitEvent { Limit = "ten-" + tag, UserId = Guid.NewGuid(), IpAddress = "203.0.113.10", FirstAt = tenDaysAgo, LastAt = tenDaysAgo, RefusedCount = 2 });
                db.RateLimitEvents.Add(new RateLimitEvent { Limit = "forty-" + tag, UserId = Guid.NewGuid(), IpAddress = "203.0.113.40", FirstAt = fortyDaysAgo, LastAt = fortyDaysAgo, RefusedCount = 2 });
                db.Contributions.Add(new Contribution { ConsultationId = consultation, TerritoryId = territory, Body = "ten-" + tag, ContactEmail = $"ten-{tag}@example.org", CreatedAt = tenDaysAgo, State = ModerationState.Published });
                db.Contributions.Add(new Contribution { ConsultationId = consultation, TerritoryId = territory, Body = "forty-" + tag, ContactEmail = $"forty-{tag}@example.org", CreatedAt = fortyDaysAgo, State = ModerationState.Published });
                return db.SaveChangesAsync();
            });
        }
        // Ville B keeps addresses and private e-mails 5 days; Ville A keeps the defaults (30 days).
        await SetRetentionAsync(_app.OrganizationB, ipDays: 5, emailDays: 5);
        try
        {
            await RunJobAsync();
        }
        finally
        {
            await SetRetentionAsync(_app.OrganizationB, ipDays: 30, emailDays: 30);
        }

        Task<List<string>> Ips(Organization o) => _app.InOrganizationAsync(o, (db, _) =>
            db.RateLimitEvents.Where(e => e.Limit.EndsWith(tag)).OrderBy(e => e.Limit).Select(e => e.Limit + "=" + (e.IpAddress ?? "effacée")).ToListAsync());
        Task<List<string>> Emails(Organization o) => _app.InOrganizationAsync(o, (db, _) =>
            db.Contributions.Where(c => c.Body.EndsWith(tag)).OrderBy(c => c.Body).Select(c => c.Body + "=" + (c.ContactEmail ?? "effacé")).ToListAsync());

        // Ville A: the ten-day-old address is kept; the forty-day-old refusal is forgotten altogether.
        Assert.Equal([$"ten-{tag}=203.0.113.10"], await Ips(_app.OrganizationA));
        Assert.Equal([$"forty-{tag}=effacé", $"ten-{tag}=ten-{tag}@example.org"], await Emails(_app.OrganizationA));
        // Ville B: the ten-day-old address is erased, the refusal itself stays for the moderators' month.
        Assert.Equal([$"ten-{tag}=effacée"], await Ips(_app.OrganizationB));
        Assert.Equal([$"forty-{tag}=effacé", $"ten-{tag}=effacé"], await Emails(_app.OrganizationB));
    }

    private Task<int> SetRetentionAsync(Organization organization, int ipDays, int emailDays) =>
        _app.InOrganizationAsync(organization, async (db, _) =>
        {
            var o = await db.Organizations.SingleAsync(x => x.Id == organization.Id);
            o.Retention.FraudIpDays = ipDays;
            o.Retention.AnonymousEmailDays = emailDays;
            return await db.SaveChangesAsync();
        });
}
