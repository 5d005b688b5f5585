using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Domain;
using Parvis.Features.Petitions;
using Parvis.Testing;

namespace Parvis.Tests.Platform;

/// <summary>The scheduled jobs work organization by organization, each in its own tenant: every one is served, each audited in its own journal.</summary>
[Collection(PlatformAppCollection.Name)]
public class PerOrganizationJobTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task A_job_reaches_every_organization_and_audits_each_in_its_own_journal()
    {
        var inA = await _app.NewOpenPetitionAsync();
        var inB = await _app.NewOpenPetitionAsync(organization: _app.OrganizationB);
        foreach (var (organization, id) in new[] { (_app.OrganizationA, inA), (_app.OrganizationB, inB) })
            await _app.InOrganizationAsync(organization, (db, _) =>
                db.Petitions.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.ClosesAt, DateTime.UtcNow.AddMinutes(-1))));

        using (var scope = _app.Services.CreateScope())
            await new PetitionClosingJob(_app.Services.GetRequiredService<IConfiguration>(), TimeProvider.System).RunAsync(scope.ServiceProvider, default);

        foreach (var (organization, id, other) in new[] { (_app.OrganizationA, inA, inB), (_app.OrganizationB, inB, inA) })
        {
            Assert.Equal(PetitionStatus.Closed, (await _app.PetitionAsync(id, organization)).Status);
            var audited = await _app.InOrganizationAsync(organization, (db, _) => db.AuditEntries
                .Where(e => e.Action == "petition.close" && (e.TargetId == id.ToString() || e.TargetId == other.ToString())).Select(e => e.TargetId).ToListAsync());
            Assert.Equal([id.ToString()], audited);
        }
    }
}
