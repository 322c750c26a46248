using System.Globalization;
using Assessa.Server.Modules.Delivery;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Json;

namespace Assessa.Server.Modules.Reporting.Features.Exports;

/// <summary>
/// Which submissions an export holds: submitted in [<see cref="From"/>, <see cref="To"/>) (UTC), of one assessment,
/// in one status. Parsed from the query string or a job request; a plain date in <c>to</c> includes that whole day.
/// </summary>
public sealed record ExportFilter(DateTime? From, DateTime? To, Guid? AssessmentId, SubmissionStatus? Status)
{
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ssK",
    ];

    /// <summary>The filter, or a 400 naming every bad field (dates, guid, unknown status, from after to).</summary>
    public static (ExportFilter? Filter, Error? Error) Parse(string? from, string? to, string? assessmentId, string? status)
    {
        var validation = new Validation();
        var start = ParseInstant(from, endOfDay: false, "from", validation);
        var end = ParseInstant(to, endOfDay: true, "to", validation);
        Guid? assessment = null;
        if (!string.IsNullOrWhiteSpace(assessmentId))
        {
            if (Guid.TryParse(assessmentId.Trim(), out var id))
            {
                assessment = id;
            }
            else
            {
                validation.Add("assessment_id", "must be a UUID.");
            }
        }

        SubmissionStatus? state = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            state = EnumText.Parse<SubmissionStatus>(status);
            validation.Check(state is not null, "status", $"must be one of: {string.Join(", ", EnumText.Names<SubmissionStatus>())}.");
        }

        if (start is not null && end is not null && start >= end)
        {
            validation.Add("from", "must be before to.");
        }

        return validation.IsValid ? (new ExportFilter(start, end, assessment, state), null) : (null, validation.ToError());
    }

    /// <summary>A description for file names: <c>2026-01-01_2026-01-31</c>, or <c>all</c>.</summary>
    public string Range() =>
        From is null && To is null ? "all" : $"{From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "start"}_{To?.AddTicks(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "now"}";

    /// <summary>A UTC instant; a plain date is its midnight (UTC), or the next midnight for an inclusive end. Null when absent or invalid.</summary>
    private static DateTime? ParseInstant(string? text, bool endOfDay, string field, Validation validation)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            date = DateTime.SpecifyKind(date, DateTimeKind.Utc);
            return endOfDay ? date.AddDays(1) : date;
        }

        if (DateTimeOffset.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            // An explicit instant is inclusive too: "to" keeps rows submitted exactly then (timestamps are stored to the microsecond).
            return endOfDay ? instant.UtcDateTime.AddMicroseconds(1) : instant.UtcDateTime;
        }

        validation.Add(field, "must be an ISO 8601 date (2026-01-31) or date-time (2026-01-31T18:00:00Z).");
        return null;
    }
}
