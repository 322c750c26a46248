using Assessa.Server.Platform.Errors;

namespace Assessa.Server.Modules.Identity.Domain;

public static class IdentityErrors
{
    /// <summary>The same answer whether the e-mail exists or not, and for locked or disabled accounts.</summary>
    public static readonly Error InvalidCredentials = new(401, "invalid_credentials", "Unauthorized", "Invalid email or password.");

    public static readonly Error InvalidRefreshToken = new(401, "invalid_refresh_token", "Unauthorized", "The refresh token is invalid, expired or already used.");

    public static readonly Error InvalidMfaToken = new(401, "invalid_mfa_token", "Unauthorized", "The sign-in step has expired or is invalid; sign in again.");

    public static readonly Error InvalidTwoFactorCode = new(401, "invalid_code", "Unauthorized", "The code is wrong or was already used.");

    public static readonly Error WrongTwoFactorCode = new(400, "invalid_code", "Bad request", "The code does not match the authenticator secret.");

    public static readonly Error TwoFactorNotSetUp = new(409, "two_factor_not_set_up", "Conflict", "Call /api/v1/auth/2fa/setup first.");

    public static readonly Error TwoFactorAlreadyEnabled = new(409, "two_factor_already_enabled", "Conflict", "Two-factor sign-in is already enabled; disable it first to set up a new authenticator.");

    public static readonly Error TwoFactorNotEnabled = new(409, "two_factor_not_enabled", "Conflict", "Two-factor sign-in is not enabled.");

    public static readonly Error TwoFactorRequiredByTenant = new(409, "two_factor_required", "Conflict", "Your organisation requires two-factor sign-in; it cannot be disabled.");

    public static readonly Error EmailTaken = new(409, "email_taken", "Conflict", "A user with this email already exists.");

    public static readonly Error DomainTaken = new(409, "domain_taken", "Conflict", "A tenant with this domain already exists.");

    public static readonly Error SelfRegistrationClosed = new(403, "self_registration_disabled", "Forbidden", "This organisation does not allow candidates to register themselves.");

    public static readonly Error SignupClosed = new(403, "signup_disabled", "Forbidden", "Self-service signup is disabled on this server; ask an administrator for an invitation.");

    public static readonly Error SignupNeedsInvitation = new(403, "invitation_required", "Forbidden", "Signing up needs an organization_name (to start a new organisation) or an invitation_token.");

    public static readonly Error InvalidInvitation = new(403, "invalid_invitation", "Forbidden", "The invitation is invalid, expired, revoked or for another email address.");

    public static readonly Error CannotDeleteSelf = new(409, "cannot_delete_self", "Conflict", "You cannot delete your own account.");

    public static Error UserNotFound(object id) => Error.NotFound("User", id);

    public static Error TenantNotFound(object id) => Error.NotFound("Tenant", id);

    public static Error RoleNotAllowed(string role) =>
        Error.Forbidden($"You may not give users the role '{role}'.");
}
