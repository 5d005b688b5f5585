using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.OpinionMaps;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Consultations.Statements;

/// <summary>A participant on the map: coordinates scaled to [-1, 1], the group (0-based) or null when not grouped.</summary>
public sealed record MapPoint(Guid Person, double X, double Y, int? Group);

/// <summary>A statement that sets a group apart or unites them all; <paramref name="Percent"/>: share agreeing or disagreeing.</summary>
public sealed record MapStatement(int StatementId, bool Agree, int Percent);

public sealed record MapGroup(int Number, int Size, List<MapStatement> Representative);

/// <summary>What the page and the closing report read of a statements question's last computed map.</summary>
public sealed record StoredMap(List<MapPoint> Points, List<MapGroup> Groups, List<MapStatement> Consensus)
{
    public MapGroup? GroupOf(Guid? person) =>
        person is null || Points.FirstOrDefault(p => p.Person == person)?.Group is not { } g ? null : Groups[g];

    /// <summary>Groups described in public: those with at least <see cref="Statement.MinGroupShown"/> members.</summary>
    public IEnumerable<MapGroup> ShownGroups => Groups.Where(g => g.Size >= Statement.MinGroupShown);
}

/// <summary>
/// Computes a statements question's opinion map from its votes on visible statements (Features/OpinionMaps) and keeps
/// the result in <see cref="OpinionMapSnapshot"/>, one row per question. Called by <see cref="OpinionMapJob"/> only:
/// a request never computes a map.
/// </summary>
public sealed class OpinionMapStore(ParvisDbContext db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task ComputeAsync(int questionId, CancellationToken token = default)
    {
        var published = ModerationState.Published;
        var votes = await db.StatementVotes.AsNoTracking()
            .Where(v => v.QuestionId == questionId
                && db.Contributions.Any(c => c.Id == v.ContributionId && c.State == published))
            .OrderBy(v => v.Id).Select(v => new { v.UserId, v.ContributionId, v.Kind }).ToListAsync(token);
        var builder = new VoteMatrix.Builder();
        foreach (var v in votes)
            builder.Vote(v.UserId.ToString(), v.ContributionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Statement.ValueOf(v.Kind));
        var matrix = builder.Build();
        var stored = matrix.Participants.Count == 0 ? new StoredMap([], [], []) : ToStored(OpinionMap.Compute(matrix));
        var json = JsonSerializer.Serialize(stored, Json);
        var now = clock.GetUtcNow().UtcDateTime;
        var snapshot = await db.OpinionMapSnapshots.FirstOrDefaultAsync(m => m.QuestionId == questionId, token);
        if (snapshot is null) db.OpinionMapSnapshots.Add(snapshot = new OpinionMapSnapshot { QuestionId = questionId, Json = json });
        snapshot.Json = json;
        snapshot.ComputedAt = now;
        snapshot.Participants = matrix.Participants.Count;
        snapshot.Votes = matrix.VoteCount;
        await db.SaveChangesAsync(token);
    }

    public async Task<(StoredMap Map, OpinionMapSnapshot Snapshot)?> ReadAsync(int questionId)
    {
        var snapshot = await db.OpinionMapSnapshots.AsNoTracking().FirstOrDefaultAsync(m => m.QuestionId == questionId);
        if (snapshot is null) return null;
        return (JsonSerializer.Deserialize<StoredMap>(snapshot.Json, Json)!, snapshot);
    }

    private static StoredMap ToStored(OpinionMap map)
    {
        var statements = map.Votes.Statements;
        int Id(int s) => int.Parse(statements[s], System.Globalization.CultureInfo.InvariantCulture);
        var scale = map.Positions.Select(p => Math.Max(Math.Abs(p.X), Math.Abs(p.Y))).DefaultIfEmpty(0).Max();
        if (scale <= 0) scale = 1;
        var points = map.Positions.Select((p, i) =>
            new MapPoint(Guid.Parse(map.Votes.Participants[i]), Math.Round(p.X / scale, 4), Math.Round(p.Y / scale, 4),
                map.Groups[i])).ToList();
        var groups = Enumerable.Range(0, map.GroupCount).Select(g => new MapGroup(g, map.Groups.Count(x => x == g),
            [.. map.Representative[g].Select(r => new MapStatement(Id(r.Statement), r.Stance == OpinionMaps.Stance.Agree,
                (int)Math.Round(r.Probability * 100)))])).ToList();
        var consensus = map.Consensus.Take(OpinionRepness.PerGroup).Select(c =>
            new MapStatement(Id(c.Statement), c.Stance == OpinionMaps.Stance.Agree, (int)Math.Round(Math.Pow(c.Probability,
                1.0 / Math.Max(1, map.GroupCount)) * 100))).ToList();
        return new StoredMap(points, groups, consensus);
    }
}
