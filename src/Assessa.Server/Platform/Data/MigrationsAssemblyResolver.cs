using System.Reflection;
using System.Runtime.Loader;

namespace Assessa.Server.Platform.Data;

/// <summary>
/// The migrations assemblies are built after the server and copied beside it (docs/adr/0002), so the server's
/// deps.json does not list them and .NET would not find them by name. This resolves them from the server's
/// own folder.
/// </summary>
public static class MigrationsAssemblyResolver
{
    private static int _installed;

    public static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 1)
        {
            return;
        }

        AssemblyLoadContext.Default.Resolving += Resolve;
    }

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
    {
        if (name.Name is null || !Enum.GetValues<DatabaseProvider>().Any(p => p.MigrationsAssembly() == name.Name))
        {
            return null;
        }

        var path = Path.Combine(AppContext.BaseDirectory, name.Name + ".dll");
        return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
    }
}
