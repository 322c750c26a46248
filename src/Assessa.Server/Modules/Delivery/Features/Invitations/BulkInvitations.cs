using System.Text;
using System.Text.Json;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Http;
using Assessa.Server.Platform.Idempotency;
using Assessa.Server.Platform.Jobs;
using Assessa.Server.Platform.Json;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Delivery.Features.Invitations;

/// <summary>
/// <c>POST /api/v1/invitations/bulk</c>: up to 10,000 invitations per call, as JSON
/// <c>{"defaults":{…},"invitations":[…]}</c> or as <c>text/csv</c> (options in the query string). Every row is
/// checked first; one bad row rejects the request (400 naming rows), so nothing is half-created. Up to
/// <c>Delivery__BulkInlineLimit</c> rows are created at once (201); larger batches run as a job (202) whose
/// status is at <c>GET /api/v1/invitations/bulk/{batch_id}</c>. Links: <c>GET /api/v1/invitations?batch_id=</c>.
/// </summary>
public static class BulkInvitations
{
    public sealed record BulkInput(InvitationInput? Defaults, List<InvitationInput>? Invitations);

    public sealed record BulkRowResult(int Row, Guid InvitationId, Guid CandidateId, string? Link, bool Existing);

    public sealed record BulkCreated(Guid BatchId, string Status, int Created, int Existing, List<BulkRowResult> Invitations);

    public sealed record BulkQueued(Guid BatchId, Guid JobId, string Status, int Rows, string StatusUrl);

    public sealed record BulkStatus(Guid BatchId, string Status, int Progress, string? Message, string? Error, JsonElement? Result, string InvitationsUrl, DateTime CreatedAt, DateTime? CompletedAt);

    public sealed record CsvQuery(
        [FromQuery(Name = "assessment_id")] Guid? AssessmentId,
        [FromQuery(Name = "version")] int? Version,
        [FromQuery(Name = "channel")] string? Channel,
        [FromQuery(Name = "expires_in_days")] int? ExpiresInDays,
        [FromQuery(Name = "max_attempts")] int? MaxAttempts,
        [FromQuery(Name = "webhook_url")] string? WebhookUrl,
        [FromQuery(Name = "redirect_url")] string? RedirectUrl,
        [FromQuery(Name = "language")] string? Language,
        [FromQuery(Name = "reminder_hours")] string? ReminderHours);

