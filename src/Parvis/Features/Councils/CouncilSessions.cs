namespace Parvis.Features.Councils;

/// <summary>A session of a council as its page lists it: a meeting its members were invited to, and its minutes.</summary>
public sealed record CouncilSessionView(int Id, string Title, DateTime StartsAt, string Url, bool HasMinutes);

/// <summary>
/// MERGE HOOK — the "Séances" section of a council's page. Sessions are meetings (<c>Meeting.CouncilId</c>), built
/// by the meetings feature: replace <see cref="NoCouncilSessions"/> in <c>FeatureSetup</c> by a query of the
/// council's meetings (newest first, with a link to their minutes).
/// </summary>
public interface ICouncilSessions
{
    Task<List<CouncilSessionView>> OfCouncilAsync(int councilId);
}

/// <summary>Until meetings exist: no session, and the page says so.</summary>
public sealed class NoCouncilSessions : ICouncilSessions
{
    public Task<List<CouncilSessionView>> OfCouncilAsync(int councilId) => Task.FromResult(new List<CouncilSessionView>());
}
