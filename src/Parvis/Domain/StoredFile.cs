namespace Parvis.Domain;

public enum FileKind { Cover, Document, Logo, Attachment, Photo }

/// <summary>An uploaded file: its bytes are in the file storage under <see cref="StorageKey"/>.</summary>
public class StoredFile : ITenantOwned
{
    public Guid Id { get; set; }
    public int OrganizationId { get; set; }
    public int? ConsultationId { get; set; }
    /// <summary>For an attachment: the contribution it belongs to (shown only while the contribution is).</summary>
    public int? ContributionId { get; set; }
    /// <summary>For an attachment of a meeting's minutes: public with the minutes.</summary>
    public int? MeetingId { get; set; }
    public FileKind Kind { get; set; }
    /// <summary>The title shown to people (for documents of the dossier).</summary>
    public required string Title { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string StorageKey { get; set; }
    public DateTime UploadedAt { get; set; }
}
