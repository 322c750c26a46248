using System.Globalization;
using Assessa.Server.Modules.Delivery;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Json;

namespace Assessa.Server.Modules.Reporting.Features.Exports;

/// <summary>
/// Which submissions an export holds: submitted in [<see cref="From"/>, <see cref="To"/>) (UTC), of one assessment,
/// in one status. Parsed from the query string or a job request with the dates rules of <see cref="ReportFilter"/>.
/// </summary>
public sealed record ExportFilter(DateTime? From, DateTime? To, Guid? AssessmentId, SubmissionStatus? Status)
{
    /// <summary>The filter, or a 400 naming every bad field (dates, guid, unknown status, from after to).</summary>
    public static (ExportFilter? Filter, Error? Error) Parse(string? from, string? to, string? assessmentId, string? status)
    {
        var validation = new Validation();
        var range = ReportFilter.Parse(from, to, assessmentId, validation);
        SubmissionStatus? state = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            state = EnumText.Parse<SubmissionStatus>(status);
            validation.Check(state is not null, "status", $"must be one of: {string.Join(", ", EnumText.Names<SubmissionStatus>())}.");
        }

        return validation.IsValid ? (new ExportFilter(range.From, range.Before, range.AssessmentId, state), null) : (null, validation.ToError());
    }

    /// <summary>A description for file names: <c>2026-01-01_2026-01-31</c>, or <c>all</c>.</summary>
    public string Range() =>
        From is null && To is null ? "all" : $"{From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "start"}_{To?.AddTicks(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "now"}";
}
