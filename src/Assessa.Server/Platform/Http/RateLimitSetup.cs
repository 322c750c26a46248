using System.Globalization;
using System.Threading.RateLimiting;
using Assessa.Server.Platform.Errors;

namespace Assessa.Server.Platform.Http;

/// <summary>
/// The rate-limiting middleware; modules add named policies. Rejections are 429 problem+json with
/// <c>Retry-After</c>. Limits are per node (in memory).
/// </summary>
public static class RateLimitSetup
{
    public static IServiceCollection AddAssessaRateLimiting(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60);
                return WriteTooManyRequestsAsync(context.HttpContext, retryAfter, ct);
            };
        });

    public static async ValueTask WriteTooManyRequestsAsync(HttpContext http, TimeSpan retryAfter, CancellationToken ct)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await TooManyRequests(seconds).ToProblem().ExecuteAsync(http);
    }

    public static Error TooManyRequests(int seconds) =>
        new(StatusCodes.Status429TooManyRequests, ErrorCodes.TooManyRequests, "Too many requests",
            $"Too many attempts; try again in {seconds} seconds.");
}
