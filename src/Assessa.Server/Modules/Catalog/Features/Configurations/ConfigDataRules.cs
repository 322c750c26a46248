using System.Text.Json;
using Assessa.Server.Modules.Catalog.Domain;
using Assessa.Server.Platform.Errors;

namespace Assessa.Server.Modules.Catalog.Features.Configurations;

/// <summary>
/// Any JSON object is a valid configuration; the SJT and JDT shapes of contracts/sjt-jdt-api.md are checked only
/// where their keys (<c>scenarios</c>, <c>roles</c>, <c>settings</c>) are present.
/// </summary>
public static class ConfigDataRules
{
    public const int MaxBytes = 1_000_000;

    private static readonly string[] ScenarioTexts = ["bestResponseRationale", "worstResponseRationale", "assessedCompetency"];
    private static readonly string[] WholeNumberSettings = ["timeLimit", "numberOfQuestions", "questionTimeLimit", "followUpCount"];

    public static void Validate(JsonElement? data, Validation v, string field = "config_data")
    {
        if (data is not { ValueKind: JsonValueKind.Object } root)
        {
            v.Add(field, "must be a JSON object.");
            return;
        }

        v.Check(root.GetRawText().Length <= MaxBytes, field, $"must be at most {MaxBytes:N0} characters of JSON.");
        if (root.TryGetProperty("scenarios", out var scenarios))
        {
            EachObject(scenarios, $"{field}.scenarios", v, (scenario, at) =>
            {
                RequiredText(scenario, "situation", at, v);
                RequiredText(scenario, "question", at, v);
                foreach (var name in ScenarioTexts)
                {
                    OptionalText(scenario, name, at, v);
                }

                Identifier(scenario, at, v);
            });
        }

        if (root.TryGetProperty("roles", out var roles))
        {
            EachObject(roles, $"{field}.roles", v, (role, at) =>
            {
                RequiredText(role, "roleName", at, v);
                OptionalText(role, "jobDescription", at, v);
                Identifier(role, at, v);
                if (role.TryGetProperty("questions", out var questions))
                {
                    EachObject(questions, $"{at}.questions", v, (question, qAt) =>
                    {
                        RequiredText(question, "text", qAt, v);
                        OptionalText(question, "preferredAnswer", qAt, v);
                        OptionalText(question, "competency", qAt, v);
                        Identifier(question, qAt, v);
                    });
                }
            });
        }

        if (root.TryGetProperty("settings", out var settings))
        {
            if (settings.ValueKind != JsonValueKind.Object)
            {
                v.Add($"{field}.settings", "must be an object.");
                return;
            }

            foreach (var name in WholeNumberSettings)
            {
                if (settings.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
                    && !(value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= 0))
                {
                    v.Add($"{field}.settings.{name}", "must be a whole number, 0 or more.");
                }
            }

            if (settings.TryGetProperty("followUpPenalty", out var penalty) && penalty.ValueKind != JsonValueKind.Null && penalty.ValueKind != JsonValueKind.Number)
            {
                v.Add($"{field}.settings.followUpPenalty", "must be a number.");
            }

            if (settings.TryGetProperty("aiGeneratedQuestions", out var ai) && ai.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
            {
                v.Add($"{field}.settings.aiGeneratedQuestions", "must be true or false.");
            }
        }
    }

    public static ConfigType? ParseType(string? type) => type?.Trim().ToLowerInvariant() switch
    {
        "sjt" => ConfigType.Sjt,
        "jdt" => ConfigType.Jdt,
        "global" => ConfigType.Global,
        _ => null,
    };

    private static void EachObject(JsonElement array, string at, Validation v, Action<JsonElement, string> check)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            v.Add(at, "must be an array.");
            return;
        }

        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                v.Add($"{at}[{i}]", "must be an object.");
            }
            else
            {
                check(item, $"{at}[{i}]");
            }

            i++;
        }
    }

    private static void RequiredText(JsonElement obj, string name, string at, Validation v) =>
        v.Check(obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()),
            $"{at}.{name}", "is required text.");

    private static void OptionalText(JsonElement obj, string name, string at, Validation v) =>
        v.Check(!obj.TryGetProperty(name, out var value) || value.ValueKind is JsonValueKind.String or JsonValueKind.Null, $"{at}.{name}", "must be text.");

    private static void Identifier(JsonElement obj, string at, Validation v) =>
        v.Check(!obj.TryGetProperty("id", out var id) || id.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null, $"{at}.id", "must be text or a number.");
}
