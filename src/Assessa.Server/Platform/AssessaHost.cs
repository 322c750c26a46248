using Assessa.Server.Platform.Configuration;

namespace Assessa.Server.Platform;

/// <summary>
/// Builds the host: configuration from appsettings, then the env file (<c>ENV_FILE</c> or <c>.env</c>), then
/// the real environment and command line (which win), and the default address http://localhost:8000.
/// </summary>
public static class AssessaHost
{
    public const string DefaultUrl = "http://localhost:8000";

    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var fileValues = EnvFile.LoadFromEnvironment(Directory.GetCurrentDirectory())
            .GroupBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.OrdinalIgnoreCase);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = ContentRoot(),
            EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") is null
                && Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is null
                    ? fileValues.GetValueOrDefault("ASPNETCORE_ENVIRONMENT") ?? fileValues.GetValueOrDefault("DOTNET_ENVIRONMENT")
                    : null,
        });

        if (fileValues.Count > 0)
        {
            builder.Configuration.AddInMemoryCollection(fileValues.SelectMany(ToConfiguration));
            builder.Configuration.AddEnvironmentVariables();
            builder.Configuration.AddCommandLine(args);
        }

        var hasAddress = !string.IsNullOrWhiteSpace(builder.Configuration["urls"])
            || !string.IsNullOrWhiteSpace(builder.Configuration["http_ports"])
            || !string.IsNullOrWhiteSpace(builder.Configuration["https_ports"]);
        if (!hasAddress)
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        return builder;
    }

    // The working directory when it holds the configuration (dotnet run, or a service started in the install
    // folder); otherwise the folder of the binary, so `dotnet /opt/assessa/Assessa.Server.dll` finds appsettings.json.
    private static string ContentRoot()
    {
        var current = Directory.GetCurrentDirectory();
        return File.Exists(Path.Combine(current, "appsettings.json")) ? current : AppContext.BaseDirectory;
    }

    // KEY__SUB=value → KEY:SUB; ASPNETCORE_URLS also as "urls", as the host reads it from the environment.
    private static IEnumerable<KeyValuePair<string, string?>> ToConfiguration(KeyValuePair<string, string> pair)
    {
        yield return new(pair.Key.Replace("__", ":", StringComparison.Ordinal), pair.Value);
        foreach (var prefix in new[] { "ASPNETCORE_", "DOTNET_" })
        {
            if (pair.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                yield return new(pair.Key[prefix.Length..], pair.Value);
            }
        }
    }
}
