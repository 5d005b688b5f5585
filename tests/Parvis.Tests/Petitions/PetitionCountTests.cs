using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Domain;
using Parvis.Features.Petitions;
using Parvis.Testing;

namespace Parvis.Tests.Petitions;

[Collection(InitiativesAppCollection.Name)]
public class PetitionCountTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private async Task AddAsync(int petitionId, long delta) =>
        await _app.InOrganizationAsync(_app.OrganizationA, async (_, services) =>
        {
            await services.GetRequiredService<PetitionCounts>().AddAsync(petitionId, delta);
            return true;
        });

    private Task<long> CountAsync(int petitionId) =>
        _app.InOrganizationAsync(_app.OrganizationA, (_, services) => services.GetRequiredService<PetitionCounts>().CountAsync(petitionId));

    [Fact]
    public async Task Counts_add_up_over_shards_and_go_down_when_signatures_are_invalidated()
    {
        var id = await _app.NewOpenPetitionAsync(responseThreshold: 1000, agendaThreshold: null);
        for (var i = 0; i < 40; i++) await AddAsync(id, 1);
        await AddAsync(id, -3);
        Assert.Equal(37, await CountAsync(id));
        var shards = await _app.InAAsync(db => db.PetitionCountShards.CountAsync(s => s.PetitionId == id));
        Assert.InRange(shards, 2, PetitionCountShard.Shards);
        var counts = await _app.InOrganizationAsync(_app.OrganizationA, (_, s) => s.GetRequiredService<PetitionCounts>().CountsAsync([id, -1]));
        Assert.Equal(37, counts[id]);
        Assert.Equal(0, counts[-1]);
    }

    [Fact]
    public async Task Thresholds_are_crossed_exactly_once_when_eight_tasks_count_around_them()
    {
        var author = await _app.NewCitizenAsync();
        var id = await _app.NewOpenPetitionAsync(responseThreshold: 10, agendaThreshold: 14, authorEmail: author);
        for (var i = 0; i < 6; i++) await AddAsync(id, 1);
        var before = _app.Smtp.Messages.Count;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => AddAsync(id, 1))));

        Assert.Equal(14, await CountAsync(id));
        var petition = await _app.PetitionAsync(id);
        Assert.NotNull(petition.ResponseThresholdReachedAt);
        Assert.Equal(petition.ResponseThresholdReachedAt!.Value.AddDays(90), petition.ResponseDueAt);
        Assert.NotNull(petition.AgendaThresholdReachedAt);
        Assert.Null(petition.AcknowledgedAt);
        Assert.Single(await _app.InAAsync(db => db.PetitionAgendaItems.Where(a => a.PetitionId == id).ToListAsync()));
        await _app.Smtp.WaitForAsync(author, m => (m.TextBody ?? "").Contains("ordre du jour"));
        await _app.Smtp.WaitForAsync(author, m => (m.TextBody ?? "").Contains("réponse écrite"));
        await Task.Delay(1000);
        var all = _app.Smtp.Messages.Skip(before).Where(m => m.To.ToString().Contains(author)).ToList();
        Assert.Equal(2, all.Count);
        Assert.Single(all, m => (m.TextBody ?? "").Contains("réponse écrite"));
        Assert.Single(all, m => (m.TextBody ?? "").Contains("ordre du jour"));
    }
}
