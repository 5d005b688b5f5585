using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Testing;

namespace Parvis.Tests.Operations;

/// <summary>ops/backup of a running installation, ops/restore into an empty one: the same data and files, served.</summary>
public sealed class BackupTests
{
    private sealed class Restored(TestDatabase database, string filesRoot) : ParvisFactory
    {
        protected override Dictionary<string, string?> Settings => new()
        {
            ["ConnectionStrings:Parvis"] = database.ConnectionString,
            ["Files:Root"] = filesRoot,
        };
    }

    [Fact]
    public async Task A_backup_restored_into_an_empty_installation_has_the_same_data_and_files()
    {
        await using var running = new ParvisFactory();
        await running.InitializeAsync();
        var consultation = await running.InAAsync(db => db.Consultations.Where(c => c.PublishedAt != null)
            .OrderBy(c => c.Id).Select(c => new { c.Id, c.Title }).FirstAsync());
        var before = await TownData.CountsAsync(running.Database);
        // An uploaded file, where the file store keeps them.
        Directory.CreateDirectory(Path.Combine(running.FilesRoot, "1"));
        await File.WriteAllTextAsync(Path.Combine(running.FilesRoot, "1", "plan.pdf"), "%PDF-1.4 plan du quartier");

        var backups = Directory.CreateTempSubdirectory("parvis-backups-").FullName;
        var folder = (await RunAsync("backup", backups, running.Database, running.FilesRoot)).Trim();

        using var empty = new TestDatabase();
        await TownData.CreateEmptyAsync(empty);
        var files = Path.Combine(Path.GetTempPath(), $"parvis-restored-{Guid.NewGuid():N}");
        await RunAsync("restore", folder, empty, files);

        await using var restored = new Restored(empty, files);
        var client = restored.ClientFor(ParvisFactory.HostA);
        var page = await client.GetAsync($"/concertations/{consultation.Id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(consultation.Title, await page.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await TownData.CountsAsync(empty));
        Assert.Equal("%PDF-1.4 plan du quartier", await File.ReadAllTextAsync(Path.Combine(files, "1", "plan.pdf")));
        await client.LoginAsync($"habitant@{ParvisFactory.DomainA}");
        Directory.Delete(backups, recursive: true);
        Directory.Delete(files, recursive: true);
    }

    /// <summary>The script, with the installation's settings in its environment as the operator exports them.</summary>
    private static async Task<string> RunAsync(string script, string argument, TestDatabase database, string filesRoot)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Repository.Root, "ops", script), argument])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Database__Provider"] = database.Provider;
        start.Environment["ConnectionStrings__Parvis"] = database.ConnectionString;
        start.Environment["Files__Root"] = filesRoot;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"ops/{script} failed: {await error}");
        return await output;
    }
}
