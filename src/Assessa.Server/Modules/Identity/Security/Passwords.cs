using Assessa.Server.Modules.Identity.Domain;
using Microsoft.AspNetCore.Identity;

namespace Assessa.Server.Modules.Identity.Security;

/// <summary>ASP.NET Core Identity's PBKDF2 hasher (versioned format, rehash when its parameters change).</summary>
public sealed class Passwords
{
    private static readonly PasswordHasher<User> Hasher = new();

    // A real hash of a random password: verifying against it costs the same as verifying a real user's, so an
    // unknown e-mail takes as long to reject as a wrong password.
    private static readonly string DummyHash = Hasher.HashPassword(null!, SecureTokens.New());

    public string Hash(User user, string password) => Hasher.HashPassword(user, password);

    /// <summary>Verifies; returns whether it matched and whether the stored hash should be upgraded.</summary>
    public (bool Matches, bool NeedsRehash) Verify(User user, string password)
    {
        var result = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        return (result != PasswordVerificationResult.Failed, result == PasswordVerificationResult.SuccessRehashNeeded);
    }

    public void VerifyNothing(string password) => Hasher.VerifyHashedPassword(null!, DummyHash, password);
}
