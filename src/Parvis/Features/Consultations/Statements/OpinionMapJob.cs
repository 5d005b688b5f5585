using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Cluster;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Consultations.Statements;

/// <summary>
/// Computes again the opinion maps of statements questions that received votes (or a moderation decision) since the
/// last run: at most once per interval, on one node (the scheduler's claim), never in a request. The stale mark is
/// cleared before computing (conditional update on the time read): a vote arriving meanwhile marks the question again,
/// so the next run takes it; a computation that fails puts the mark back.
/// </summary>
public sealed class OpinionMapJob(IConfiguration configuration) : PerOrganizationJob
{
    private const int PerRun = 20;

    public override string Name => "opinion-maps";

    public override TimeSpan Interval => configuration.GetValue("Jobs:OpinionMapInterval", TimeSpan.FromSeconds(30));

    protected override async Task RunForAsync(Organization organization, IServiceProvider services, CancellationToken token)
    {
        var db = services.GetRequiredService<ParvisDbContext>();
        var stale = await db.Questions.AsNoTracking()
            .Where(q => q.Kind == ConsultationQuestionKind.Statements && q.MapStaleSince != null)
            .OrderBy(q => q.MapStaleSince).Take(PerRun).Select(q => new { q.Id, q.MapStaleSince }).ToListAsync(token);
        var store = services.GetRequiredService<OpinionMapStore>();
        foreach (var question in stale)
        {
            var cleared = await db.Questions.Where(q => q.Id == question.Id && q.MapStaleSince == question.MapStaleSince)
                .ExecuteUpdateAsync(s => s.SetProperty(q => q.MapStaleSince, (DateTime?)null), token);
            if (cleared != 1) continue;
            try
            {
                await store.ComputeAsync(question.Id, token);
            }
            catch
            {
                await db.Questions.Where(q => q.Id == question.Id && q.MapStaleSince == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(q => q.MapStaleSince, question.MapStaleSince), CancellationToken.None);
                throw;
            }
        }
    }
}
