using Assessa.Server.Modules.Delivery;
using Assessa.Server.Modules.Identity;
using Assessa.Server.Modules.Integrations.Domain;
using Assessa.Server.Modules.Integrations.Features.Greenhouse;
using Assessa.Server.Modules.Integrations.Features.Pinpoint;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Security;
using Assessa.Server.Platform.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Integrations.Features.Settings;

/// <summary>
/// The integration settings page's data (admins): <c>GET /api/v1/integrations</c> — for Pinpoint and Greenhouse,
/// whether it is on, the URLs to register, the scopes a key needs, the API keys that called in the last 30 days
/// (and the scopes they lack), the last call, the last error and the counts of calls and errors in the last 24 hours (<c>recent_calls</c>, <c>recent_errors</c>) — and
/// <c>PUT /api/v1/integrations/{name}</c> <c>{"enabled":false}</c> to switch one off (its endpoints then refuse).
/// </summary>
public static class IntegrationSettings
{
    public sealed record KeyUse(Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, IReadOnlyList<string> MissingScopes, DateTime? LastUsedAt, DateTime? RevokedAt);

    public sealed record LastError(DateTime At, string Operation, int StatusCode, string? Message);

    public sealed record IntegrationView(
        string Name,
        bool Enabled,
        Dictionary<string, string> Urls,
        IReadOnlyList<string> RequiredScopes,
        List<KeyUse> ApiKeys,
        DateTime? LastCallAt,
        LastError? LastError,
        int RecentCalls,
        int RecentErrors);

    public sealed record SwitchInput(bool? Enabled);

    private static readonly Dictionary<string, string[]> Scopes = new()
    {
        [IntegrationNames.Pinpoint] = [ApiScopes.AssessmentsRead, ApiScopes.AssessmentsWrite, ApiScopes.ResultsRead],
        [IntegrationNames.Greenhouse] = [ApiScopes.AssessmentsRead, ApiScopes.AssessmentsWrite, ApiScopes.ResultsRead],
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/integrations").WithTags("Integrations").RequireAuthorization(Policies.Admin);
        group.MapGet("", ListAsync).WithName("Integrations.List").WithSummary("Integrations: on/off, URLs, keys in use, last calls and errors");
        group.MapGet("/{name}", GetAsync).WithName("Integrations.Get").WithSummary("One integration's settings and health");
        group.MapPut("/{name}", SwitchAsync).WithName("Integrations.Switch").WithSummary("Switch an integration on or off");
        IntegrationCallLog.Map(group);
    }

    public static async Task<Results<Ok<List<IntegrationView>>, ProblemHttpResult>> ListAsync(
        AppDbContext db, IdentityDirectory identity, PublicLinks links, ICurrentTenant tenant, TimeProvider time, CancellationToken ct)
    {
        if (tenant.TenantId is null)
        {
            return NoTenant();
        }

        var views = new List<IntegrationView>();
        foreach (var name in IntegrationNames.All)
        {
            views.Add(await ViewAsync(db, identity, links, name, time.UtcNow(), ct));
        }

        return TypedResults.Ok(views);
    }

    public static async Task<Results<Ok<IntegrationView>, ProblemHttpResult>> GetAsync(
        string name, AppDbContext db, IdentityDirectory identity, PublicLinks links, ICurrentTenant tenant, TimeProvider time, CancellationToken ct) =>
        tenant.TenantId is null ? NoTenant()
        : !IntegrationNames.All.Contains(name) ? Unknown(name)
        : TypedResults.Ok(await ViewAsync(db, identity, links, name, time.UtcNow(), ct));

    public static async Task<Results<Ok<IntegrationView>, ProblemHttpResult>> SwitchAsync(
        string name, SwitchInput input, AppDbContext db, IdentityDirectory identity, PublicLinks links, ICurrentTenant tenant, TimeProvider time, CancellationToken ct)
    {
        if (tenant.TenantId is not { } tenantId)
        {
            return NoTenant();
        }

        if (!IntegrationNames.All.Contains(name))
        {
            return Unknown(name);
        }

        var v = new Validation().Check(input.Enabled is not null, "enabled", "is required: true or false.");
        if (!v.IsValid)
        {
            return v.ToError().ToProblem();
        }

        var setting = await db.Set<IntegrationSetting>().SingleOrDefaultAsync(s => s.Integration == name, ct);
        if (setting is null)
        {
            db.Add(new IntegrationSetting { TenantId = tenantId, Integration = name, Enabled = input.Enabled!.Value });
        }
        else
        {
            setting.Enabled = input.Enabled!.Value;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return Error.Conflict("concurrent_update", "Another admin changed this integration at the same moment; read it again and retry.").ToProblem();
        }

        return TypedResults.Ok(await ViewAsync(db, identity, links, name, time.UtcNow(), ct));
    }

    public static ProblemHttpResult Unknown(string name) =>
        new Error(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Not found",
            $"Integration '{(name.Length <= 40 ? name : name[..40])}' is not known; known: {string.Join(", ", IntegrationNames.All)}.").ToProblem();

    public static ProblemHttpResult NoTenant() =>
        Error.Forbidden("Integrations belong to an organisation; sign in as one of its admins.").ToProblem();

    private static async Task<IntegrationView> ViewAsync(AppDbContext db, IdentityDirectory identity, PublicLinks links, string name, DateTime now, CancellationToken ct)
    {
        var calls = db.Set<IntegrationCall>().Where(c => c.Integration == name);
        var enabled = await db.Set<IntegrationSetting>().Where(s => s.Integration == name).Select(s => (bool?)s.Enabled).SingleOrDefaultAsync(ct) ?? true;
        var lastCallAt = await calls.OrderByDescending(c => c.At).Select(c => (DateTime?)c.At).FirstOrDefaultAsync(ct);
        var lastError = await calls.Where(c => !c.Succeeded).OrderByDescending(c => c.At)
            .Select(c => new LastError(c.At, c.Operation, c.StatusCode, c.Error)).FirstOrDefaultAsync(ct);
        var since = now.AddHours(-24);
        var recentCalls = await calls.CountAsync(c => c.At >= since, ct);
        var recentErrors = await calls.CountAsync(c => c.At >= since && !c.Succeeded, ct);
        var keyIds = await calls.Where(c => c.ApiKeyId != null).Select(c => c.ApiKeyId!.Value).Distinct().ToListAsync(ct);
        var required = Scopes[name];
        var keys = (await identity.ApiKeysAsync(keyIds, ct))
            .Select(k => new KeyUse(k.Id, k.Name, k.Prefix, k.Scopes, k.Scopes.Contains(ApiScopes.All) ? [] : required.Except(k.Scopes).ToList(), k.LastUsedAt, k.RevokedAt))
            .ToList();
        return new IntegrationView(name, enabled, Urls(links, name), required, keys, lastCallAt, lastError, recentCalls, recentErrors);
    }

    private static Dictionary<string, string> Urls(PublicLinks links, string name) => name == IntegrationNames.Pinpoint
        ? new() { ["plugin_url"] = links.Absolute(PinpointPlugin.Root) }
        : new()
        {
            ["list_tests_url"] = links.Absolute(GreenhouseEndpoints.Root + "/list_tests"),
            ["send_test_url"] = links.Absolute(GreenhouseEndpoints.Root + "/send_test"),
            ["test_status_url"] = links.Absolute(GreenhouseEndpoints.Root + "/test_status"),
            ["response_error_url"] = links.Absolute(GreenhouseEndpoints.Root + "/response_error"),
        };
}
