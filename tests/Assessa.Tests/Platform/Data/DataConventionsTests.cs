using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Tenancy;
using Assessa.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace Assessa.Tests.Platform.Data;

/// <summary>UUIDv7 ids, UTC timestamps, snake_case names, enum text, soft delete and tenant isolation, on both databases.</summary>
public sealed class DataConventionsTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly Guid _tenantA = Guid.CreateVersion7();
    private readonly Guid _tenantB = Guid.CreateVersion7();
    private TestDatabase? _database;

    private async Task<WidgetDbContext> ContextAsync(Db db, Guid? tenant)
    {
        if (_database is null)
        {
            _database = await TestDatabase.CreateAsync(db);
            await using var setup = WidgetDbContext.Create(_database, new FixedTenant(null), _time);
            await setup.Database.EnsureCreatedAsync(TestContext.Current.CancellationToken);
        }

        return WidgetDbContext.Create(_database, new FixedTenant(tenant), _time);
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Theory, AllDatabases]
    public async Task Ids_are_time_ordered_uuid_v7(Db db)
    {
        await using var context = await ContextAsync(db, _tenantA);
        var widgets = Enumerable.Range(0, 3).Select(i => new Widget { Name = $"w{i}" }).ToList();
        context.Widgets.AddRange(widgets);
        await context.SaveChangesAsync(TestContext.Current.CancellationToken);

        Assert.All(widgets, w => Assert.Equal(7, w.Id.Version));
        var stamps = widgets.Select(w => UnixMilliseconds(w.Id)).ToList();
        Assert.Equal(stamps.Order(), stamps);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - stamps[0], 0, 60_000);
    }

    // A UUIDv7 starts with 48 bits of Unix time in milliseconds; that prefix is what keeps inserts index-friendly.
    private static long UnixMilliseconds(Guid id)
    {
        var bytes = id.ToByteArray(bigEndian: true);
        return bytes[..6].Aggregate(0L, (acc, b) => (acc << 8) | b);
    }

    [Theory, AllDatabases]
    public async Task Timestamps_are_utc_and_stamped_on_insert_and_update(Db db)
    {
        Guid id;
        await using (var context = await ContextAsync(db, _tenantA))
        {
            var widget = new Widget { Name = "first" };
            context.Widgets.Add(widget);
            await context.SaveChangesAsync(TestContext.Current.CancellationToken);
            id = widget.Id;
        }

        _time.Advance(TimeSpan.FromHours(1));
        await using (var context = await ContextAsync(db, _tenantA))
        {
            var widget = await context.Widgets.SingleAsync(w => w.Id == id, TestContext.Current.CancellationToken);
            widget.Name = "second";
            widget.CreatedAt = DateTime.UnixEpoch;
            await context.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using (var context = await ContextAsync(db, _tenantA))
        {
            var widget = await context.Widgets.AsNoTracking().SingleAsync(w => w.Id == id, TestContext.Current.CancellationToken);
            Assert.Equal(Start.UtcDateTime, widget.CreatedAt);
            Assert.Equal(Start.UtcDateTime.AddHours(1), widget.UpdatedAt);
            Assert.Equal(DateTimeKind.Utc, widget.CreatedAt.Kind);
            Assert.Equal(DateTimeKind.Utc, widget.UpdatedAt.Kind);
        }
    }

    [Theory, AllDatabases]
    public async Task A_save_detects_changes_once_whatever_its_interceptors_read(Db db)
    {
        await using (var setup = await ContextAsync(db, _tenantA))
        {
            setup.Widgets.Add(new Widget { Name = "old" });
            await setup.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var detections = 0;
        await using var context = WidgetDbContext.Create(_database!, new FixedTenant(_tenantA), _time, options =>
            options.LogTo(_ => Interlocked.Increment(ref detections), [CoreEventId.DetectChangesStarting]));
        var existing = await context.Widgets.SingleAsync(TestContext.Current.CancellationToken);
        existing.Name = "renamed";
        context.Widgets.Add(new Widget { Name = "new" });
        _time.Advance(TimeSpan.FromMinutes(5));
        await context.SaveChangesAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, detections);
        Assert.True(context.ChangeTracker.AutoDetectChangesEnabled);
        context.ChangeTracker.Clear();
        var saved = await context.Widgets.OrderBy(w => w.Name).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["new", "renamed"], saved.Select(w => w.Name));
        Assert.All(saved, w => Assert.Equal(Start.UtcDateTime.AddMinutes(5), w.UpdatedAt));
        Assert.Equal(_tenantA, saved[0].TenantId);
    }

    [Theory, AllDatabases]
    public async Task Json_columns_save_values_changed_in_place_and_ignore_equal_copies(Db db)
    {
        var widget = new Widget { Name = "tagged", Tags = ["a"] };
        await using (var setup = await ContextAsync(db, _tenantA))
        {
            setup.Widgets.Add(widget);
            await setup.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using (var context = await ContextAsync(db, _tenantA))
        {
            var loaded = await context.Widgets.SingleAsync(w => w.Id == widget.Id, TestContext.Current.CancellationToken);
            loaded.Tags = ["a"];
            context.ChangeTracker.DetectChanges();
            Assert.Equal(EntityState.Unchanged, context.Entry(loaded).State);

            loaded.Tags.Add("b");
            await context.SaveChangesAsync(TestContext.Current.CancellationToken);
            loaded.Tags.Add("c");
            await context.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var check = await ContextAsync(db, _tenantA);
        var saved = await check.Widgets.AsNoTracking().SingleAsync(w => w.Id == widget.Id, TestContext.Current.CancellationToken);
        Assert.Equal(["a", "b", "c"], saved.Tags);
    }

    [Theory, AllDatabases]
    public async Task Removing_a_soft_deletable_row_hides_it_but_keeps_it(Db db)
    {
        await using var context = await ContextAsync(db, _tenantA);
        var widget = new Widget { Name = "doomed" };
        context.Widgets.Add(widget);
        await context.SaveChangesAsync(TestContext.Current.CancellationToken);

        context.Widgets.Remove(widget);
        await context.SaveChangesAsync(TestContext.Current.CancellationToken);
        context.ChangeTracker.Clear();

        Assert.False(await context.Widgets.AnyAsync(w => w.Id == widget.Id, TestContext.Current.CancellationToken));
        var kept = await context.Widgets.IgnoreQueryFilters([QueryFilters.SoftDelete]).SingleAsync(w => w.Id == widget.Id, TestContext.Current.CancellationToken);
        Assert.Equal(Start.UtcDateTime, kept.DeletedAt);
    }

    [Theory, AllDatabases]
    public async Task Queries_see_only_the_current_tenants_rows(Db db)
    {
        await using (var a = await ContextAsync(db, _tenantA))
        {
            a.Widgets.Add(new Widget { Name = "a1" });
            await a.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using (var b = await ContextAsync(db, _tenantB))
        {
            b.Widgets.Add(new Widget { Name = "b1" });
            await b.SaveChangesAsync(TestContext.Current.CancellationToken);
            Assert.Equal(["b1"], await b.Widgets.Select(w => w.Name).ToListAsync(TestContext.Current.CancellationToken));
            Assert.Equal(
                ["a1", "b1"],
                await b.Widgets.IgnoreQueryFilters([QueryFilters.Tenant]).OrderBy(w => w.Name).Select(w => w.Name).ToListAsync(TestContext.Current.CancellationToken));
        }

        await using var nobody = await ContextAsync(db, tenant: null);
        Assert.Empty(await nobody.Widgets.ToListAsync(TestContext.Current.CancellationToken));
    }

    [Theory, AllDatabases]
    public async Task New_rows_get_the_current_tenant(Db db)
    {
        await using var context = await ContextAsync(db, _tenantA);
        var widget = new Widget { Name = "mine" };
        context.Widgets.Add(widget);
        await context.SaveChangesAsync(TestContext.Current.CancellationToken);
        Assert.Equal(_tenantA, widget.TenantId);
    }

    [Theory, AllDatabases]
    public async Task Writes_to_another_tenants_rows_are_refused(Db db)
    {
        Guid bWidget;
        await using (var b = await ContextAsync(db, _tenantB))
        {
            var widget = new Widget { Name = "b's" };
            b.Widgets.Add(widget);
            await b.SaveChangesAsync(TestContext.Current.CancellationToken);
            bWidget = widget.Id;
        }

        await using (var a = await ContextAsync(db, _tenantA))
        {
            a.Widgets.Add(new Widget { Name = "planted", TenantId = _tenantB });
            await Assert.ThrowsAsync<TenantIsolationException>(() => a.SaveChangesAsync(TestContext.Current.CancellationToken));
        }

        await using (var a = await ContextAsync(db, _tenantA))
        {
            var stolen = await a.Widgets.IgnoreQueryFilters([QueryFilters.Tenant]).SingleAsync(w => w.Id == bWidget, TestContext.Current.CancellationToken);
            stolen.Name = "defaced";
            await Assert.ThrowsAsync<TenantIsolationException>(() => a.SaveChangesAsync(TestContext.Current.CancellationToken));
        }

        await using (var b = await ContextAsync(db, _tenantB))
        {
            var moved = await b.Widgets.SingleAsync(w => w.Id == bWidget, TestContext.Current.CancellationToken);
            moved.TenantId = _tenantA;
            await Assert.ThrowsAsync<TenantIsolationException>(() => b.SaveChangesAsync(TestContext.Current.CancellationToken));
        }

        await using (var nobody = await ContextAsync(db, tenant: null))
        {
            nobody.Widgets.Add(new Widget { Name = "orphan" });
            await Assert.ThrowsAsync<TenantIsolationException>(() => nobody.SaveChangesAsync(TestContext.Current.CancellationToken));
        }

        await using var check = await ContextAsync(db, _tenantB);
        Assert.Equal(["b's"], await check.Widgets.IgnoreQueryFilters([QueryFilters.Tenant]).Select(w => w.Name).ToListAsync(TestContext.Current.CancellationToken));
    }

    [Theory, AllDatabases]
    public async Task Names_are_snake_case_and_enums_are_stored_as_text(Db db)
    {
        await using var context = await ContextAsync(db, _tenantA);
        context.Widgets.Add(new Widget { Name = "fancy", Kind = WidgetKind.VeryFancy });
        await context.SaveChangesAsync(TestContext.Current.CancellationToken);

        var kinds = await context.Database.SqlQueryRaw<string>("SELECT kind AS \"Value\" FROM widgets").ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["very_fancy"], kinds);

        var entity = context.Model.FindEntityType(typeof(Widget))!;
        Assert.Equal("widgets", entity.GetTableName());
        Assert.Equal("created_at", entity.FindProperty(nameof(Widget.CreatedAt))!.GetColumnName());
        Assert.Contains(entity.GetIndexes(), i => i.Properties.Single().Name == nameof(Widget.TenantId));
    }

    [Fact]
    public void Every_tenant_owned_entity_of_the_real_model_has_the_tenant_filter()
    {
        using var context = new DesignTimeDbContextFactory().CreateDbContext(["sqlite"]);
        Assert.Empty(ModelConventions.TenantOwnedWithoutFilter(context.Model));
    }

    [Fact]
    public void The_tenant_filter_check_finds_an_entity_without_the_filter()
    {
        var builder = new ModelBuilder();
        builder.Entity<Widget>().HasKey(w => w.Id);
        Assert.Equal([nameof(Widget)], ModelConventions.TenantOwnedWithoutFilter((Microsoft.EntityFrameworkCore.Metadata.IModel)builder.FinalizeModel()));
    }
}
