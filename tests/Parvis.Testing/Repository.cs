namespace Parvis.Testing;

/// <summary>Where the repository is, for tests that read its files (views, resources, data sets).</summary>
public static class Repository
{
    /// <summary>The folder holding Parvis.slnx, found from the test binaries upwards.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Parvis.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Parvis.slnx not found above " + AppContext.BaseDirectory);
    }
}
