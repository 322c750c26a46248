namespace Assessa.Server.Platform.Configuration;

/// <summary>
/// <c>Storage__DataDirectory</c> (default <c>data</c>, relative to the working directory): the embedded SQLite
/// database, the generated token-signing key of a single-node install, and (later) uploaded media.
/// </summary>
public sealed record StorageSettings(string DataDirectory)
{
    public static StorageSettings From(SettingReader settings) =>
        new(Path.GetFullPath(settings.GetString("Storage:DataDirectory") ?? "data", Directory.GetCurrentDirectory()));
}
