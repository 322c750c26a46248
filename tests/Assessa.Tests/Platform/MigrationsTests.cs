using Assessa.Server.Platform.Data;
using Assessa.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assessa.Tests.Platform;

public sealed class MigrationsTests(SharedApps apps)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void The_model_has_no_changes_without_a_migration(string provider)
    {
        using var context = new DesignTimeDbContextFactory().CreateDbContext([provider]);
        Assert.NotEmpty(context.Database.GetMigrations());
        Assert.False(
            context.Database.HasPendingModelChanges(),
            $"The model changed without a {provider} migration: run scripts/add-migration.sh <Name>.");
    }

    [Theory, AllDatabases]
    public async Task Startup_applies_every_migration(Db db)
    {
        var app = await apps.GetAsync(db);
        await using var scope = app.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(context.Database.GetMigrations(), await context.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
    }
}
