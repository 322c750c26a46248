using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Assessa.Server.Platform.Configuration;

namespace Assessa.Server.Modules.Delivery.Features.Media;

/// <summary>A stored media object: where it is, how big, and its SHA-256.</summary>
public sealed record StoredMedia(string Provider, string Key, long Size, string Sha256, string Url);

/// <summary>
/// Stores media answers on local disk or in an S3-compatible bucket. Uploads are streamed to a temporary file
/// first (counting and hashing as they go, stopping at the size limit), so neither store ever sees a partial or
/// oversized object, and S3 gets a seekable body of known length.
/// </summary>
public sealed class MediaStorage(MediaSettings settings, StorageSettings storage) : IDisposable
{
    private readonly Lazy<AmazonS3Client>? _s3 = settings.S3 is { } s3 ? new(() => CreateClient(s3)) : null;

    public string Provider => settings.Provider;

    public string MediaRoot => Path.Combine(storage.DataDirectory, "media");

    /// <summary>Copies <paramref name="content"/> to a temporary file; null when it exceeds <paramref name="maxBytes"/>.</summary>
    public static async Task<(string Path, long Size, string Sha256)?> SpoolAsync(Stream content, long maxBytes, string directory, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, $".upload-{Guid.NewGuid():N}.tmp");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        var buffer = new byte[81920];
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        File.Delete(path);
                        return null;
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }

            return (path, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Moves a spooled file into the configured store under <paramref name="key"/> (a relative, generated path).</summary>
    public async Task<StoredMedia> StoreAsync(string spooledPath, string key, long size, string sha256, string contentType, CancellationToken ct)
    {
        if (settings.Provider == MediaSettings.Local)
        {
            var target = LocalPath(key);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(spooledPath, target, overwrite: false);
            return new StoredMedia(MediaSettings.Local, key, size, sha256, "");
        }

        try
        {
            var s3 = settings.S3!;
            await _s3!.Value.PutObjectAsync(new PutObjectRequest { BucketName = s3.Bucket, Key = key, FilePath = spooledPath, ContentType = contentType }, ct);
            return new StoredMedia(MediaSettings.S3Provider, key, size, sha256, $"s3://{s3.Bucket}/{key}");
        }
        finally
        {
            File.Delete(spooledPath);
        }
    }

    /// <summary>Opens a stored object for reading.</summary>
    public async Task<Stream> OpenAsync(string provider, string key, CancellationToken ct)
    {
        if (provider == MediaSettings.Local)
        {
            return new FileStream(LocalPath(key), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        }

        var response = await S3().GetObjectAsync(settings.S3!.Bucket, key, ct);
        return response.ResponseStream;
    }

    public async Task DeleteAsync(string provider, string key, CancellationToken ct)
    {
        if (provider == MediaSettings.Local)
        {
            File.Delete(LocalPath(key));
            return;
        }

        await S3().DeleteObjectAsync(settings.S3!.Bucket, key, ct);
    }

    public void Dispose()
    {
        if (_s3 is { IsValueCreated: true })
        {
            _s3.Value.Dispose();
        }
    }

    private AmazonS3Client S3() => _s3?.Value ?? throw new InvalidOperationException("This object is in S3 but Media__Storage is not s3; configure the S3 settings to read it.");

    // Keys are generated (tenant/submission/id.ext), never taken from the client; the check is a second fence.
    private string LocalPath(string key)
    {
        var root = Path.GetFullPath(MediaRoot);
        var path = Path.GetFullPath(Path.Combine(root, key));
        return path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new InvalidOperationException("A media key points outside the media directory.");
    }

    private static AmazonS3Client CreateClient(S3Settings s3)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = s3.ForcePathStyle,
            AuthenticationRegion = s3.Region,
            Timeout = TimeSpan.FromMinutes(5),
        };
        if (s3.ServiceUrl is not null)
        {
            config.ServiceURL = s3.ServiceUrl.ToString();
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(s3.Region);
        }

        return new AmazonS3Client(new BasicAWSCredentials(s3.AccessKey, s3.SecretKey), config);
    }
}
