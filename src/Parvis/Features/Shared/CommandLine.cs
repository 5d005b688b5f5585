using Parvis.Domain;

namespace Parvis.Features.Shared;

/// <summary>
/// What the commands that run without the web server share (<c>sortition</c>, <c>opinion-map</c>, <c>pb-outcome</c>,
/// <c>verify-log</c>): being picked by the first argument, reading "--name value" options, opening an input file with
/// a French message when it cannot be read, and printing a failure with its exit code.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _options;

    private CommandLine(IReadOnlyList<string> positional, Dictionary<string, string> options)
    {
        Positional = positional;
        _options = options;
    }

    /// <summary>
    /// Runs <paramref name="run"/> on the arguments after <paramref name="command"/> when it is the first one, and
    /// gives its exit code to the process; false (nothing run) otherwise.
    /// </summary>
    public static async Task<bool> TryRunAsync(string[] args, string command,
        Func<string[], TextWriter, TextWriter, Task<int>> run)
    {
        if (args.Length == 0 || args[0] != command) return false;
        Environment.ExitCode = await run(args[1..], Console.Out, Console.Error);
        return true;
    }

    /// <summary>The arguments before the first option, in order.</summary>
    public IReadOnlyList<string> Positional { get; }

    /// <summary>
    /// Exactly <paramref name="positional"/> arguments first, then options "--name value" whose names are in
    /// <paramref name="names"/>, each at most once. Null when the arguments are not of that form.
    /// </summary>
    public static CommandLine? Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> names, int positional = 0)
    {
        if (args.Count < positional || args.Take(positional).Any(a => a.StartsWith("--", StringComparison.Ordinal)))
            return null;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = positional; i < args.Count; i += 2)
            if (i + 1 >= args.Count || !names.Contains(args[i]) || !options.TryAdd(args[i], args[i + 1]))
                return null;
        return new CommandLine([.. args.Take(positional)], options);
    }

    public string? this[string name] => _options.GetValueOrDefault(name);

    public bool TryGet(string name, out string value) => _options.TryGetValue(name, out value!);

    public static FileStream OpenRead(string path)
    {
        try
        {
            return File.OpenRead(path);
        }
        catch (Exception e)
            when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw DomainException.WithValues("Impossible de lire le fichier « {0} » : {1}", path, e.Message);
        }
    }

    public static async Task<int> FailAsync(TextWriter error, int code, string message)
    {
        await error.WriteLineAsync(message);
        return code;
    }
}
