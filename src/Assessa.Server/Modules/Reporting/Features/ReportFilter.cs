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
    /// <summary>Parses the query values; on failure returns the 400 to send.</summary>
    public static bool TryParse(string? from, string? to, string? assessmentId, out ReportFilter filter, out Error? error)
    {
        var validation = new Validation();
        var start = ParseTime(from, "from", endOfDay: false, validation);
        var before = ParseTime(to, "to", endOfDay: true, validation);
        Guid? assessment = null;
        if (!string.IsNullOrWhiteSpace(assessmentId))
        {
            if (Guid.TryParse(assessmentId, out var id))
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

        filter = new ReportFilter(start, before, assessment);
        error = validation.IsValid ? null : validation.ToError();
        return validation.IsValid;
    }

    private static DateTime? ParseTime(string? value, string field, bool endOfDay, Validation validation)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var start = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            return endOfDay ? start.AddDays(1) : start;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            // A timestamp as 'to' is inclusive: the exclusive bound is one microsecond after it (PostgreSQL's precision).
            return endOfDay ? parsed.UtcDateTime.AddMicroseconds(1) : parsed.UtcDateTime;
        }

        validation.Add(field, "must be an ISO 8601 date or timestamp, e.g. 2026-01-31 or 2026-01-31T12:00:00Z.");
        return null;
    }
}