    /// <summary>Room for 10,000 rows with a few metadata columns each, whatever the server-wide body limit.</summary>
    public const long MaxBodyBytes = 32 * 1024 * 1024;

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapPost("/bulk", HandleAsync).WithName("Delivery.BulkInvitations").WithSummary("Invite many candidates (JSON or CSV, up to 10,000)")
            .RequireAuthorization(DeliveryPolicies.ManageInvitations)
            .Accepts<BulkInput>("application/json", "text/csv").WithBodyLimit(MaxBodyBytes).WithIdempotency();
        group.MapGet("/bulk/{batchId:guid}", StatusAsync).WithName("Delivery.BulkInvitationStatus").WithSummary("Status of a bulk invitation job")
            .RequireAuthorization(DeliveryPolicies.ManageInvitations);
    }

    public static async Task<Results<Created<BulkCreated>, Accepted<BulkQueued>, ProblemHttpResult>> HandleAsync(
        HttpRequest request, [AsParameters] CsvQuery query, AppDbContext db, InvitationCreator creator, Outbox outbox, DeliverySettings settings,
        ICurrentActor actor, TimeProvider time, CancellationToken ct)
    {
        var (defaults, rows, problem) = await ReadAsync(request, query, ct);
        if (problem is not null)
        {
            return problem.ToProblem();
        }

        var now = time.UtcNow();
        var validation = new Validation();
        defaults?.Validate(validation, now, "defaults.", partial: true);
        foreach (var (label, row) in rows)
        {
            if (validation.ErrorCount >= 100)
            {
                break;
            }

            InvitationCreator.WithDefaults(row, defaults).Validate(validation, now, label);
        }

        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        // The same source single invitations get, so de-duplication on external_id holds across both; a file upload is csv.
        var isCsv = request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true;
        var source = actor.ApiKeyId is not null ? Domain.InvitationSources.Api : isCsv ? Domain.InvitationSources.Csv : Domain.InvitationSources.Manual;
        var batch = new BulkBatch(rows.Select(r => InvitationCreator.WithDefaults(r.Row, defaults)).ToList(), source, rows.Select(r => r.Label).ToList());
        if (rows.Count > settings.BulkInlineLimit)
        {
            var job = outbox.Enqueue(BulkInvitationJob.JobType, batch);
            await db.SaveChangesAsync(ct);
            var url = $"/api/v1/invitations/bulk/{job.Id}";
            return TypedResults.Accepted(url, new BulkQueued(job.Id, job.Id, "queued", rows.Count, url));
        }

        var batchId = Guid.CreateVersion7();
        var (results, error) = await BulkInvitationJob.CreateAllAsync(batch, batchId, creator, progress: null, ct);
        if (error is not null)
        {
            return error.ToProblem();
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return Error.Conflict("concurrent_change", "Another request created some of these candidates or invitations at the same time; send the batch again (rows already created are returned as existing).").ToProblem();
        }

        return TypedResults.Created($"/api/v1/invitations?batch_id={batchId}", new BulkCreated(
            batchId, "succeeded", results.Count(r => !r.Existing), results.Count(r => r.Existing), results));
    }

    public static async Task<Results<Ok<BulkStatus>, ProblemHttpResult>> StatusAsync(Guid batchId, AppDbContext db, Platform.Tenancy.ICurrentTenant tenant, CancellationToken ct)
    {
        var job = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == batchId && j.Type == BulkInvitationJob.JobType && j.TenantId == tenant.TenantId, ct);
        if (job is null)
        {
            return Error.NotFound("Bulk invitation batch", batchId).ToProblem();
        }

        return TypedResults.Ok(new BulkStatus(
            job.Id, EnumText.Name(job.Status), job.Progress, job.ProgressMessage, job.Error,
            job.Result is null ? null : JsonDocument.Parse(job.Result).RootElement.Clone(),
            $"/api/v1/invitations?batch_id={job.Id}", job.CreatedAt, job.CompletedAt));
    }

    private static async Task<(InvitationInput? Defaults, List<(string Label, InvitationInput Row)> Rows, Error? Problem)> ReadAsync(HttpRequest request, CsvQuery query, CancellationToken ct)
    {
        var max = DeliverySettings.MaxBulkInvitations;
        var contentType = request.ContentType ?? "";
        if (contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var (csvRows, csvProblem) = BulkInvitationsCsv.Read(await reader.ReadToEndAsync(ct), max);
            if (csvProblem is not null)
            {
                return (null, [], Error.BadRequest("invalid_csv", "The CSV cannot be used: " + csvProblem));
            }

            var hours = query.ReminderHours?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(h => int.TryParse(h, out var n) ? n : -1).ToList();
            var defaults = new InvitationInput(null, null, query.AssessmentId, query.Version, query.Channel, null, query.ExpiresInDays, query.MaxAttempts,
                query.WebhookUrl, query.RedirectUrl, query.Language, hours, null, null);
            return (defaults, csvRows.Select(r => ($"line {r.Line}.", r.Row)).ToList(), null);
        }

        if (!contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, [], new Error(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "Unsupported media type", "Send application/json or text/csv."));
        }

        BulkInput? input;
        try
        {
            input = await JsonSerializer.DeserializeAsync<BulkInput>(request.Body, AssessaJson.Options, ct);
        }
        catch (JsonException ex)
        {
            return (null, [], Error.BadRequest(ErrorCodes.MalformedJson, $"The JSON body is malformed at {ex.Path} (line {ex.LineNumber + 1}): {ex.Message}"));
        }

        if (input?.Invitations is not { Count: > 0 } rows)
        {
            return (null, [], new Validation().Add("invitations", "is required: a list of 1 to 10,000 invitations.").ToError());
        }

        if (rows.Count > max)
        {
            return (null, [], new Validation().Add("invitations", $"holds {rows.Count} invitations; at most {max} per request.").ToError());
        }

        if (rows.Any(r => r is null))
        {
            return (null, [], new Validation().Add("invitations", "must not contain null entries.").ToError());
        }

        return (input.Defaults, rows.Select((r, i) => ($"invitations[{i}].", r)).ToList(), null);
    }
}

/// <summary>A validated batch: the rows with defaults applied, the source, and each row's label for messages.</summary>
public sealed record BulkBatch(List<InvitationInput> Rows, string Source, List<string> Labels);
