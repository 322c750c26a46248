using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Modules.Identity.Security;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Security;
using Assessa.Server.Platform.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Identity.Features.Users;

/// <summary>
/// <c>PUT /users/{id}</c>: users change their own name and languages; admins (own tenant) and superadmins also
/// e-mail, identifiers, role, active flag and password. Deactivating a user or setting a password ends their
/// sign-ins. Absent fields are left as they are.
/// </summary>
public static class UpdateUser
{
    public sealed record Request(
        string? Email,
        string? CandidateName,
        string? CandidateId,
        string? ClientName,
        string? PreferredLanguage,
        string? LanguageCode,
        bool? IsActive,
        string? Role,
        string? Password);

    public static void Map(IEndpointRouteBuilder group, string nameSuffix) =>
        group.MapPut("/{id:guid}", HandleAsync)
            .WithName("Identity.UpdateUser" + nameSuffix)
            .WithSummary("Update a user")
            .RequireAuthorization(Policies.Person);

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, Request request, AppDbContext db, ICurrentActor actor, ICurrentTenant tenant, UserAccounts accounts, Passwords passwords, SignIns signIns, CancellationToken ct)
    {
        var user = await UserAccess.Visible(db, actor).SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return IdentityErrors.UserNotFound(id).ToProblem();
        }

        var restricted = request.Email is not null || request.CandidateId is not null || request.ClientName is not null
            || request.Role is not null || request.Password is not null || request.IsActive is not null;
        if (restricted && !actor.IsAdmin)
        {
            return Error.Forbidden("You may change only your name and languages; ask an administrator for the rest.").ToProblem();
        }

        var validation = UserAccounts.ValidateProfile(new Validation(), request.CandidateName, request.CandidateId, request.ClientName, request.PreferredLanguage, request.LanguageCode)
            .Check(request.Email is null || UserAccounts.IsEmail(request.Email), "email", "must be a valid email address.")
            .Check(request.IsActive is not false || user.Id != actor.UserId, "is_active", "you cannot deactivate yourself.");
        if (request.Password is not null)
        {
            foreach (var problem in PasswordPolicy.Problems(request.Password, request.Email ?? user.Email))
            {
                validation.Add("password", problem);
            }
        }

        UserRole? role = null;
        if (request.Role is not null && (role = RoleNames.Parse(request.Role)) is null)
        {
            validation.Add("role", $"must be one of {string.Join(", ", Roles.All)}.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        var target = await db.Set<Tenant>().SingleAsync(t => t.Id == user.TenantId, ct);
        if (role is not null && role != user.Role && UserAccounts.CheckRoleAllowed(actor, tenant.TenantId, role.Value, target) is { } denied)
        {
            return denied.ToProblem();
        }

        if (request.Email is not null && User.Normalize(request.Email) != user.NormalizedEmail)
        {
            if (await accounts.EmailTakenAsync(User.Normalize(request.Email), ct))
            {
                return IdentityErrors.EmailTaken.ToProblem();
            }

            user.Email = request.Email.Trim();
            user.NormalizedEmail = User.Normalize(request.Email);
        }

        user.CandidateName = request.CandidateName?.Trim() ?? user.CandidateName;
        user.CandidateId = request.CandidateId?.Trim() ?? user.CandidateId;
        user.ClientName = request.ClientName?.Trim() ?? user.ClientName;
        user.PreferredLanguage = request.PreferredLanguage ?? user.PreferredLanguage;
        user.LanguageCode = request.LanguageCode ?? user.LanguageCode;
        user.Role = role ?? user.Role;
        user.IsActive = request.IsActive ?? user.IsActive;
        if (request.Password is not null)
        {
            user.PasswordHash = passwords.Hash(user, request.Password);
        }

        using (tenant.Use(user.TenantId))
        {
            await db.SaveChangesAsync(ct);
            if (!user.IsActive || request.Password is not null)
            {
                await signIns.RevokeAllAsync(user.Id, request.Password is not null ? "password_changed" : "user_deactivated", ct);
            }
        }

        return TypedResults.Ok(UserResponse.From(user));
    }
}
