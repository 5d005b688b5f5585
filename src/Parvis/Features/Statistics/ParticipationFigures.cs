using Parvis.Domain;

namespace Parvis.Features.Statistics;

/// <summary>A figure as published: its value, or withheld because it is about too few people (<see cref="SmallGroups"/>).</summary>
public readonly record struct Figure(int Value, bool Withheld)
{
    public static Figure Of(int value) => new(value, SmallGroups.IsTooSmall(value));
}

/// <summary>
/// One row of a table: a label (French, translated in the view; or a month, or a name shown as it is) and one figure
/// per column, with a link to the row's own statistics where it has some.
/// </summary>
public sealed record FigureRow(string Label, IReadOnlyList<Figure> Figures, DateOnly? Month = null, string? Name = null,
    string? Href = null);

/// <summary>A row's raw counts, before the small-group rule.</summary>
public sealed record RowCounts(string Label, int[] Counts, string? Name = null, string? Href = null);

/// <summary>
/// One chart and its table: the rows, the columns' headings, and the total under the first column when it is shown.
/// The chart draws the first column.
/// </summary>
public sealed record FigureTable(string Id, string Title, IReadOnlyList<string> Columns, IReadOnlyList<FigureRow> Rows,
    Figure? Total = null)
{
    /// <summary>
    /// Builds a table whose columns each add up to the totals given (null: that column has no total shown); the
    /// small-group rule withholds figures column by column, with the complement where a total would give one away.
    /// </summary>
    public static FigureTable Summing(string id, string title, IReadOnlyList<string> columns,
        IReadOnlyList<RowCounts> rows, IReadOnlyList<int?> totals)
    {
        var withheld = new bool[rows.Count, columns.Count];
        for (var column = 0; column < columns.Count; column++)
        {
            var counts = rows.Select(r => r.Counts[column]).ToList();
            var shownTotal = totals[column] is { } t && !SmallGroups.IsTooSmall(t);
            var hidden = SmallGroups.Withheld(counts, shownTotal);
            for (var row = 0; row < rows.Count; row++) withheld[row, column] = hidden[row];
        }
        var figureRows = rows.Select((r, row) => new FigureRow(r.Label,
            r.Counts.Select((count, column) => new Figure(count, withheld[row, column])).ToList(), Name: r.Name,
            Href: r.Href)).ToList();
        return new(id, title, columns, figureRows, totals[0] is { } total ? Figure.Of(total) : null);
    }
}

/// <summary>What the statistics page shows for one scope and period.</summary>
public sealed record ParticipationReport(
    int Months,
    Figure Contributions,
    Figure Participants,
    Figure WithoutAccount,
    FigureTable Monthly,
    FigureTable Channels,
    FigureTable? Territories,
    FigureTable Ages,
    FigureTable? Consultations);
