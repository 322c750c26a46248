using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Modules.Identity.Security;

namespace Assessa.Server.Modules.Identity.Features.Users;

/// <summary><c>&lt;User&gt;</c> exactly as contracts/sjt-jdt-api.md lists its fields.</summary>
public sealed record UserResponse(
    Guid Id,
    string Email,
    string? CandidateName,
    string? CandidateId,
    string? ClientName,
    string Role,
    string PreferredLanguage,
    string LanguageCode,
    bool IsActive,
    DateTime? LastLogin,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    Guid TenantId)
{
    public static UserResponse From(User user) => new(
        user.Id,
        user.Email,
        user.CandidateName,
        user.CandidateId,
        user.ClientName,
        RoleNames.Of(user.Role),
        user.PreferredLanguage,
        user.LanguageCode,
        user.IsActive,
        user.LastLogin,
        user.CreatedAt,
        user.UpdatedAt,
        user.TenantId);
}
