using Assessa.Server.Platform.Configuration;

namespace Assessa.Server.Modules.Reporting.Features.Exports;

/// <summary>
/// Export jobs (docs/operations.md, "Exports"): <c>Reporting__ExportDirectory</c> (default
/// <c>Storage__DataDirectory</c>/exports) holds finished files; <c>Reporting__ExportRetentionHours</c> (default 24)
/// is how long a finished export can be downloaded before the maintenance loop deletes its file.
/// </summary>
public sealed record ExportSettings(string Directory, TimeSpan Retention)
{
    public static ExportSettings From(SettingReader settings, StorageSettings storage) => new(
        Path.GetFullPath(settings.GetString("Reporting:ExportDirectory") ?? Path.Combine(storage.DataDirectory, "exports"), System.IO.Directory.GetCurrentDirectory()),
        TimeSpan.FromHours(settings.GetInt("Reporting:ExportRetentionHours", 24, 1, 24 * 365)));
}
