using System.Text.Json;
using System.Text.Json.Serialization;

namespace Assessa.Server.Platform.Json;

/// <summary>The JSON rules of every Assessa API: snake_case names and enums, strict numbers, no comments.</summary>
public static class AssessaJson
{
    /// <summary>A ready-made copy, for code outside HTTP handlers (outbox payloads, webhooks, tests).</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.AllowTrailingCommas = false;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        options.MaxDepth = 64;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new NormalizedDecimalConverter());
        return options;
    }

    public static IServiceCollection AddAssessaJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(o => Configure(o.SerializerOptions));
}
