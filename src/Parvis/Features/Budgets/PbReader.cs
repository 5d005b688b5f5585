using System.Text;
using Parvis.Domain;

namespace Parvis.Features.Budgets;

/// <summary>
/// Reads a Pabulib <c>.pb</c> file: sections META, PROJECTS and VOTES in that order, each a header line then rows,
/// cells separated by ';' (a cell may be quoted with '"' to hold a ';'). Lists inside a cell (the projects of a vote,
/// its points) are separated by ','. Blank lines are skipped. Every mistake gives a French message naming the line.
/// </summary>
public static class PbReader
{
    private static readonly string[] Sections = ["META", "PROJECTS", "VOTES"];
    private static readonly string[] VoteTypes = ["approval", "choose-1", "cumulative", "scoring", "ordinal"];

    public static async Task<PbElection> ReadAsync(Stream stream)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        return Read(await reader.ReadToEndAsync());
    }

    public static PbElection Read(string text)
    {
        var state = new ReadState();
        var lines = text.Split('\n');
        var last = 1;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            state.Take(i + 1, line);
            last = i + 1;
        }
        return state.Finish(last);
    }

    private static DomainException Error(int line, string template, params object?[] values) =>
        DomainException.WithValues("Ligne {" + values.Length + "} : " + template, [.. values, line]);

    /// <summary>The cells of one line: ';' separates, '"' quotes ('""' inside quotes is one '"').</summary>
    public static List<string> Cells(string line, int number)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
            else if (c == '"' && (quoted || cell.Length == 0)) quoted = !quoted;
            else if (c == ';' && !quoted) { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        if (quoted) throw Error(number, "un guillemet ouvert n'est pas fermé.");
        cells.Add(cell.ToString());
        return cells;
    }

    private sealed class ReadState
    {
        private int _section = -1;
        private List<string>? _header;
        private readonly List<KeyValuePair<string, string>> _meta = [];
        private readonly List<string> _projectColumns = [];
        private readonly List<PbProject> _projects = [];
        private readonly Dictionary<string, int> _projectLines = new(StringComparer.Ordinal);
        private readonly List<string> _voteColumns = [];
        private readonly List<PbVote> _votes = [];
        private readonly HashSet<string> _voters = new(StringComparer.Ordinal);
        private Rational _budget;
        private string _voteType = "";

        public void Take(int number, string line)
        {
            var name = line.Trim();
            var next = Array.FindIndex(Sections, s => s.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (next >= 0)
            {
                if (next != _section + 1)
                    throw Error(number, "la section {0} arrive ici, or la suivante attendue est {1} "
                        + "(l'ordre est META, PROJECTS, VOTES).", Sections[next], Expected());
                if (next == 1) EndMeta(number);
                if (next == 2) EndProjects(number);
                _section = next;
                _header = null;
                return;
            }
            if (_section < 0) throw Error(number, "le fichier doit commencer par la ligne META.");
            var cells = Cells(line, number);
            if (_header is null)
            {
                _header = cells;
                Header(number, cells);
                return;
            }
            if (cells.Count != _header.Count)
                throw Error(number, "{0} colonnes au lieu de {1} (l'en-tête de la section {2} en a {1}).",
                    cells.Count, _header.Count, Sections[_section]);
            if (_section == 0) Meta(number, cells);
            else if (_section == 1) Project(number, cells);
            else Vote(number, cells);
        }

        private string Expected() => _section + 1 < Sections.Length ? Sections[_section + 1] : "aucune";

        private void Header(int number, List<string> cells)
        {
            if (_section == 0 && cells.Count != 2)
                throw Error(number, "l'en-tête de META doit avoir deux colonnes (key;value).");
            if (_section == 0) return;
            var (columns, first, required) = _section == 1
                ? (_projectColumns, "project_id", "cost")
                : (_voteColumns, "voter_id", "vote");
            if (cells[0].Trim() != first)
                throw Error(number, "la première colonne de {0} doit être « {1} », pas « {2} ».",
                    Sections[_section], first, cells[0]);
            if (!cells.Contains(required))
                throw Error(number, "la colonne « {0} » manque dans l'en-tête de {1}.",
                    required, Sections[_section]);
            if (cells.Distinct(StringComparer.Ordinal).Count() != cells.Count)
                throw Error(number, "une colonne est nommée deux fois dans l'en-tête de {0}.", Sections[_section]);
            columns.AddRange(cells);
        }

        private void Meta(int number, List<string> cells)
        {
            if (_meta.Any(m => m.Key == cells[0]))
                throw Error(number, "la clé « {0} » est déjà donnée plus haut dans META.", cells[0]);
            _meta.Add(new(cells[0], cells[1]));
            if (cells[0] == "budget")
                _budget = Rational.TryParseDecimal(cells[1]) is { Sign: >= 0 } budget ? budget
                    : throw Error(number, "le budget « {0} » n'est pas un nombre positif.", cells[1]);
            if (cells[0] == "vote_type" && !VoteTypes.Contains(cells[1].Trim()))
                throw Error(number, "le type de vote « {0} » est inconnu (attendu : {1}).",
                    cells[1], string.Join(", ", VoteTypes));
            if (cells[0] == "vote_type") _voteType = cells[1].Trim();
        }

        private void EndMeta(int number)
        {
            foreach (var key in new[] { "budget", "vote_type" })
                if (_meta.All(m => m.Key != key))
                    throw Error(number, "la clé « {0} » manque dans META.", key);
        }

        private void Project(int number, List<string> cells)
        {
            var id = cells[0].Trim();
            if (id.Length == 0) throw Error(number, "l'identifiant du projet est vide.");
            if (id.Contains(','))
                throw Error(number, "l'identifiant de projet « {0} » contient une virgule.", id);
            if (!_projectLines.TryAdd(id, number))
                throw Error(number, "le projet « {0} » est déjà décrit ligne {1}.", id, _projectLines[id]);
            var text = cells[_projectColumns.IndexOf("cost")];
            var cost = Rational.TryParseDecimal(text) is { Sign: >= 0 } c ? c
                : throw Error(number, "le coût « {0} » du projet « {1} » n'est pas un nombre positif.", text, id);
            _projects.Add(new PbProject(id, cost, cells));
        }

        private void EndProjects(int number)
        {
            if (_header is null) throw Error(number, "la section PROJECTS n'a pas d'en-tête.");
        }

        private void Vote(int number, List<string> cells)
        {
            var voter = cells[0].Trim();
            if (!_voters.Add(voter))
                throw Error(number, "l'électeur « {0} » a déjà un bulletin plus haut.", voter);
            var text = cells[_voteColumns.IndexOf("vote")];
            var chosen = text.Trim().Length == 0 ? [] : text.Split(',').Select(p => p.Trim()).ToList();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var id in chosen)
            {
                if (!_projectLines.ContainsKey(id))
                    throw Error(number, "le bulletin de « {0} » choisit le projet « {1} », absent de PROJECTS.",
                        voter, id);
                if (!seen.Add(id))
                    throw Error(number, "le bulletin de « {0} » choisit deux fois le projet « {1} ».", voter, id);
            }
            _votes.Add(new PbVote(voter, chosen, Points(number, cells, voter, chosen.Count), cells));
        }

        private List<Rational>? Points(int number, List<string> cells, string voter, int count)
        {
            if (_voteType is not ("cumulative" or "scoring")) return null;
            var column = _voteColumns.IndexOf("points");
            if (column < 0) throw Error(number, "un vote {0} demande une colonne « points » dans VOTES.", _voteType);
            var texts = cells[column].Trim().Length == 0 ? [] : cells[column].Split(',');
            if (texts.Length != count)
                throw Error(number, "le bulletin de « {0} » donne {1} points pour {2} projets.",
                    voter, texts.Length, count);
            return [.. texts.Select(t => Rational.TryParseDecimal(t) is { Sign: >= 0 } p ? p
                : throw Error(number, "« {0} » n'est pas un nombre de points positif (bulletin de « {1} »).",
                    t, voter))];
        }

        public PbElection Finish(int last)
        {
            if (_section < 2)
                throw Error(last, "le fichier s'arrête sans la section {0}.", Expected());
            if (_header is null) throw Error(last, "la section VOTES n'a pas d'en-tête.");
            return new PbElection
            {
                Meta = _meta,
                ProjectColumns = _projectColumns,
                Projects = _projects,
                VoteColumns = _voteColumns,
                Votes = _votes,
                Budget = _budget,
                VoteType = _voteType,
            };
        }
    }
}
