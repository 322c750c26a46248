using Assessa.Server.Modules.Identity.Features.Users;

namespace Assessa.Server.Modules.Identity.Features.Auth;

/// <summary>The login response of contracts/sjt-jdt-api.md (also the answer to refresh and 2FA verify-login).</summary>
public sealed record LoginResponse(string AccessToken, string RefreshToken, string TokenType, int ExpiresIn, UserResponse User);

/// <summary>Password accepted, second factor needed: finish at /api/v1/auth/2fa/verify-login.</summary>
public sealed record TwoFactorRequiredResponse(bool TwoFactorRequired, string MfaToken);

/// <summary>
/// Password accepted, but the tenant requires two-factor sign-in and the user has not enabled it: the access
/// token only allows /2fa/setup, /2fa/enable, /me and /logout. No refresh token.
/// </summary>
public sealed record TwoFactorSetupRequiredResponse(bool TwoFactorSetupRequired, string AccessToken, string TokenType, int ExpiresIn, UserResponse User);

public sealed record MessageResponse(string Message);
