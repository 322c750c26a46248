namespace Assessa.Server.Platform.Tenancy;

/// <summary>Code tried to write another tenant's data. Always a bug: it surfaces as a 500 and is logged.</summary>
public sealed class TenantIsolationException(string message) : InvalidOperationException(message);
