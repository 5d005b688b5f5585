using System.Text;

namespace Parvis.Features.Budgets;

/// <summary>
/// Writes an election as a Pabulib <c>.pb</c> file: UTF-8 without BOM, '\n' line ends, the sections in order, every
/// cell as read (quoted only when it holds a ';', a '"' or starts with a '"'). A file in that form written back from
/// <see cref="PbReader"/> is the same byte for byte.
/// </summary>
public static class PbWriter
{
    public static string Write(PbElection election)
    {
        var text = new StringBuilder();
        text.Append("META\n");
        Line(text, ["key", "value"]);
        foreach (var (key, value) in election.Meta) Line(text, [key, value]);
        text.Append("PROJECTS\n");
        Line(text, election.ProjectColumns);
        foreach (var project in election.Projects) Line(text, project.Cells);
        text.Append("VOTES\n");
        Line(text, election.VoteColumns);
        foreach (var vote in election.Votes) Line(text, vote.Cells);
        return text.ToString();
    }

    public static async Task WriteAsync(PbElection election, Stream stream)
    {
        var bytes = new UTF8Encoding(false).GetBytes(Write(election));
        await stream.WriteAsync(bytes);
    }

    private static void Line(StringBuilder text, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) text.Append(';');
            var cell = cells[i];
            if (cell.Contains(';') || cell.StartsWith('"'))
                text.Append('"').Append(cell.Replace("\"", "\"\"")).Append('"');
            else text.Append(cell);
        }
        text.Append('\n');
    }
}
