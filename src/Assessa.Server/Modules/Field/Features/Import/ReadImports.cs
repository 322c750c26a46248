using System.Text;
using Assessa.Server.Modules.Field.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Assessa.Server.Platform.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Field.Features.Import;

/// <summary>An import as the native API shows it: counts, progress, what was detected.</summary>
public sealed record ImportResponse(
    Guid Id, string TaskId, string FileName, long SizeBytes, string Status, string? Delimiter, string? Encoding, long TotalRows, long SuccessfulRows,
    long FailedRows, long CreatedSessions, long UpdatedSessions, long LinesDone, int Progress, string? Error, DateTime CreatedAt, DateTime? StartedAt, DateTime? CompletedAt)
{
    public static ImportResponse From(FieldImport i, int progress) => new(
        i.Id, i.Id.ToString(), i.FileName, i.SizeBytes, i.Status, i.Delimiter, i.Encoding, i.TotalRows, i.SuccessfulRows, i.FailedRows, i.CreatedSessions,
        i.UpdatedSessions, i.LinesDone, i.Status == FieldImportStatus.Succeeded ? 100 : progress, i.Error, i.CreatedAt, i.StartedAt, i.CompletedAt);

    public static object Summary(FieldImport i) => new
    {
        i.TotalRows,
        i.SuccessfulRows,
        i.FailedRows,
        i.CreatedSessions,
        i.UpdatedSessions,
    };
}

/// <summary>
/// <c>GET /api/v1/atendimento/task_status/{task_id}</c> (documented; <c>errors</c> capped at 1,000) and the native
/// <c>GET /api/v1/field/imports</c>, <c>/{id}</c> and <c>/{id}/errors.csv</c> (every row error, as CSV).
/// </summary>
public static class ReadImports
{
    public const int ContractErrorCap = 1000;

    public sealed record TaskError(long Line, string Error, string? Data);

    public sealed record TaskResult(string Status, long TotalRows, long SuccessfulRows, long FailedRows, IReadOnlyList<TaskError> Errors);

