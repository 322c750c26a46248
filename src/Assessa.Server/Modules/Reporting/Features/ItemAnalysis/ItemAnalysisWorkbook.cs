using Assessa.Server.Modules.Reporting.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Files;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Reporting.Features.ItemAnalysis;

/// <summary>
/// <c>GET /api/v1/assessments/{assessmentId}/versions/{number}/item-analysis.xlsx</c>: the cached analysis as a
/// workbook with three sheets — Summary (the test statistics and the cache's state), Items and Options (the same
/// rows as <see cref="ItemAnalysisRows"/>). Same answers as the JSON read, 404 until one was requested.
/// </summary>
public static class ItemAnalysisWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly string[] SummaryHeader = ["field", "value"];

    public static void Map(RouteGroupBuilder reporting) =>
        reporting.MapGet("/assessments/{assessmentId}/versions/{number}/item-analysis.xlsx", HandleAsync)
            .WithName("Reporting.ItemAnalysisWorkbook").WithSummary("The item analysis of a published version as an xlsx workbook");

    public static async Task<Results<FileStreamHttpResult, PushStreamHttpResult, ProblemHttpResult>> HandleAsync(string assessmentId, string number, AppDbContext db, CancellationToken ct)
    {
        var (target, error) = await ItemAnalysisTarget.ResolveAsync(assessmentId, number, db, ct);
        if (target is null)
        {
            return error!.ToProblem();
        }

        var analysis = await db.Set<Domain.ItemAnalysis>().AsNoTracking().SingleOrDefaultAsync(a => a.VersionId == target.VersionId, ct);
        if (analysis is null)
        {
            return ReportingErrors.ItemAnalysisNotRequested(target.AssessmentId, target.Number).ToProblem();
        }

        var response = await ItemAnalysisTarget.RespondAsync(analysis, db, ct);
        return TypedResults.Stream(
            body => WriteAsync(body, response, ct),
            ContentType,
            $"item-analysis-{target.AssessmentId:N}-v{target.Number}.xlsx");
    }

    public static async Task WriteAsync(Stream output, ItemAnalysisResponse analysis, CancellationToken ct)
    {
        await using var xlsx = await XlsxWriter.CreateAsync(output, ct);
        await xlsx.StartSheetAsync("Summary", ct);
        await xlsx.WriteHeaderAsync(SummaryHeader, ct);
        foreach (var (field, value) in Summary(analysis))
        {
            await xlsx.WriteRowAsync([field, value], ct);
        }

        await xlsx.StartSheetAsync("Items", ct);
        await xlsx.WriteHeaderAsync(ItemAnalysisRows.ItemHeader, ct);
        foreach (var row in ItemAnalysisRows.Items(analysis))
        {
            await xlsx.WriteRowAsync(row, ct);
        }

        await xlsx.StartSheetAsync("Options", ct);
        await xlsx.WriteHeaderAsync(ItemAnalysisRows.OptionHeader, ct);
        foreach (var row in ItemAnalysisRows.Options(analysis))
        {
            await xlsx.WriteRowAsync(row, ct);
        }

        await xlsx.FinishAsync(ct);
    }

    private static IEnumerable<(string, object?)> Summary(ItemAnalysisResponse a) =>
    [
        ("assessment_id", a.AssessmentId.ToString()),
        ("version", (long)a.Version),
        ("status", a.Status),
        ("reason", a.Reason),
        ("computed_at", a.ComputedAt),
        ("submission_count", (long)a.SubmissionCount),
        ("current_submission_count", (long)a.CurrentSubmissionCount),
        ("stale", a.Stale),
        ("n_persons", (long?)a.Test?.NPersons),
        ("k_items", (long?)a.Test?.KItems),
        ("mean", a.Test?.Mean),
        ("sd", a.Test?.Sd),
        ("alpha", a.Test?.Alpha),
        ("kr20", a.Test?.Kr20),
        ("sem", a.Test?.Sem),
        ("group_size", (long?)a.Test?.GroupSize),
    ];
}
