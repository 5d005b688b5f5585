namespace Parvis.Tests.Sortition;

/// <summary>Runs the built application as its own process with the arguments after <c>sortition</c>.</summary>
internal static class SortitionProcess
{
    public static Task<(int Code, string Output, string Error)> RunAsync(params string[] args) =>
        ParvisProcess.RunAsync("sortition", args);
}
