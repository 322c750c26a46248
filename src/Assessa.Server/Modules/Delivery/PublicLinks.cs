namespace Assessa.Server.Modules.Delivery;

/// <summary>
/// Absolute links to candidate pages and reports: under <c>Delivery__PublicUrl</c> when set, else under the
/// address the current request came to (forwarded headers applied), else http://localhost:8000.
/// </summary>
public sealed class PublicLinks(DeliverySettings settings, IHttpContextAccessor accessor)
{
    public Uri Base
    {
        get
        {
            if (settings.PublicUrl is not null)
            {
                return settings.PublicUrl;
            }

            var request = accessor.HttpContext?.Request;
            return request is null
                ? new Uri("http://localhost:8000/")
                : new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
        }
    }

    public string Candidate(string token) => new Uri(Base, "t/" + token).ToString();

    public string Absolute(string relative) => new Uri(Base, relative.TrimStart('/')).ToString();
}
