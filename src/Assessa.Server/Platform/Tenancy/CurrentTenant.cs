using System.Security.Claims;

namespace Assessa.Server.Platform.Tenancy;

/// <summary>
/// Scoped: reads the tenant from the signed-in principal's <c>tenant_id</c> claim, unless code has chosen a
/// tenant with <see cref="Use"/>.
/// </summary>
public sealed class CurrentTenant(IHttpContextAccessor httpContextAccessor) : ICurrentTenant
{
    public const string ClaimType = "tenant_id";

    private readonly Stack<Guid?> _overrides = new();

    public Guid? TenantId => _overrides.Count > 0 ? _overrides.Peek() : FromPrincipal(httpContextAccessor.HttpContext?.User);

    public IDisposable Use(Guid? tenantId)
    {
        _overrides.Push(tenantId);
        return new Restore(_overrides);
    }

    public static Guid? FromPrincipal(ClaimsPrincipal? user)
    {
        var value = user?.FindFirst(ClaimType)?.Value;
        return Guid.TryParse(value, out var id) ? id : null;
    }

    private sealed class Restore(Stack<Guid?> overrides) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                overrides.Pop();
                _disposed = true;
            }
        }
    }
}

/// <summary>A fixed tenant, for design-time tooling and code that runs outside a request.</summary>
public sealed class FixedTenant(Guid? tenantId) : ICurrentTenant
{
    private Guid? _tenantId = tenantId;

    public Guid? TenantId => _tenantId;

    public IDisposable Use(Guid? tenantId)
    {
        var previous = _tenantId;
        _tenantId = tenantId;
        return new Reset(this, previous);
    }

    private sealed class Reset(FixedTenant owner, Guid? previous) : IDisposable
    {
        public void Dispose() => owner._tenantId = previous;
    }
}
