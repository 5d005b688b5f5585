using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Files;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Files;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.News;

/// <summary>
/// What staff do with posts (the staff who run projects: policy <see cref="Policies.ManageConsultations"/>). Each
/// command checks everything before it changes anything, writes its audit entry (which also empties the page cache)
/// and saves once. An edit of a public post's text keeps the previous text as a version.
/// </summary>
public sealed class NewsCommands(ParvisDbContext db, FileCommands files, IFileStorage storage, AuditLog audit, TimeProvider clock)
{
    public async Task<NewsPost> CreateAsync(NewsDescription input)
    {
        await EnsurePlacesAsync(input);
        var post = new NewsPost { Title = "" };
        post.Describe(input, Now);
        db.NewsPosts.Add(post);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        audit.Record("news.create", nameof(NewsPost), post.Id, post.Title);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return post;
    }

    public async Task UpdateAsync(ClaimsPrincipal user, NewsPost post, NewsDescription input)
    {
        await EnsurePlacesAsync(input);
        var now = Now;
        if (post.Describe(input, now) is { } previous)
        {
            previous.ReplacedAt = now;
            previous.ReplacedBy = user.UserId();
            db.NewsPostVersions.Add(previous);
        }
        audit.Record("news.update", nameof(NewsPost), post.Id, post.Title);
        await db.SaveChangesAsync();
    }

    /// <summary>Publishes at the given moment (now when none): before it, the post is nowhere public.</summary>
    public async Task ScheduleAsync(NewsPost post, DateTime? at)
    {
        var now = Now;
        post.Schedule(at ?? now, now);
        audit.Record(post.IsScheduledAt(now) ? "news.schedule" : "news.publish", nameof(NewsPost), post.Id,
            post.PublishAt!.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync();
    }

    public async Task UnpublishAsync(NewsPost post)
    {
        post.Unpublish(Now);
        audit.Record("news.unpublish", nameof(NewsPost), post.Id, post.Title);
        await db.SaveChangesAsync();
    }

    /// <summary>Sets the cover image: re-encoded as every photo is, with what it shows (required).</summary>
    public async Task SetCoverAsync(NewsPost post, IFormFile? upload, string? altText)
    {
        // Checked before the bytes are stored: a refused image leaves nothing behind.
        var alt = NewsPost.CheckAltText(altText);
        var file = await files.StoreAsync(upload, FileKind.Photo, alt);
        var old = post.CoverFileId is { } oldId ? await db.StoredFiles.FirstOrDefaultAsync(f => f.Id == oldId) : null;
        db.StoredFiles.Add(file);
        post.SetCover(file.Id, alt);
        post.UpdatedAt = Now;
        if (old is not null) db.StoredFiles.Remove(old);
        audit.Record("news.cover", nameof(NewsPost), post.Id, alt);
        try
        {
            await db.SaveChangesAsync();
        }
        catch
        {
            await files.DiscardAsync(file);
            throw;
        }
        if (old is not null) await storage.DeleteAsync(old.StorageKey);
    }

    public async Task RemoveCoverAsync(NewsPost post)
    {
        if (post.CoverFileId is not { } id) throw new DomainException("Cette actualité n'a pas d'image.");
        var file = await db.StoredFiles.FirstOrDefaultAsync(f => f.Id == id);
        post.SetCover(null, null);
        post.UpdatedAt = Now;
        if (file is not null) db.StoredFiles.Remove(file);
        audit.Record("news.cover.remove", nameof(NewsPost), post.Id);
        await db.SaveChangesAsync();
        if (file is not null) await storage.DeleteAsync(file.StorageKey);
    }

    public async Task<NewsPost> FindAsync(int id) =>
        await db.NewsPosts.FirstOrDefaultAsync(p => p.Id == id) ?? throw new ItemNotFoundException();

    // The filters' lists offer only what exists here; a forged id of another organization is refused the same way.
    private async Task EnsurePlacesAsync(NewsDescription input)
    {
        if (input.TerritoryId is { } t && !await db.Territories.AnyAsync(x => x.Id == t)) throw new DomainException("Ce territoire n'existe pas.");
        if (input.ProjectId is { } p && !await db.Projects.AnyAsync(x => x.Id == p)) throw new DomainException("Ce projet n'existe pas.");
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
