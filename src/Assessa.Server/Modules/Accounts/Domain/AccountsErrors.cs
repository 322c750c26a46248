using Assessa.Server.Platform.Errors;

namespace Assessa.Server.Modules.Accounts.Domain;

public static class AccountsErrors
{
    public static Error UnknownCustomer(long cid) =>
        new(StatusCodes.Status404NotFound, "unknown_customer", "Unknown customer", $"No customer has cid {cid}.")
        {
            Extensions = new Dictionary<string, object?> { ["cid"] = cid },
        };

    public static Error CustomerExists(int cid) =>
        Error.Conflict("customer_exists", $"A customer with cid {cid} already exists.");

    public static Error CustomerHasOpportunities(int cid) =>
        Error.Conflict("customer_has_opportunities", $"Customer {cid} still has opportunities; delete or move them first, or set is_active to false.");

    public static Error OpportunityNotFound(string oid) =>
        Error.NotFound("Opportunity", oid.Length <= 64 ? oid : oid[..64]);

    public static Error Forbidden() =>
        Error.Forbidden("Customers and the pipeline belong to the platform operator: superadmins and admins of the operator tenant only.");

    public static Error DatabaseUnavailable() =>
        new(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, "Service unavailable",
            "The database did not complete the request; nothing was changed. Try again shortly.");

    public static Error InvalidCsv(string problem) => Error.BadRequest("invalid_csv", "The CSV cannot be used: " + problem);

    /// <summary>Field errors as 422 (the contract's status for well-formed input that breaks a rule).</summary>
    public static Error Invalid(Validation validation) => validation.ToError() with { Status = StatusCodes.Status422UnprocessableEntity };
}
