using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Files;

namespace Assessa.Server.Modules.Reporting.Domain;

/// <summary>Reporting's business outcomes that are not success.</summary>
public static class ReportingErrors
{
    public static Error NoTenant { get; } = Error.Forbidden("Exports belong to a tenant; sign in as a tenant's user or use a tenant's API key.");

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
