using Assessa.Server.Platform.Configuration;

namespace Assessa.Server.Modules.Field.Features.Import;

/// <summary>
/// Field CSV imports (docs/operations.md, "Field imports"): <c>Field__ImportMaxBytes</c> (default 2 GB),
/// <c>Field__ImportDirectory</c> (default <c>Storage__DataDirectory</c>/field-imports), <c>Field__ImportBatchRows</c>
/// (rows per committed batch, default 50,000).
/// </summary>
public sealed record FieldImportSettings(long MaxBytes, string Directory, int BatchRows)
{
    public static FieldImportSettings From(SettingReader settings, StorageSettings storage) => new(
        settings.GetLong("Field:ImportMaxBytes", 2L * 1024 * 1024 * 1024, 1, 1024L * 1024 * 1024 * 1024),
        Path.GetFullPath(settings.GetString("Field:ImportDirectory") ?? Path.Combine(storage.DataDirectory, "field-imports"), System.IO.Directory.GetCurrentDirectory()),
        settings.GetInt("Field:ImportBatchRows", 50_000, 1, 1_000_000));
}