    public sealed record TaskStatus(string State, string Status, int Progress, TaskResult? Result);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/atendimento/task_status/{taskId}", TaskStatusAsync).WithTags("Field").WithName("Field.TaskStatus")
            .WithSummary("State of a CSV import").RequireAuthorization(FieldPolicies.Read);
        var group = app.MapGroup("/api/v1/field/imports").WithTags("Field").RequireAuthorization(FieldPolicies.Read);
        group.MapGet("", ListAsync).WithName("Field.ListImports").WithSummary("List CSV imports, newest first");
        group.MapGet("/{id:guid}", GetAsync).WithName("Field.GetImport").WithSummary("One CSV import: counts, progress, detected format");
        group.MapGet("/{id:guid}/errors.csv", ErrorsAsync).WithName("Field.ImportErrors").WithSummary("Every row error of an import, as CSV");
    }

    public static async Task<Results<Ok<TaskStatus>, ProblemHttpResult>> TaskStatusAsync(string taskId, AppDbContext db, CancellationToken ct)
    {
        if (!Guid.TryParse(taskId, out var id) || await db.Set<FieldImport>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct) is not { } import)
        {
            return NotFound(taskId).ToProblem();
        }

        var progress = await ProgressAsync(db, import, ct);
        var state = import.Status switch
        {
            FieldImportStatus.Succeeded => "SUCCESS",
            FieldImportStatus.Failed => "FAILURE",
            FieldImportStatus.Running => "PROGRESS",
            _ => "PENDING",
        };
        TaskResult? result = null;
        var status = state switch
        {
            "SUCCESS" => "Import completed",
            "FAILURE" => import.Error ?? "Import failed",
            "PROGRESS" => $"Processing: {import.TotalRows} rows done",
            _ => "Waiting to start",
        };
        if (state == "SUCCESS")
        {
            var errors = await db.Set<FieldImportError>().AsNoTracking().Where(e => e.ImportId == import.Id).OrderBy(e => e.Line).Take(ContractErrorCap)
                .Select(e => new TaskError(e.Line, e.Error, e.Data)).ToListAsync(ct);
            result = new TaskResult("completed", import.TotalRows, import.SuccessfulRows, import.FailedRows, errors);
        }

        return TypedResults.Ok(new TaskStatus(state, status, progress, result));
    }

    public static async Task<Results<Ok<List<ImportResponse>>, ProblemHttpResult>> ListAsync(int? page, [FromQuery(Name = "per_page")] int? perPage, HttpContext http, AppDbContext db, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(page, perPage, out var request, out var error))
        {
            return error!.ToProblem();
        }

        var imports = await db.Set<FieldImport>().AsNoTracking().OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id).ToPageAsync(request, http, ct);
        var jobIds = imports.Where(i => i.JobId is not null).Select(i => i.JobId!.Value).ToList();
        var jobs = await db.Jobs.AsNoTracking().Where(j => jobIds.Contains(j.Id)).Select(j => new JobView(j.Id, j.Progress, j.Status, j.Error)).ToDictionaryAsync(j => j.Id, ct);
        return TypedResults.Ok(imports.Select(i => ImportResponse.From(i, Reconcile(i, i.JobId is { } job ? jobs.GetValueOrDefault(job) : null))).ToList());
    }

    public static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> GetAsync(Guid id, AppDbContext db, CancellationToken ct)
    {
        var import = await db.Set<FieldImport>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
        return import is null ? NotFound(id.ToString()).ToProblem() : TypedResults.Ok(ImportResponse.From(import, await ProgressAsync(db, import, ct)));
    }

    public static async Task<IResult> ErrorsAsync(Guid id, AppDbContext db, CancellationToken ct)
    {
        if (!await db.Set<FieldImport>().AnyAsync(i => i.Id == id, ct))
        {
            return NotFound(id.ToString()).ToProblem();
        }

        var errors = db.Set<FieldImportError>().AsNoTracking().Where(e => e.ImportId == id).OrderBy(e => e.Line).AsAsyncEnumerable();
        return TypedResults.Stream(
            async body =>
            {
                await using var writer = new StreamWriter(body, new UTF8Encoding(false), 1 << 16);
                await writer.WriteAsync("line,error,data\n");
                await foreach (var error in errors.WithCancellation(ct))
                {
                    await writer.WriteAsync($"{error.Line},{Quote(error.Error)},{Quote(error.Data ?? "")}\n");
                }
            },
            "text/csv; charset=utf-8",
            $"field-import-{id:N}-errors.csv");
    }

    private sealed record JobView(Guid Id, int Progress, JobStatus Status, string? Error);

    /// <summary>The job's progress; reconciles <paramref name="import"/> (read without tracking) with its job.</summary>
    private static async Task<int> ProgressAsync(AppDbContext db, FieldImport import, CancellationToken ct) =>
        Reconcile(import, import.JobId is { } jobId
            ? await db.Jobs.AsNoTracking().Where(j => j.Id == jobId).Select(j => new JobView(j.Id, j.Progress, j.Status, j.Error)).FirstOrDefaultAsync(ct)
            : null);

    /// <summary>
    /// When the runner gave up on the job without the handler running (its worker died on every attempt, so the
    /// lease ran out once too often), the import row still says queued or running: the job's failure is the truth.
    /// </summary>
    private static int Reconcile(FieldImport import, JobView? job)
    {
        if (job is { Status: JobStatus.Failed } && import.Status is FieldImportStatus.Queued or FieldImportStatus.Running)
        {
            import.Status = FieldImportStatus.Failed;
            import.Error ??= job.Error ?? "The import's background job failed.";
        }

        return job?.Progress ?? 0;
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static Error NotFound(string id) => Error.NotFound("Import task", id);
}
