using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Assessa.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Assessa.Tests.Platform;

public sealed partial class OpenApiTests(SharedApps apps)
{
    // Infrastructure routes that are deliberately not API operations (the document itself, the docs UI and
    // its assets, the Prometheus scrape). Anything else must be documented.
    private static bool IsInfrastructure(string pattern) =>
        pattern.StartsWith("/openapi/", StringComparison.Ordinal) || pattern.StartsWith("/docs", StringComparison.Ordinal) || pattern == "/metrics";

    [Theory, AllDatabases]
    public async Task The_openapi_document_lists_every_endpoint(Db db)
    {
        var app = await apps.GetAsync(db);
        var document = JsonDocument.Parse(await app.NewClient().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken)).RootElement;
        var paths = document.GetProperty("paths");

        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not null)
            .ToList();
        var excluded = endpoints.Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription == true)
            .Select(e => e.RoutePattern.RawText!)
            .ToList();
        Assert.All(excluded, pattern => Assert.True(IsInfrastructure(pattern), $"{pattern} is hidden from /openapi/v1.json"));

        var documented = endpoints.Where(e => !excluded.Contains(e.RoutePattern.RawText!)).ToList();
        Assert.Contains(documented, e => e.RoutePattern.RawText == "/health");
        foreach (var endpoint in documented)
        {
            var path = OpenApiPath(endpoint.RoutePattern.RawText!);
            Assert.True(paths.TryGetProperty(path, out var operations), $"{path} is missing from /openapi/v1.json");
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods)
            {
                Assert.True(operations.TryGetProperty(method.ToLowerInvariant(), out _), $"{method} {path} is missing from /openapi/v1.json");
            }
        }

        Assert.Equal("Assessa API", document.GetProperty("info").GetProperty("title").GetString());
        Assert.Contains("Idempotency-Key", document.GetProperty("info").GetProperty("description").GetString());
    }

    [Theory, AllDatabases]
    public async Task The_docs_page_and_its_script_are_served_locally(Db db)
    {
        var client = await apps.ClientAsync(db);
        var page = await client.GetAsync("/docs/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("<title>Assessa API</title>", html);
        Assert.DoesNotContain("cdn.", html);

        var script = await client.GetAsync("/docs/scalar.js", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length > 100_000);
    }

    [Theory, AllDatabases]
    public async Task The_docs_page_renders_the_api_in_a_browser(Db db)
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        Assert.SkipUnless(File.Exists(chromium), "needs Chromium (Debian package 'chromium'; .ci/run installs it)");
        var app = await apps.GetAsync(db);
        var profile = Directory.CreateTempSubdirectory("assessa-chromium-");
        try
        {
            var dom = await RunAsync(chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                $"--user-data-dir={profile.FullName}", "--virtual-time-budget=15000", "--dump-dom",
                new Uri(app.BaseAddress, "/docs/").ToString(),
            ]);

            // These strings exist only in the OpenAPI document: seeing them means the page ran its script,
            // fetched /openapi/v1.json and rendered the operations.
            Assert.Contains("Liveness and database check", dom);
            Assert.Contains("Service information", dom);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    private static string OpenApiPath(string pattern)
    {
        var path = RouteConstraint().Replace(pattern, "{$1}");
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z_]+)(:[^}]*)?\??\}")]
    private static partial Regex RouteConstraint();

    private static async Task<string> RunAsync(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        _ = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(90), TestContext.Current.CancellationToken);
        return await output;
    }
}
