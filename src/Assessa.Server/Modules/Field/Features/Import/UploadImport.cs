using Assessa.Server.Modules.Field.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Jobs;
using Assessa.Server.Platform.Security;
using Assessa.Server.Platform.Tenancy;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Assessa.Server.Modules.Field.Features.Import;

/// <summary>
/// <c>POST /api/v1/atendimento/import_csv</c> (documented) and <c>POST /api/v1/field/imports</c> (native): a
/// multipart <c>file</c> or a raw <c>text/csv</c> body, streamed to disk (never held in memory) up to
/// <c>Field__ImportMaxBytes</c>, its header checked, then queued as a durable job. 202 at once.
/// </summary>
public static class UploadImport
{
    private const int MultipartOverhead = 64 * 1024;
    private static readonly string[] RawTypes = ["text/csv", "text/plain", "application/csv", "application/vnd.ms-excel", "text/tab-separated-values"];

    public sealed record TaskAccepted(string Message, string TaskId);

    // No Accepts() metadata: it would make routing answer 415 to other bodies, where the contract says 400 "No file part".
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/atendimento/import_csv", ContractAsync).WithTags("Field").WithName("Field.ImportCsv")
            .WithSummary("Import field sessions from CSV (background job)").RequireAuthorization(FieldPolicies.Manage)
            .DisableAntiforgery();
        app.MapPost("/api/v1/field/imports", NativeAsync).WithTags("Field").WithName("Field.CreateImport")
            .WithSummary("Upload a CSV of field sessions (background job)").RequireAuthorization(FieldPolicies.Manage)
            .DisableAntiforgery();
    }

    public static async Task<Results<Accepted<TaskAccepted>, ProblemHttpResult>> ContractAsync(
        HttpContext http, AppDbContext db, Outbox outbox, ICurrentActor actor, ICurrentTenant tenant, FieldImportSettings settings, CancellationToken ct)
    {
        var (import, problem) = await AcceptAsync(http, db, outbox, actor, tenant, settings, ct);
        return problem is not null
            ? problem.ToProblem()
            : TypedResults.Accepted($"/api/v1/atendimento/task_status/{import!.Id}", new TaskAccepted("CSV file is being processed", import.Id.ToString()));
    }

    public static async Task<Results<Accepted<ImportResponse>, ProblemHttpResult>> NativeAsync(
        HttpContext http, AppDbContext db, Outbox outbox, ICurrentActor actor, ICurrentTenant tenant, FieldImportSettings settings, CancellationToken ct)
    {
        var (import, problem) = await AcceptAsync(http, db, outbox, actor, tenant, settings, ct);
        return problem is not null
            ? problem.ToProblem()
            : TypedResults.Accepted($"/api/v1/field/imports/{import!.Id}", ImportResponse.From(import, 0));
    }

    private static async Task<(FieldImport? Import, Error? Problem)> AcceptAsync(
        HttpContext http, AppDbContext db, Outbox outbox, ICurrentActor actor, ICurrentTenant tenant, FieldImportSettings settings, CancellationToken ct)
    {
        if (tenant.TenantId is not { } tenantId)
        {
            return (null, Error.Forbidden("Imports belong to a tenant; sign in as a tenant's user."));
        }

        if (http.Request.ContentLength > settings.MaxBytes + MultipartOverhead)
        {
            return (null, TooLarge(settings));
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = settings.MaxBytes + MultipartOverhead;
        }

        var id = Guid.CreateVersion7();
        Directory.CreateDirectory(settings.Directory);
        var path = Path.Combine(settings.Directory, $"{id:N}.csv");
        (long Size, string FileName)? upload;
        try
        {
            upload = await SpoolAsync(http.Request, path, settings.MaxBytes, ct);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            Delete(path);
            return (null, TooLarge(settings));
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            Delete(path);
            return (null, Error.BadRequest("invalid_upload", "The upload could not be read: " + ex.Message));
        }

        if (upload is not { } file)
        {
            Delete(path);
            return (null, Error.BadRequest("no_file_part", "No file part"));
        }

        if (file.Size < 0)
        {
            Delete(path);
            return (null, TooLarge(settings));
        }

        if (file.Size == 0)
        {
            Delete(path);
            return (null, Error.BadRequest("empty_file", "Empty file"));
        }

        var headerProblem = await CheckHeaderAsync(path, ct);
        if (headerProblem is not null)
        {
            Delete(path);
            return (null, headerProblem);
        }

        try
        {
            var import = new FieldImport
            {
                Id = id,
                TenantId = tenantId,
                FileName = file.FileName,
                StoragePath = path,
                SizeBytes = file.Size,
                Status = FieldImportStatus.Queued,
                CreatedBy = actor.UserId,
            };
            db.Add(import);
            import.JobId = outbox.Enqueue(FieldImportJob.JobType, new FieldImportJob.Payload(id), tenantId).Id;
            await db.SaveChangesAsync(ct);
            return (import, null);
        }
        catch
        {
            Delete(path);
            throw;
        }
    }

    /// <summary>Null when the request carries no file; size −1 when it is over the limit.</summary>
    private static async Task<(long Size, string FileName)?> SpoolAsync(HttpRequest request, string path, long maxBytes, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType))
        {
            return null;
        }

        if (contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            if (HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
            {
                return null;
            }

            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    && HeaderUtilities.RemoveQuotes(disposition.Name).Value == "file")
                {
                    var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    var size = await CopyAsync(section.Body, path, maxBytes, ct);
                    return (size, Path.GetFileName(name is { Length: > 0 } ? name : "upload.csv"));
                }
            }

            return null;
        }

        if (RawTypes.Any(t => contentType.MediaType.Equals(t, StringComparison.OrdinalIgnoreCase)))
        {
            return (await CopyAsync(request.Body, path, maxBytes, ct), "upload.csv");
        }

        return null;
    }

    private static async Task<long> CopyAsync(Stream content, string path, long maxBytes, CancellationToken ct)
    {
        long size = 0;
        var buffer = new byte[81920];
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        int read;
        while ((read = await content.ReadAsync(buffer, ct)) > 0)
        {
            size += read;
            if (size > maxBytes)
            {
                return -1;
            }

            await file.WriteAsync(buffer.AsMemory(0, read), ct);
        }

        return size;
    }

    private static async Task<Error?> CheckHeaderAsync(string path, CancellationToken ct)
    {
        var header = await FieldCsv.ReadHeaderLineAsync(path, System.Text.Encoding.Latin1, ct);
        if (header is null)
        {
            return Error.BadRequest("invalid_csv", "The first line is not a CSV header (no line break in the first 64 KB).");
        }

        var delimiter = FieldCsv.DetectDelimiter(header);
        var (_, missing) = FieldCsv.MapHeader(header.Split(delimiter));
        return missing.Count == 0
            ? null
            : Error.BadRequest("invalid_csv", $"The header lacks the columns: {string.Join(", ", missing)}. Expected: {string.Join(",", FieldCsv.Columns)}.");
    }

    private static Error TooLarge(FieldImportSettings settings) =>
        new(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, "Payload too large", $"The file is larger than the import limit of {settings.MaxBytes} bytes (Field__ImportMaxBytes).");

    private static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Nothing was recorded for this upload; a stray file is harmless.
        }
    }
}
