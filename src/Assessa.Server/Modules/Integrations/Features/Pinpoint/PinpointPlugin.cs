using Assessa.Server.Modules.Catalog;
using Assessa.Server.Modules.Identity.Security;
using Assessa.Server.Modules.Integrations.Domain;
using Assessa.Server.Modules.Integrations.Features.Ats;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessa.Server.Modules.Integrations.Features.Pinpoint;

/// <summary>
/// contracts/pinpoint-plugin.md, the two meta calls: <c>POST /integrations/pinpoint</c> (what the plugin is: name,
/// logo, the createAssessment action, the configuration form) and <c>POST …/create-assessment/meta</c> (the form
/// Pinpoint shows, listing the tenant's published assessments — or a danger callout when the key is missing, wrong,
/// lacks a scope, or the tenant switched Pinpoint off).
/// </summary>
public static class PinpointPlugin
{
    public const string Root = "/integrations/pinpoint";
    public const string ActionKey = "createAssessment";
    public const string ActionLabel = "Send to Assessa";
    public const string MetaEndpoint = Root + "/create-assessment/meta";
    public const string SubmitEndpoint = Root + "/create-assessment/submit";
    public const string WebhookEndpoint = Root + "/webhook";

    private static readonly Lazy<string> Logo = new(() => DataUri("Assessa.pinpoint-logo.png", "image/png"));
    private static readonly Lazy<string> Icon = new(() => DataUri("Assessa.pinpoint-icon.svg", "image/svg+xml"));

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(Root, PluginMeta).WithTags("Pinpoint").WithName("Integrations.PinpointPluginMeta")
            .WithSummary("Pinpoint plugin meta").AllowAnonymous().DisableAntiforgery();
        app.MapPost(MetaEndpoint, ActionMetaAsync).WithTags("Pinpoint").WithName("Integrations.PinpointActionMeta")
            .WithSummary("Pinpoint createAssessment form (lists published assessments)").AllowAnonymous().DisableAntiforgery();
    }

    public static JsonHttpResult<object> PluginMeta() => TypedResults.Json<object>(new
    {
        version = "1.0.0",
        name = "Assessa",
        logoBase64 = Logo.Value,
        actions = new[]
        {
            new
            {
                key = ActionKey,
                label = ActionLabel,
                iconSvgBase64 = Icon.Value,
                metaEndpoint = MetaEndpoint,
                mappings = new[]
                {
                    new { key = "firstName", label = "First Name", value = "{{candidate_first_name}}" },
                    new { key = "lastName", label = "Last Name", value = "{{candidate_last_name}}" },
                    new { key = "email", label = "Email", value = "{{candidate_email}}" },
                },
            },
        },
        webhookProcessEndpoint = WebhookEndpoint,
        webhookAuthenticationHeader = "X-Assessa-Signature",
        configurationFormFields = new[]
        {
            new
            {
                key = PinpointCall.ApiKeyField,
                label = "API Key",
                description = "An Assessa API key of your organisation with the assessments:read, assessments:write and results:read scopes (Settings → API keys).",
                type = "string",
                required = true,
                sensitive = true,
                useAsHttpHeader = ApiKeyAuthenticationHandler.PinpointHeaderName,
            },
        },
    }, PinpointCall.Json);

    public static async Task<Results<JsonHttpResult<object>, ProblemHttpResult>> ActionMetaAsync(
        HttpRequest request, AtsCallers callers, PublishedAssessments catalog, CancellationToken ct)
    {
        var (call, problem) = await PinpointCall.ReadAsync(request, ActionKey, ct);
        if (problem is not null)
        {
            return problem;
        }

        var caller = await callers.ResolveAsync(call!.Configuration(PinpointCall.ApiKeyField), ct);
        var refusal = caller is null
            ? "Enter a valid Assessa API key in this integration's settings (Assessa → Settings → API keys)."
            : !caller.Allows(ApiScopes.AssessmentsRead) || !caller.Allows(ApiScopes.AssessmentsWrite)
                ? "This Assessa API key may not list and send assessments: give it the assessments:read and assessments:write scopes."
                : !await callers.IsEnabledAsync(IntegrationNames.Pinpoint, ct)
                    ? "Pinpoint is switched off for this organisation in Assessa (Settings → Integrations)."
                    : null;
        object[] fields;
        if (refusal is not null)
        {
            fields = [new { key = "apiKeyCallout", label = "No API Key", type = "callout", intent = "danger", description = refusal }];
        }
        else
        {
            var assessments = await catalog.ListAsync(ct);
            fields =
            [
                new
                {
                    key = "selectedTest", label = "Selected Test", placeholder = "Select test...", type = "string", required = true, value = "",
                    singleSelectOptions = assessments.OrderBy(a => a.Title, StringComparer.OrdinalIgnoreCase).Select(a => new { label = a.Title, value = a.Id.ToString() }).ToArray(),
                },
                Person("firstName", "First Name"),
                Person("lastName", "Last Name"),
                Person("email", "Email"),
            ];
        }

        if (caller is not null)
        {
            await callers.RecordAsync(caller, IntegrationNames.Pinpoint, "action_meta", StatusCodes.Status200OK, refusal, ct: ct);
        }

        return TypedResults.Json<object>(new
        {
            actionVersion = "1.0.0",
            key = ActionKey,
            label = ActionLabel,
            description = "Invite this candidate to an Assessa assessment; the result comes back to the candidate's profile.",
            formFields = fields,
            submitEndpoint = SubmitEndpoint,
        }, PinpointCall.Json);
    }

    private static object Person(string key, string label) =>
        new { key, label, type = "string", required = true, @readonly = false, includeValueInRefetch = true };

    private static string DataUri(string resource, string mediaType)
    {
        using var stream = typeof(PinpointPlugin).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded resource {resource} is missing from the build.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return $"data:{mediaType};base64,{Convert.ToBase64String(buffer.ToArray())}";
    }
}
