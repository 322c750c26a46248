using Assessa.Server.Platform.Configuration;

namespace Assessa.Server.Modules.Delivery.Features.Media;

/// <summary>
/// Where media answers go (docs/operations.md): <c>Media__Storage</c> = <c>local</c> (default: files under
/// <c>Storage__DataDirectory</c>/media) or <c>s3</c> (any S3-compatible store: <c>Media__S3__ServiceUrl</c>,
/// <c>Media__S3__Bucket</c>, <c>Media__S3__Region</c>, <c>Media__S3__AccessKey</c>, <c>Media__S3__SecretKey</c>,
/// <c>Media__S3__ForcePathStyle</c> default true); <c>Media__MaxBytes</c> (default 100 MB).
/// </summary>
public sealed record MediaSettings(string Provider, long MaxBytes, S3Settings? S3)
{
    public const string Local = "local";
    public const string S3Provider = "s3";

    public static MediaSettings From(SettingReader settings)
    {
        var provider = (settings.GetString("Media:Storage") ?? Local).Trim().ToLowerInvariant();
        if (provider is not (Local or S3Provider))
        {
            throw new InvalidSettingException("Media__Storage", $"'{provider}' is not a media store; use local or s3");
        }

        var maxBytes = settings.GetLong("Media:MaxBytes", 100L * 1024 * 1024, 1024, 10L * 1024 * 1024 * 1024);
        return new MediaSettings(provider, maxBytes, provider == S3Provider ? S3Settings.From(settings) : null);
    }
}

public sealed record S3Settings(Uri? ServiceUrl, string Bucket, string Region, string AccessKey, string SecretKey, bool ForcePathStyle)
{
    public static S3Settings From(SettingReader settings)
    {
        string Required(string key) => settings.GetString(key) is { Length: > 0 } value
            ? value
            : throw new InvalidSettingException(SettingReader.DisplayName(key), "is required when Media__Storage=s3");

        Uri? serviceUrl = null;
        if (settings.GetString("Media:S3:ServiceUrl") is { Length: > 0 } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out serviceUrl) || serviceUrl.Scheme is not ("http" or "https")))
        {
            throw new InvalidSettingException("Media__S3__ServiceUrl", $"'{url}' is not an absolute http(s) URL");
        }

        return new S3Settings(
            serviceUrl,
            Required("Media:S3:Bucket"),
            settings.GetString("Media:S3:Region") ?? "us-east-1",
            Required("Media:S3:AccessKey"),
            Required("Media:S3:SecretKey"),
            settings.GetBool("Media:S3:ForcePathStyle", true));
    }
}
