using System.Security.Cryptography;
using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Platform;
using Assessa.Server.Platform.Configuration;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Identity.Security;

/// <summary>
/// Creates the platform tenant and, while no superadmin exists, the first one: from <c>Bootstrap__AdminEmail</c>
/// and <c>Bootstrap__AdminPassword</c>; or, in the embedded SQLite default without them, with a generated
/// password printed once on the console (never logged). Nothing is changed once a superadmin exists.
/// </summary>
public sealed partial class SuperadminBootstrap(IdentitySettings settings, DatabaseSettings database, Passwords passwords, StartupNotices notices, TimeProvider time, ILogger<SuperadminBootstrap> logger)
    : IStartupTask
{
    public const string DefaultEmail = "admin@assessa.local";
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var platform = await db.Set<Tenant>().SingleOrDefaultAsync(t => t.IsPlatform, ct);
        if (platform is null)
        {
            platform = new Tenant { Name = "Assessa platform", IsPlatform = true, AllowedTestTypes = [], MaxTestAttempts = 0 };
            db.Add(platform);
            await db.SaveChangesAsync(ct);
        }

        if (await db.Set<User>().IgnoreQueryFilters().AnyAsync(u => u.Role == UserRole.Superadmin && u.DeletedAt == null, ct))
        {
            return;
        }

        var email = settings.BootstrapEmail ?? DefaultEmail;
        var password = settings.BootstrapPassword;
        var generated = false;
        if (password is null)
        {
            if (!database.IsEmbeddedDefault)
            {
                LogNoSuperadmin(logger);
                return;
            }

            password = string.Join('-', Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetString(Alphabet, 5)));
            generated = true;
        }

        var problems = PasswordPolicy.Problems(password, email);
        if (problems.Count > 0)
        {
            throw new InvalidSettingException("Bootstrap__AdminPassword", string.Join(" ", problems));
        }

        if (!System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            throw new InvalidSettingException("Bootstrap__AdminEmail", $"'{email}' is not an email address");
        }

        var user = new User
        {
            TenantId = platform.Id,
            Email = email,
            NormalizedEmail = User.Normalize(email),
            Role = UserRole.Superadmin,
            CandidateName = "Platform administrator",
        };
        user.PasswordHash = passwords.Hash(user, password);
        using (scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Use(platform.Id))
        {
            db.Add(user);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another node bootstrapped at the same moment (or the e-mail belongs to an existing user).
                return;
            }
        }

        var createdAt = time.GetUtcNow();
        LogCreated(logger, email, createdAt);
        if (generated)
        {
            notices.Add(GeneratedPasswordNotice.Replace("EMAIL", email, StringComparison.Ordinal).Replace("PASSWORD", password, StringComparison.Ordinal));
        }
    }

    private const string GeneratedPasswordNotice = """

        ================================================================================
          Assessa created the first superadmin. The password is shown only this once:

            email:    EMAIL
            password: PASSWORD

          Sign in:  curl -s -X POST {base_url}/auth/login -H 'Content-Type: application/json' \
                      -d '{"email":"EMAIL","password":"PASSWORD"}'
          API docs: {base_url}/docs
        ================================================================================

        """;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No superadmin exists: set Bootstrap__AdminEmail and Bootstrap__AdminPassword and restart")]
    private static partial void LogNoSuperadmin(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first superadmin {Email} at {Time}")]
    private static partial void LogCreated(ILogger logger, string email, DateTimeOffset time);
}
