using System.Security.Cryptography;
using Assessa.Server.Platform.Configuration;
using Assessa.Server.Platform.Data;
using Microsoft.IdentityModel.Tokens;

namespace Assessa.Server.Modules.Identity.Security;

/// <summary>
/// The HMAC key that signs access tokens: <c>Auth__SigningKey</c>, or — for a single-node SQLite install
/// without one — a key generated once into the data folder (<c>token-signing.key</c>, readable by its owner
/// only). PostgreSQL installs must configure it, because every node must share it.
/// </summary>
public sealed class SigningKeys
{
    public const string FileName = "token-signing.key";

    private SigningKeys(SymmetricSecurityKey key) => Key = key;

    public SymmetricSecurityKey Key { get; }

    public static SigningKeys Create(IdentitySettings settings, DatabaseSettings database, StorageSettings storage)
    {
        if (settings.SigningKey is { } configured)
        {
            return new SigningKeys(new SymmetricSecurityKey(configured));
        }

        if (database.Provider != DatabaseProvider.Sqlite)
        {
            throw new InvalidSettingException("Auth__SigningKey", "is required with PostgreSQL so every node signs alike (base64 of at least 32 random bytes: openssl rand -base64 48)");
        }

        return new SigningKeys(new SymmetricSecurityKey(LoadOrCreate(Path.Combine(storage.DataDirectory, FileName))));
    }

    private static byte[] LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(64);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, options);
            writer.Write(Convert.ToBase64String(key));
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs.
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
    }
}
