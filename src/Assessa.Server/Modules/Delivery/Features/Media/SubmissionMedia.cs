using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Modules.Delivery.Features.Submissions;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Assessa.Server.Modules.Delivery.Features.Media;

/// <summary>
/// <c>POST /api/v1/submissions/{id}/media</c> (multipart: <c>question_index</c>, <c>file_type</c> video|audio,
/// <c>file</c>) streams the file to the configured store — over <c>Media__MaxBytes</c> → 413, a type that is not
/// an accepted video/audio type or whose bytes do not match it → 415. <c>GET …/media</c> lists,
/// <c>GET …/media/{media_id}/content</c> downloads.
/// </summary>
public static class SubmissionMedia
{
    private const int MultipartOverhead = 64 * 1024;

    public sealed record MediaResponse(Guid Id, Guid SubmissionId, string FileName, string FileType, string MimeType, long FileSize, int QuestionIndex, string StorageProvider, string StorageUrl, string Sha256, DateTime CreatedAt)
    {
        public static MediaResponse From(MediaFile m) => new(m.Id, m.SubmissionId, m.FileName, m.FileType, m.MimeType, m.FileSize, m.QuestionIndex, m.StorageProvider, m.StorageUrl, m.Sha256, m.CreatedAt);
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/submissions/{id:guid}/media").WithTags("Submissions");
        group.MapPost("", UploadAsync).WithName("Delivery.UploadMedia").WithSummary("Attach a video or audio answer").RequireAuthorization(Policies.Person)
            .DisableAntiforgery().Accepts<IFormFile>("multipart/form-data");
        group.MapGet("", ListAsync).WithName("Delivery.ListMedia").WithSummary("List a submission's media").RequireAuthorization(Policies.Person);
        group.MapGet("/{mediaId:guid}/content", DownloadAsync).WithName("Delivery.DownloadMedia").WithSummary("Download a media file").RequireAuthorization(Policies.Person);
    }

