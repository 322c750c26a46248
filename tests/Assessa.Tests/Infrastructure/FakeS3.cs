using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Assessa.Tests.Infrastructure;

/// <summary>
/// A tiny S3-compatible object store on 127.0.0.1 (path-style PUT, GET, DELETE of objects) that keeps the objects
/// in memory and records every request, so tests can assert what the server stored and how it signed it.
/// </summary>
public sealed class FakeS3 : IAsyncDisposable
{
    private readonly WebApplication _app;

    public sealed record Received(string Method, string Path, string? Authorization, string? ContentType);

    public ConcurrentDictionary<string, byte[]> Objects { get; } = new();

    public ConcurrentQueue<Received> Requests { get; } = new();

    public Uri Url { get; }

    private FakeS3(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public static async Task<FakeS3> StartAsync()
    {
        FakeS3? self = null;
        var (app, url) = await LocalHttpServer.StartAsync(async http =>
        {
            var s3 = self!;
            var path = Uri.UnescapeDataString(http.Request.Path.Value ?? "");
            s3.Requests.Enqueue(new Received(http.Request.Method, path, http.Request.Headers.Authorization, http.Request.ContentType));
            switch (http.Request.Method)
            {
                case "PUT":
                    using (var buffer = new MemoryStream())
                    {
                        await http.Request.Body.CopyToAsync(buffer);
                        var bytes = buffer.ToArray();
                        s3.Objects[path] = http.Request.Headers.ContentEncoding.ToString().Contains("aws-chunked", StringComparison.Ordinal) ? DecodeAwsChunked(bytes) : bytes;
                    }

                    http.Response.Headers.ETag = "\"fake\"";
                    return;
                case "GET" when s3.Objects.TryGetValue(path, out var stored):
                    http.Response.ContentLength = stored.Length;
                    await http.Response.Body.WriteAsync(stored);
                    return;
                case "DELETE":
                    s3.Objects.TryRemove(path, out _);
                    http.Response.StatusCode = StatusCodes.Status204NoContent;
                    return;
                default:
                    http.Response.StatusCode = StatusCodes.Status404NotFound;
                    http.Response.ContentType = "application/xml";
                    await http.Response.WriteAsync("<Error><Code>NoSuchKey</Code><Message>Not found</Message></Error>");
                    return;
            }
        });
        self = new FakeS3(app, url);
        return self;
    }

    /// <summary>The payload of an <c>aws-chunked</c> body: <c>hex-size[;ext]\r\n data \r\n … 0\r\n trailers</c>.</summary>
    private static byte[] DecodeAwsChunked(byte[] body)
    {
        var output = new MemoryStream();
        var position = 0;
        while (position < body.Length)
        {
            var lineEnd = IndexOfCrLf(body, position);
            var header = Encoding.ASCII.GetString(body, position, lineEnd - position);
            var size = Convert.ToInt32(header.Split(';')[0], 16);
            position = lineEnd + 2;
            if (size == 0)
            {
                break;
            }

            output.Write(body, position, size);
            position += size + 2;
        }

        return output.ToArray();
    }

    private static int IndexOfCrLf(byte[] body, int from)
    {
        for (var i = from; i < body.Length - 1; i++)
        {
            if (body[i] == '\r' && body[i + 1] == '\n')
            {
                return i;
            }
        }

        throw new InvalidDataException("aws-chunked body without a line end");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
