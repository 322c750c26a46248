using Assessa.Server.Platform.Errors;

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

    public static Error TenantRequired() => Error.Forbidden("Item analyses belong to a tenant; sign in as a tenant's user.");
}
