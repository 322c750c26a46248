using System.Globalization;
using Assessa.Server.Platform.Errors;

namespace Assessa.Server.Modules.Reporting.Features;

/// <summary>
/// The filters every report shares: <c>from</c> and <c>to</c> (ISO 8601 dates or timestamps, UTC unless an
/// offset is given; a plain date as <c>to</c> includes that whole day, so <c>to</c> is an exclusive bound
/// internally) and <c>assessment_id</c>.
/// </summary>
public sealed record ReportFilter(DateTime? From, DateTime? Before, Guid? AssessmentId)
{
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ssK",
    ];

    /// <summary>Parses the query values; on failure returns the 400 to send.</summary>
    public static bool TryParse(string? from, string? to, string? assessmentId, out ReportFilter filter, out Error? error)
    {
        var validation = new Validation();
        filter = Parse(from, to, assessmentId, validation);
        error = validation.IsValid ? null : validation.ToError();
        return validation.IsValid;
    }

    /// <summary>Parses the query values, adding what is wrong to <paramref name="validation"/> (for reports with more filters).</summary>
    public static ReportFilter Parse(string? from, string? to, string? assessmentId, Validation validation)
    {
        var start = ParseTime(from, "from", endOfDay: false, validation);
        var before = ParseTime(to, "to", endOfDay: true, validation);
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

        if (start is not null && before is not null && start >= before)
        {
            validation.Add("from", "must be before 'to'.");
        }

        return new ReportFilter(start, before, assessment);
    }

    private static DateTime? ParseTime(string? value, string field, bool endOfDay, Validation validation)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value.Trim();
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var start = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            return endOfDay ? start.AddDays(1) : start;
        }

        if (DateTimeOffset.TryParseExact(value, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            // A timestamp as 'to' is inclusive: the exclusive bound is one microsecond after it (PostgreSQL's precision).
            return endOfDay ? parsed.UtcDateTime.AddMicroseconds(1) : parsed.UtcDateTime;
        }

        validation.Add(field, "must be an ISO 8601 date (2026-01-31) or date-time (2026-01-31T18:00:00Z).");
        return null;
    }
}
