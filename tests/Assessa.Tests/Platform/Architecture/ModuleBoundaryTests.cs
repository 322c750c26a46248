using System.Text.RegularExpressions;
using Assessa.Tests.Infrastructure;

namespace Assessa.Tests.Platform.Architecture;

/// <summary>
/// DESIGN.md: a module may use another only through the small public surface it chooses (its root namespace),
/// never through its <c>Domain</c> or <c>Data</c> internals.
/// </summary>
public sealed partial class ModuleBoundaryTests
{
    [Fact]
    public void Modules_use_each_other_only_through_their_public_surface()
    {
        var modules = Path.Combine(RepositoryRoot.Path, "src", "Assessa.Server", "Modules");
        var files = Directory.EnumerateFiles(modules, "*.cs", SearchOption.AllDirectories)
            .Select(f => (Module: Path.GetRelativePath(modules, f).Split(Path.DirectorySeparatorChar)[0], Path: f, Text: File.ReadAllText(f)));

        var violations = FindViolations(files.ToList());

        Assert.True(violations.Count == 0, "Reaching into another module's internals:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_boundary_check_notices_a_reach_into_another_modules_domain()
    {
        var files = new List<(string Module, string Path, string Text)>
        {
            ("Delivery", "Delivery/Features/Submit.cs", "using Assessa.Server.Modules.Identity.Domain;\nusing Assessa.Server.Modules.Audit;"),
            ("Identity", "Identity/Features/Login.cs", "var x = new Assessa.Server.Modules.Catalog.Data.QuestionConfiguration();"),
            ("Audit", "Audit/Data/AuditInterceptor.cs", "using Assessa.Server.Modules.Audit.Domain;"),
        };

        Assert.Equal(
            ["Delivery/Features/Submit.cs uses Identity.Domain", "Identity/Features/Login.cs uses Catalog.Data"],
            FindViolations(files));
    }

    private static List<string> FindViolations(IReadOnlyList<(string Module, string Path, string Text)> files) =>
        files.SelectMany(f => InternalReference().Matches(f.Text)
                .Where(m => m.Groups["module"].Value != f.Module)
                .Select(m => $"{f.Path} uses {m.Groups["module"].Value}.{m.Groups["part"].Value}"))
            .Distinct()
            .ToList();

    [GeneratedRegex(@"Assessa\.Server\.Modules\.(?<module>\w+)\.(?<part>Domain|Data)\b")]
    private static partial Regex InternalReference();
}
