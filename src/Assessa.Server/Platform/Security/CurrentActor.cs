using System.Security.Claims;

namespace Assessa.Server.Platform.Security;

/// <summary>Who is acting in this request (for audit and authorization decisions inside handlers).</summary>
public interface ICurrentActor
{
    Guid? UserId { get; }

    Guid? ApiKeyId { get; }

    string? Role { get; }

    string? IpAddress { get; }

    string? UserAgent { get; }

    bool IsSuperadmin => Role == Roles.Superadmin;

    bool IsAdmin => Role is Roles.Admin or Roles.Superadmin;
}

public sealed class CurrentActor(IHttpContextAccessor accessor) : ICurrentActor
{
    private ClaimsPrincipal? User => accessor.HttpContext?.User;

    public Guid? UserId => Guid.TryParse(User?.FindFirst(AssessaClaims.Subject)?.Value, out var id) ? id : null;

    public Guid? ApiKeyId => Guid.TryParse(User?.FindFirst(AssessaClaims.ApiKey)?.Value, out var id) ? id : null;

    public string? Role => User?.FindFirst(AssessaClaims.Role)?.Value;

    public string? IpAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public string? UserAgent
    {
        get
        {
            var agent = accessor.HttpContext?.Request.Headers.UserAgent.ToString();
            return string.IsNullOrEmpty(agent) ? null : agent.Length > 500 ? agent[..500] : agent;
        }
    }
}

/// <summary>No request: background jobs, startup, design-time tooling.</summary>
public sealed class SystemActor : ICurrentActor
{
    public static readonly SystemActor Instance = new();

    public Guid? UserId => null;

    public Guid? ApiKeyId => null;

    public string? Role => null;

    public string? IpAddress => null;

    public string? UserAgent => null;
}
