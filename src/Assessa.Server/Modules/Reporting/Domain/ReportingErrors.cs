using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Files;

namespace Assessa.Server.Modules.Reporting.Domain;

/// <summary>The Reporting module's business errors.</summary>
public static class ReportingErrors
{
    public static Error AssessmentNotFound(Guid id) => Error.NotFound("Assessment", id);

    public static Error VersionNotFound(Guid assessmentId, int number) =>
        new(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Not found", $"Assessment '{assessmentId}' has no published version {number}.");

    public static Error BadAssessmentId(string value) =>
        Error.Validation(new Dictionary<string, string[]> { ["assessment_id"] = [$"'{value}' is not a UUID."] });

    public static Error BadVersionNumber(string value) =>
        Error.Validation(new Dictionary<string, string[]> { ["number"] = [$"'{value}' is not a version number (a whole number from 1)."] });

    public static Error ItemAnalysisNotRequested(Guid assessmentId, int number) =>
        new(StatusCodes.Status404NotFound, "item_analysis_not_requested", "Not found",
            $"No item analysis was requested for version {number} of assessment '{assessmentId}'; POST /api/v1/assessments/{assessmentId}/versions/{number}/item-analysis to compute it.");


    public static Error NoTenant { get; } = Error.Forbidden("Reports belong to a tenant; sign in as a tenant's user or use a tenant's API key.");

    public static Error ExportNotFound(object id) => Error.NotFound("Export", id);

    public static Error ExportNotReady(string status) =>
        Error.Conflict("export_not_ready", $"The export is {status}; download it once its status is completed.");

    public static Error ExportExpired(Guid id) =>
        new(StatusCodes.Status410Gone, "export_expired", "Gone", $"Export '{id}' has expired and its file was deleted; create a new export.");

    public static Error TooManyRows(int rows) =>
        Error.BadRequest("too_many_rows", $"The range holds {rows:N0} submissions; an xlsx sheet holds at most {XlsxWriter.MaxRows:N0} rows (Excel's limit, header included). Narrow the range or export CSV.");

    public static Error UnknownFormat(string? format) =>
        Error.Validation(new Dictionary<string, string[]> { ["format"] = [$"must be xlsx or csv (got '{format}')."] });
}