    public static async Task<Results<Ok<MediaResponse>, ProblemHttpResult>> UploadAsync(
        Guid id, HttpContext http, AppDbContext db, ICurrentActor actor, MediaStorage storage, MediaSettings settings, TimeProvider time, CancellationToken ct)
    {
        var submission = await db.Set<Submission>().AsNoTracking().Visible(actor).SingleOrDefaultAsync(s => s.Id == id, ct);
        if (submission is null)
        {
            return DeliveryErrors.SubmissionNotFound(id).ToProblem();
        }

        if (http.Request.ContentLength > settings.MaxBytes + MultipartOverhead)
        {
            return TooLarge(settings);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = settings.MaxBytes + MultipartOverhead;
        }

        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType) || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return Unsupported("Send multipart/form-data with the fields question_index, file_type and file.");
        }

        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        (string Path, long Size, string Sha256, string FileName, string MimeType, byte[] Head)? upload = null;
        try
        {
            var reader = new MultipartReader(boundary, http.Request.Body);
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || disposition.Name.Value is not { } name)
                {
                    continue;
                }

                name = HeaderUtilities.RemoveQuotes(name).Value ?? "";
                if (disposition.FileName.HasValue || disposition.FileNameStar.HasValue)
                {
                    if (name != "file" || upload is not null)
                    {
                        Discard(upload?.Path);
                        return Invalid("file", "send exactly one file, in the field named file.");
                    }

                    var spooled = await MediaStorage.SpoolAsync(section.Body, settings.MaxBytes, storage.MediaRoot, ct);
                    if (spooled is null)
                    {
                        Discard(upload?.Path);
                        return TooLarge(settings);
                    }

                    var fileName = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "upload");
                    upload = (spooled.Value.Path, spooled.Value.Size, spooled.Value.Sha256, fileName, section.ContentType?.Split(';')[0].Trim().ToLowerInvariant() ?? "", await HeadAsync(spooled.Value.Path, ct));
                }
                else if (fields.Count < 10)
                {
                    using var text = new StreamReader(section.Body);
                    var value = await text.ReadToEndAsync(ct);
                    fields[name] = value.Length <= 100 ? value.Trim() : value[..100];
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            Discard(upload?.Path);
            return TooLarge(settings);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            Discard(upload?.Path);
            return Error.BadRequest("invalid_multipart", "The multipart body is malformed: " + ex.Message).ToProblem();
        }

        try
        {
            var fileType = fields.GetValueOrDefault("file_type")?.ToLowerInvariant();
            var v = new Validation()
                .Check(int.TryParse(fields.GetValueOrDefault("question_index"), out var questionIndex) && questionIndex is >= 0 and <= 10_000, "question_index", "is required: a whole number from 0.")
                .Check(upload is not null, "file", "is required.")
                .Check(upload is null || upload.Value.Size > 0, "file", "is empty.");
            if (fileType is not ("video" or "audio"))
            {
                return Unsupported("file_type must be video or audio.");
            }

            if (!v.IsValid)
            {
                return v.ToError().ToProblem();
            }

            var file = upload!.Value;
            var extension = MediaTypes.Extension(fileType, file.MimeType);
            if (extension is null)
            {
                return Unsupported($"A {fileType} file must be one of: {string.Join(", ", MediaTypes.Names.Where(n => n.StartsWith(fileType, StringComparison.Ordinal)))}; got '{file.MimeType}'.");
            }

            if (!MediaTypes.LooksLike(file.MimeType, file.Head))
            {
                return Unsupported($"The file's contents are not {file.MimeType}.");
            }

            var mediaId = Guid.CreateVersion7();
            var key = $"{submission.TenantId:N}/{submission.Id:N}/{mediaId:N}{extension}";
            var stored = await storage.StoreAsync(file.Path, key, file.Size, file.Sha256, file.MimeType, ct);
            upload = null;
            var media = new MediaFile
            {
                Id = mediaId,
                TenantId = submission.TenantId,
                SubmissionId = submission.Id,
                QuestionIndex = questionIndex,
                FileName = file.FileName.Length <= 255 ? file.FileName : file.FileName[..255],
                FileType = fileType,
                MimeType = file.MimeType,
                FileSize = file.Size,
                Sha256 = file.Sha256,
                StorageProvider = stored.Provider,
                StorageKey = stored.Key,
                StorageUrl = stored.Provider == MediaSettings.Local ? $"/api/v1/submissions/{submission.Id}/media/{mediaId}/content" : stored.Url,
                CreatedAt = time.UtcNow(),
            };
            db.Add(media);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch
            {
                await storage.DeleteAsync(stored.Provider, stored.Key, CancellationToken.None);
                throw;
            }

            return TypedResults.Ok(MediaResponse.From(media));
        }
        finally
        {
            Discard(upload?.Path);
        }
    }

    public static async Task<Results<Ok<List<MediaResponse>>, ProblemHttpResult>> ListAsync(Guid id, AppDbContext db, ICurrentActor actor, CancellationToken ct)
    {
        if (!await db.Set<Submission>().Visible(actor).AnyAsync(s => s.Id == id, ct))
        {
            return DeliveryErrors.SubmissionNotFound(id).ToProblem();
        }

        var media = await db.Set<MediaFile>().Where(m => m.SubmissionId == id).OrderBy(m => m.QuestionIndex).ThenBy(m => m.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(media.Select(MediaResponse.From).ToList());
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(Guid id, Guid mediaId, AppDbContext db, ICurrentActor actor, MediaStorage storage, CancellationToken ct)
    {
        if (!await db.Set<Submission>().Visible(actor).AnyAsync(s => s.Id == id, ct))
        {
            return DeliveryErrors.SubmissionNotFound(id).ToProblem();
        }

        var media = await db.Set<MediaFile>().SingleOrDefaultAsync(m => m.Id == mediaId && m.SubmissionId == id, ct);
        if (media is null)
        {
            return Error.NotFound("Media file", mediaId).ToProblem();
        }

        var stream = await storage.OpenAsync(media.StorageProvider, media.StorageKey, ct);
        return TypedResults.File(stream, media.MimeType, media.FileName);
    }

    private static async Task<byte[]> HeadAsync(string path, CancellationToken ct)
    {
        var head = new byte[16];
        await using var file = File.OpenRead(path);
        var read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        return head[..read];
    }

    private static void Discard(string? path)
    {
        if (path is not null)
        {
            File.Delete(path);
        }
    }

    private static ProblemHttpResult TooLarge(MediaSettings settings) =>
        new Error(StatusCodes.Status413PayloadTooLarge, "payload_too_large", "Payload too large", $"Media files may be at most {settings.MaxBytes:N0} bytes.").ToProblem();

    private static ProblemHttpResult Unsupported(string detail) =>
        new Error(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "Unsupported media type", detail).ToProblem();

    private static ProblemHttpResult Invalid(string field, string message) => new Validation().Add(field, message).ToError().ToProblem();
}
