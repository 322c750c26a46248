namespace Assessa.Server.Modules.Audit;

/// <summary>
/// The audit module's public surface. Put <c>[Audited("question")]</c> on an entity class and every insert,
/// update and delete of it is written to the audit log in the same transaction — one line per entity type.
/// For events that are not row changes (sign-ins, token revocations), call <see cref="AuditTrail.Record"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AuditedAttribute(string resourceType) : Attribute
{
    /// <summary>The <c>resource_type</c> of the audit rows, e.g. <c>user</c>; actions are <c>user.created</c> and so on.</summary>
    public string ResourceType { get; } = resourceType;

    /// <summary>The entity is itself a tenant: its rows belong to the tenant they describe.</summary>
    public bool IsTenant { get; init; }
}

/// <summary>The property's value never appears in the audit log (<c>[redacted]</c> instead).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AuditRedactAttribute : Attribute;

/// <summary>Changes to this property alone are not worth an audit row (e.g. last-seen timestamps).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AuditIgnoreAttribute : Attribute;
