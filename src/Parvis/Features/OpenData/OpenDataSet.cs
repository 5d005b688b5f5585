using System.Runtime.CompilerServices;
using Parvis.Features.Api;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.OpenData;

/// <summary>A place on the map (GeoJSON geometry: a Point, or a territory's Polygon or MultiPolygon), longitude first.</summary>
public sealed record GeoJsonPoint(double[] Coordinates)
{
    public string Type => "Point";
}

/// <summary>One GeoJSON feature: an item with a place, its fields as properties.</summary>
public sealed record GeoJsonFeature(long Id, object Geometry, object Properties)
{
    public string Type => "Feature";
}

/// <summary>The GeoJSON document, its features written as they are read.</summary>
public sealed record GeoJsonCollection(IAsyncEnumerable<GeoJsonFeature> Features)
{
    public string Type => "FeatureCollection";
}

/// <summary>One dataset of the open data page: what it is, and its items read from the database as they are written.</summary>
public interface IOpenDataSet
{
    /// <summary>The name in its addresses: /donnees/{Name}.csv.</summary>
    string Name { get; }
    string Title { get; }
    string Description { get; }
    bool HasGeoJson { get; }

    /// <summary>When what it holds last changed, if the dataset knows (data.json's dct:modified).</summary>
    Task<DateTime?> ModifiedAsync();

    Task WriteCsvAsync(CsvFile csv);

    /// <summary>The CSV header.</summary>
    string[] Columns { get; }

    /// <summary>Every item, as the public API shows it.</summary>
    IAsyncEnumerable<object> ItemsAsync(CancellationToken cancellation);

    IAsyncEnumerable<GeoJsonFeature> FeaturesAsync(CancellationToken cancellation);
}

/// <summary>
/// A dataset made of one of the public API's collections: its items are read page after page in id order (keyset,
/// <see cref="BatchSize"/> at a time, authors named as on the pages batch by batch), so a million rows go out with
/// the memory of one batch and no query stays open between two batches.
/// </summary>
public sealed class OpenDataSet<T>(string name, string title, string description, string[] columns, Func<T, object?[]> cells,
    Func<PageRequest, Task<ApiPage<T>>> read, Func<T, long> id, Func<Task<DateTime?>> modified, Func<T, GeoJsonFeature?>? feature = null)
    : IOpenDataSet where T : notnull
{
    public const int BatchSize = 500;

    public string Name => name;
    public string Title => title;
    public string Description => description;
    public bool HasGeoJson => feature is not null;
    public string[] Columns => columns;

    public Task<DateTime?> ModifiedAsync() => modified();

    public async IAsyncEnumerable<T> AllAsync([EnumeratorCancellation] CancellationToken cancellation = default)
    {
        var page = new PageRequest(0, BatchSize, null);
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var batch = await read(page);
            foreach (var item in batch.Items) yield return item;
            if (batch.NextCursor is null || batch.Items.Count == 0) yield break;
            page = page with { AfterId = id(batch.Items[^1]) };
        }
    }

    public async Task WriteCsvAsync(CsvFile csv)
    {
        await foreach (var item in AllAsync()) await csv.RowAsync(cells(item));
    }

    public async IAsyncEnumerable<object> ItemsAsync([EnumeratorCancellation] CancellationToken cancellation)
    {
        await foreach (var item in AllAsync(cancellation)) yield return item;
    }

    public async IAsyncEnumerable<GeoJsonFeature> FeaturesAsync([EnumeratorCancellation] CancellationToken cancellation)
    {
        if (feature is null) yield break;
        await foreach (var item in AllAsync(cancellation))
            if (feature(item) is { } f) yield return f;
    }
}
