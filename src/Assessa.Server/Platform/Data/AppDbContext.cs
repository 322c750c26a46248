using Assessa.Server.Platform.Idempotency;
using Assessa.Server.Platform.Jobs;
using Assessa.Server.Platform.Security;
using Assessa.Server.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Platform.Data;

/// <summary>
/// The one EF Core context. Modules add their entities through <c>IEntityTypeConfiguration&lt;T&gt;</c> classes
/// in their <c>Data/</c> folders; <see cref="ModelConventions"/> then adds the tenant and soft-delete filters,
/// enum and UTC conversions to every entity, whichever module it belongs to.
/// </summary>
public class AppDbContext : DbContext
{
    public AppDbContext(DbContextOptions<AppDbContext> options, ICurrentTenant tenant, ICurrentActor actor)
        : this((DbContextOptions)options, tenant, actor)
    {
    }

    /// <summary>For contexts derived in tests (which add their own entities before calling the base model).</summary>
    protected AppDbContext(DbContextOptions options, ICurrentTenant tenant, ICurrentActor actor)
        : base(options)
    {
        Tenant = tenant;
        Actor = actor;
    }

    public ICurrentTenant Tenant { get; }

    /// <summary>Who is making the changes (read by the audit interceptor).</summary>
    public ICurrentActor Actor { get; }

    /// <summary>Read by the "Tenant" query filter; EF Core evaluates it for each query of this context.</summary>
    internal Guid? CurrentTenantId => Tenant.TenantId;

    /// <summary>Set while jobs or outbox messages are saved but not yet committed (see WorkSignalInterceptor).</summary>
    internal bool HasUncommittedWork { get; set; }

    public DbSet<Job> Jobs => Set<Job>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    /// <summary>
    /// Detects changes once, then saves with automatic detection off. Each SaveChanges interceptor reads
    /// <c>ChangeTracker.Entries()</c>, and every such call (and SaveChanges itself) would otherwise compare every
    /// tracked entity with its snapshot again. Interceptors therefore change entities through
    /// <c>entry.Property(...).CurrentValue</c> or add new ones (see ADR 0015).
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var detected = DetectChangesOnce();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled |= detected;
        }
    }

    /// <inheritdoc cref="SaveChanges(bool)"/>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var detected = DetectChangesOnce();
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled |= detected;
        }
    }

    /// <summary>True when it detected and switched automatic detection off (to be switched back on after the save).</summary>
    private bool DetectChangesOnce()
    {
        if (!ChangeTracker.AutoDetectChangesEnabled)
        {
            return false;
        }

        ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        return true;
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        ModelConventions.Apply(modelBuilder, this);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date/time or decimal types: EF stores text and loses DateTimeKind, and cannot
        // compare or sum decimals. Read DateTimes back as UTC, and keep decimals as REAL.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
            configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
            configurationBuilder.Properties<decimal>().HaveConversion<double>();
            configurationBuilder.Properties<decimal?>().HaveConversion<double?>();
        }
    }
}
