using System.Net.Mail;
using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Errors;
using Assessa.Server.Platform.Security;
using Assessa.Server.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Identity.Security;

/// <summary>What a new user needs; every route that creates users (admin, tenant, register, signup, invitation) goes through here.</summary>
public sealed record NewUser(
    string? Email,
    string? Password,
    string? CandidateName,
    string? CandidateId,
    string? ClientName,
    UserRole Role,
    string? PreferredLanguage = null,
    string? LanguageCode = null);

/// <summary>Creates users: validation, password policy, unique e-mail (409), and the tenant it belongs to.</summary>
public sealed class UserAccounts(AppDbContext db, Passwords passwords, ICurrentTenant currentTenant)
{
    public static bool IsEmail(string? email) =>
        email is { Length: <= 254 } && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email.Trim() && !email.Contains(' ', StringComparison.Ordinal);

    public static Validation ValidateProfile(Validation validation, string? candidateName, string? candidateId, string? clientName, string? preferredLanguage, string? languageCode) =>
        validation
            .MaxLength("candidate_name", candidateName, 200)
            .MaxLength("candidate_id", candidateId, 200)
            .MaxLength("client_name", clientName, 200)
            .Check(preferredLanguage is null || IsLanguage(preferredLanguage), "preferred_language", "must be a language code like en or pt-BR.")
            .Check(languageCode is null || IsLanguage(languageCode), "language_code", "must be a language code like en or pt-BR.");

    public static bool IsLanguage(string code) =>
        code.Length is >= 2 and <= 16 && code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_');

    /// <summary>Creates and saves the user in <paramref name="tenantId"/>; returns the error to answer with instead, if any.</summary>
    public async Task<(User? User, Error? Error)> CreateAsync(NewUser input, Guid tenantId, CancellationToken ct)
    {
        var validation = new Validation()
            .Required("email", input.Email)
            .Check(input.Email is null || IsEmail(input.Email), "email", "must be a valid email address.");
        foreach (var problem in PasswordPolicy.Problems(input.Password, input.Email))
        {
            validation.Add("password", problem);
        }

        ValidateProfile(validation, input.CandidateName, input.CandidateId, input.ClientName, input.PreferredLanguage, input.LanguageCode);
        if (!validation.IsValid)
        {
            return (null, validation.ToError());
        }

        var email = input.Email!.Trim();
        var normalized = User.Normalize(email);
        if (await EmailTakenAsync(normalized, ct))
        {
            return (null, IdentityErrors.EmailTaken);
        }

        var user = new User
        {
            TenantId = tenantId,
            Email = email,
            NormalizedEmail = normalized,
            CandidateName = input.CandidateName?.Trim(),
            CandidateId = input.CandidateId?.Trim(),
            ClientName = input.ClientName?.Trim(),
            Role = input.Role,
            PreferredLanguage = input.PreferredLanguage ?? "en",
            LanguageCode = input.LanguageCode ?? input.PreferredLanguage ?? "en",
        };
        user.PasswordHash = passwords.Hash(user, input.Password!);
        db.Add(user);
        using (currentTenant.Use(currentTenant.TenantId is null ? null : tenantId))
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Two requests raced for one address: the unique index let one in.
                db.Entry(user).State = EntityState.Detached;
                if (await EmailTakenAsync(normalized, ct))
                {
                    return (null, IdentityErrors.EmailTaken);
                }

                throw;
            }
        }

        return (user, null);
    }

    public Task<bool> EmailTakenAsync(string normalizedEmail, CancellationToken ct) =>
        db.Set<User>().IgnoreQueryFilters().AnyAsync(u => u.NormalizedEmail == normalizedEmail && u.DeletedAt == null, ct);

    /// <summary>
    /// Which roles <paramref name="actor"/> may give in which tenant: superadmins anything (superadmins only in
    /// the platform tenant, others never there); admins every role but superadmin, in their own tenant.
    /// </summary>
    public static Error? CheckRoleAllowed(ICurrentActor actor, Guid? actorTenant, UserRole role, Tenant target)
    {
        if (actor.IsSuperadmin)
        {
            if (role == UserRole.Superadmin && !target.IsPlatform)
            {
                return Error.BadRequest("superadmin_outside_platform", "Superadmins belong to the platform tenant; omit tenant_id.");
            }

            return role != UserRole.Superadmin && target.IsPlatform
                ? Error.BadRequest("platform_tenant", "The platform tenant holds only superadmins; give a tenant_id.")
                : null;
        }

        if (role == UserRole.Superadmin || target.Id != actorTenant)
        {
            return IdentityErrors.RoleNotAllowed(RoleNames.Of(role));
        }

        return null;
    }
}
