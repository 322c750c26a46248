namespace Assessa.Tests.Infrastructure;

/// <summary>The checkout the tests run from (the folder holding Assessa.slnx).</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Assessa.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find Assessa.slnx above " + AppContext.BaseDirectory);
    }
}
