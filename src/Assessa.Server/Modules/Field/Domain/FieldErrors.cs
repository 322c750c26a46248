using Assessa.Server.Platform.Errors;

namespace Assessa.Server.Modules.Field.Domain;

/// <summary>The Field module's business errors.</summary>
public static class FieldErrors
{
    public static Error SessionNotFound(long number) => Error.NotFound("Field session", number);

    public static Error SessionExists(long number) =>
        Error.Conflict("field_session_exists", $"A field session with id_atendimento {number} already exists; change it with PUT or PATCH /api/v1/atendimento/{number}.");

    public static Error Busy() =>
        Error.Conflict("field_session_busy", "Other requests created field sessions at the same moment; send the request again.");

    public static Error BadOrderBy(IEnumerable<string> allowed) =>
        Error.BadRequest("invalid_order_by", $"order_by_param must be one of [{string.Join(", ", allowed)}]");

    public static Error SiteNotFound(Guid id) => Error.NotFound("Site", id);

    public static Error EnumeratorNotFound(Guid id) => Error.NotFound("Enumerator", id);

    public static Error NameTaken(string kind, string name) =>
        Error.Conflict("field_name_taken", $"A {kind} named '{name}' already exists.");

    public static Error InUse(string kind, string name, int sessions) =>
        Error.Conflict("field_in_use", $"The {kind} '{name}' has {sessions} field session(s); delete or move them first.");
}
