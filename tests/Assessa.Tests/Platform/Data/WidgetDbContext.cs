using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Security;
using Assessa.Server.Platform.Tenancy;
using Assessa.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Tests.Platform.Data;

public enum WidgetKind
{
    Plain,
    VeryFancy,
}

/// <summary>A tenant-owned, soft-deletable entity that exists only in tests, to exercise the platform's conventions.</summary>
public sealed class Widget : Entity, ITenantOwned, ISoftDeletable
{
    public Guid TenantId { get; set; }

    public required string Name { get; set; }

    public WidgetKind Kind { get; set; }

    public DateTime? DeletedAt { get; set; }

    /// <summary>A JSON column (a mutable list), for change detection of values changed in place.</summary>
    public List<string> Tags { get; set; } = [];
}

/// <summary>AppDbContext plus <see cref="Widget"/>: the widget gets every convention a module entity gets.</summary>
public sealed class WidgetDbContext(DbContextOptions<WidgetDbContext> options, ICurrentTenant tenant) : AppDbContext(options, tenant, SystemActor.Instance)
{
    public DbSet<Widget> Widgets => Set<Widget>();

    public static WidgetDbContext Create(TestDatabase database, ICurrentTenant tenant, TimeProvider time, Action<DbContextOptionsBuilder>? configure = null)
    {
        var options = new DbContextOptionsBuilder<WidgetDbContext>();
        DatabaseSetup.Configure(options, database.Settings);
        options.AddInterceptors(new EntityStampingInterceptor(time), new TenantInterceptor());
        configure?.Invoke(options);
        return new WidgetDbContext(options.Options, tenant);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Widget>().ToTable("widgets").Property(w => w.Name).HasMaxLength(100);
        modelBuilder.Entity<Widget>().Property(w => w.Tags).HasJsonConversion();
        base.OnModelCreating(modelBuilder);
    }
}
