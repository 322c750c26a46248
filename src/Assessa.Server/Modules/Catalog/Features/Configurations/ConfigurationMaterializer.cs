using System.Text.Json;
using Assessa.Server.Modules.Catalog.Domain;
using Assessa.Server.Modules.Catalog.Features.Assessments;
using Assessa.Server.Modules.Catalog.Features.Questions;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Catalog.Features.Configurations;

/// <summary>
/// Turns the tenant's active SJT or JDT configuration into a published assessment version, so it can be delivered
/// like any assessment: each scenario (SJT) or role question (JDT, one section per role) becomes an open-text
/// question, kept in the bank under a source key and updated in place when the configuration changes.
/// Configurations without scenarios or roles (free-form data) materialise nothing.
/// </summary>
public sealed class ConfigurationMaterializer(AppDbContext db, QuestionStore questions, AssessmentStore assessments)
{
    private sealed record Generated(string SourceKey, QuestionInput Input, string? Section);

    public async Task<Error?> MaterializeAsync(Configuration config, CancellationToken ct)
    {
        if (config.Scope != ConfigScope.Tenant || !config.IsActive || config.ConfigType == ConfigType.Global)
        {
            return null;
        }

        var root = JsonDocument.Parse(config.ConfigData).RootElement;
        var generated = config.ConfigType == ConfigType.Sjt ? FromScenarios(root) : FromRoles(root);
        if (generated.Count == 0)
        {
            return null;
        }

        var validation = new Validation();
        var drafts = generated.Select((g, i) => QuestionRules.Validate(g.Input, validation, $"config_data.generated[{i}].")).ToList();
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var keys = generated.Select(g => g.SourceKey).ToList();
        var existing = await db.Set<Question>().IgnoreQueryFilters([QueryFilters.SoftDelete]).Where(q => keys.Contains(q.SourceKey!)).ToDictionaryAsync(q => q.SourceKey!, ct);
        var items = new List<ItemInput>();
        for (var i = 0; i < generated.Count; i++)
        {
            var question = existing.GetValueOrDefault(generated[i].SourceKey);
            if (question is null)
            {
                question = await questions.CreateAsync(drafts[i]!, ct, generated[i].SourceKey);
            }
            else
            {
                question.DeletedAt = null;
                await questions.UpdateAsync(question, drafts[i]!, ct);
            }

            items.Add(new ItemInput(question.Id, generated[i].Section));
        }

        var testType = config.ConfigType == ConfigType.Sjt ? "SJT" : "JDT";
        var assessment = await db.Set<Assessment>().SingleOrDefaultAsync(a => a.TestType == testType, ct);
        if (assessment is null)
        {
            assessment = new Assessment
            {
                Title = testType == "SJT" ? "Situational Judgment Test" : "Job Diagnostic Test",
                TestType = testType,
                PackageNumber = await assessments.NextPackageNumberAsync(ct),
            };
            db.Add(assessment);
        }

        assessment.Status = assessment.LatestVersion > 0 ? AssessmentStatus.Published : AssessmentStatus.Draft;
        assessment.Settings = Settings(root, items.Count);
        assessment.HasUnpublishedChanges = true;
        await db.SaveChangesAsync(ct);
        if (await assessments.SetItemsAsync(assessment, items, ct) is { } itemsError)
        {
            return itemsError;
        }

        await db.SaveChangesAsync(ct);
        var (_, publishError) = await assessments.PublishAsync(assessment, ct);
        return publishError;
    }

    private static List<Generated> FromScenarios(JsonElement root)
    {
        var result = new List<Generated>();
        if (!root.TryGetProperty("scenarios", out var scenarios) || scenarios.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        var index = 0;
        foreach (var s in scenarios.EnumerateArray())
        {
            var best = Text(s, "bestResponseRationale");
            var worst = Text(s, "worstResponseRationale");
            var rubric = best is null && worst is null ? null : $"Best response: {best ?? "—"}\nWorst response: {worst ?? "—"}";
            result.Add(new Generated(
                Key("sjt", Id(s) ?? $"#{index}"),
                new QuestionInput("open_text", Text(s, "question"), Text(s, "situation"), Text(s, "assessedCompetency") ?? "Situational judgment",
                    null, ["sjt"], [], null, best, rubric, null, null, null, null, "en", null, true),
                null));
            index++;
        }

        return result;
    }

    private static List<Generated> FromRoles(JsonElement root)
    {
        var result = new List<Generated>();
        if (!root.TryGetProperty("roles", out var roles) || roles.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        var roleIndex = 0;
        foreach (var role in roles.EnumerateArray())
        {
            var roleName = Text(role, "roleName") ?? $"Role {roleIndex + 1}";
            var roleKey = Id(role) ?? $"#{roleIndex}";
            if (role.TryGetProperty("questions", out var qs) && qs.ValueKind == JsonValueKind.Array)
            {
                var qIndex = 0;
                foreach (var q in qs.EnumerateArray())
                {
                    result.Add(new Generated(
                        Key("jdt", $"{roleKey}:{Id(q) ?? $"#{qIndex}"}"),
                        new QuestionInput("open_text", Text(q, "text"), null, Text(q, "competency") ?? roleName,
                            null, ["jdt", roleName.Length <= 50 ? roleName : roleName[..50]], [], null, Text(q, "preferredAnswer"), Text(role, "jobDescription"),
                            null, null, null, null, "en", null, true),
                        roleName.Length <= 200 ? roleName : roleName[..200]));
                    qIndex++;
                }
            }

            roleIndex++;
        }

        return result;
    }

    private static AssessmentSettings Settings(JsonElement root, int itemCount)
    {
        int? Number(string name) =>
            root.TryGetProperty("settings", out var s) && s.ValueKind == JsonValueKind.Object && s.TryGetProperty(name, out var v)
            && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n > 0 ? n : null;

        var count = Number("numberOfQuestions");
        return new AssessmentSettings(
            TimeLimitMinutes: Number("timeLimit") is { } minutes ? Math.Min(minutes, 24 * 60) : null,
            QuestionTimeLimitSeconds: Number("questionTimeLimit") is { } seconds ? Math.Clamp(seconds, 5, 24 * 60 * 60) : null,
            NumberOfQuestions: count is null ? null : Math.Min(count.Value, itemCount));
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()) ? value.GetString()!.Trim() : null;

    private static string? Id(JsonElement obj) =>
        obj.TryGetProperty("id", out var id) ? id.ValueKind switch
        {
            JsonValueKind.String => id.GetString(),
            JsonValueKind.Number => id.GetRawText(),
            _ => null,
        } : null;

    private static string Key(string kind, string id)
    {
        var key = $"config:{kind}:{id}";
        return key.Length <= 200 ? key : key[..200];
    }
}
