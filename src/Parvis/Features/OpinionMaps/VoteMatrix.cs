namespace Parvis.Features.OpinionMaps;

/// <summary>
/// Who voted what: one row per participant, one column per statement, each vote +1 (agree), -1 (disagree) or
/// 0 (pass); a statement a participant did not see is absent. Stored sparse, row by row (5 million votes take
/// 25 MB where a dense 100,000 × 1,000 matrix of doubles would take 800 MB).
/// </summary>
public sealed class VoteMatrix
{
    private VoteMatrix(string[] participants, string[] statements, int[] rowStart, int[] columns, sbyte[] values)
    {
        Participants = participants;
        Statements = statements;
        RowStart = rowStart;
        Columns = columns;
        Values = values;
    }

    public IReadOnlyList<string> Participants { get; }

    public IReadOnlyList<string> Statements { get; }

    /// <summary>Participant i's votes are at RowStart[i] to RowStart[i + 1] - 1 of Columns and Values.</summary>
    internal int[] RowStart { get; }

    internal int[] Columns { get; }

    internal sbyte[] Values { get; }

    public int VoteCount => Columns.Length;

    public int VotesOf(int participant) => RowStart[participant + 1] - RowStart[participant];

    /// <summary>Adds votes; a later vote of a participant on a statement replaces the earlier one.</summary>
    public sealed class Builder
    {
        private readonly Dictionary<string, int> _participants = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _statements = new(StringComparer.Ordinal);
        private readonly List<(int Participant, int Statement, sbyte Vote)> _votes = [];

        /// <summary>A statement no one voted on yet: it still counts among the conversation's statements.</summary>
        public Builder Statement(string id)
        {
            StatementIndex(id);
            return this;
        }

        /// <summary>A participant without a vote (all theirs on statements moderated out): placed, never grouped.</summary>
        public Builder Participant(string id)
        {
            ParticipantIndex(id);
            return this;
        }

        public Builder Vote(string participant, string statement, int vote)
        {
            if (vote is < -1 or > 1) throw new ArgumentOutOfRangeException(nameof(vote), vote, "A vote is -1, 0 or 1.");
            _votes.Add((ParticipantIndex(participant), StatementIndex(statement), (sbyte)vote));
            return this;
        }

        private int ParticipantIndex(string id)
        {
            if (!_participants.TryGetValue(id, out var p)) _participants.Add(id, p = _participants.Count);
            return p;
        }

        public VoteMatrix Build()
        {
            var counts = new int[_participants.Count + 1];
            foreach (var v in _votes) counts[v.Participant + 1]++;
            for (var i = 1; i < counts.Length; i++) counts[i] += counts[i - 1];
            var next = (int[])counts.Clone();
            var columns = new int[_votes.Count];
            var values = new sbyte[_votes.Count];
            // Each row keeps its votes in the order given, so the last one of a pair wins below.
            foreach (var v in _votes)
            {
                columns[next[v.Participant]] = v.Statement;
                values[next[v.Participant]++] = v.Vote;
            }
            var rowStart = new int[counts.Length];
            var kept = 0;
            var lastSeen = new int[_statements.Count];
            Array.Fill(lastSeen, -1);
            for (var p = 0; p < _participants.Count; p++)
            {
                var start = kept;
                for (var i = counts[p]; i < counts[p + 1]; i++)
                {
                    var at = lastSeen[columns[i]];
                    if (at >= start) values[at] = values[i];
                    else
                    {
                        lastSeen[columns[i]] = kept;
                        columns[kept] = columns[i];
                        values[kept++] = values[i];
                    }
                }
                rowStart[p + 1] = kept;
            }
            return new VoteMatrix(Names(_participants), Names(_statements), rowStart, columns[..kept], values[..kept]);
        }

        private int StatementIndex(string id)
        {
            if (!_statements.TryGetValue(id, out var s)) _statements.Add(id, s = _statements.Count);
            return s;
        }

        private static string[] Names(Dictionary<string, int> ids)
        {
            var names = new string[ids.Count];
            foreach (var (name, index) in ids) names[index] = name;
            return names;
        }
    }
}
