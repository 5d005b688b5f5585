using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Cluster;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Requests.Handling;

/// <summary>
/// "Est-ce réglé ?": some weeks after a request was resolved (the organization's <c>AskIfFixedAfterDays</c>),
/// its reporter is asked once whether the problem is really fixed. The mark and the e-mail are one transaction,
/// the mark taken by a conditional update, so the question never leaves twice.
/// </summary>
public sealed class FixCheckJob(IConfiguration configuration, TimeProvider clock) : PerOrganizationJob
{
    public override string Name => "request-fix-check";

    public override TimeSpan Interval => configuration.GetValue("Jobs:RequestFixCheckInterval", TimeSpan.FromHours(1));

    protected override async Task RunForAsync(Organization organization, IServiceProvider services, CancellationToken token)
    {
        var db = services.GetRequiredService<ParvisDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var resolvedBefore = now.AddDays(-organization.Requests.AskIfFixedAfterDays);
        var due = await db.ServiceRequests.AsNoTracking()
            .Where(r => r.Status == RequestStatus.Resolved && r.FixCheckSentAt == null && r.ClosedAt != null && r.ClosedAt <= resolvedBefore
                && !r.AwaitingEmail && (r.AuthorId != null || r.ReporterEmail != null))
            .OrderBy(r => r.Id).Take(500).ToListAsync(token);
        if (due.Count == 0) return;
        var mail = services.GetRequiredService<RequestMail>();
        await using var transaction = await db.Database.BeginTransactionAsync(token);
        foreach (var request in due)
        {
            if (await mail.ReporterAddressAsync(request) is not { } address) continue;
            var marked = await db.ServiceRequests.Where(r => r.Id == request.Id && r.FixCheckSentAt == null && r.Status == RequestStatus.Resolved)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.FixCheckSentAt, now), token);
            if (marked == 1) mail.QueueFixCheck(request, address, organization.Name);
        }
        await db.SaveChangesAsync(token);
        await transaction.CommitAsync(token);
        services.GetRequiredService<Infrastructure.Email.OutboxSignal>().Notify();
    }
}
