using Assessa.Server.Platform.Configuration;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Http;
using Assessa.Server.Platform.Jobs;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Assessa.Tests.Platform.Configuration;

public sealed class SettingsTests
{
    private static SettingReader Read(params (string Key, string Value)[] values) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build());

    [Fact]
    public void Without_settings_the_database_is_the_embedded_sqlite_file()
    {
        var settings = DatabaseSettings.From(Read(), "/srv/assessa");
        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
        Assert.True(settings.IsEmbeddedDefault);
        Assert.True(settings.MigrateOnStartup);
        Assert.Equal("/srv/assessa/data/assessa.db", settings.SqliteFile);
    }

    [Fact]
    public void DATABASE_URL_wins_over_the_connection_string()
    {
        var settings = DatabaseSettings.From(
            Read(("DATABASE_URL", "postgresql://u:p@h/db"), ("ConnectionStrings:Default", "Data Source=/tmp/other.db")), "/");
        Assert.Equal(DatabaseProvider.Postgres, settings.Provider);
        Assert.False(settings.MigrateOnStartup);
    }

    [Theory]
    [InlineData("Host=db;Database=a;Username=u", DatabaseProvider.Postgres)]
    [InlineData("Data Source=relative.db", DatabaseProvider.Sqlite)]
    public void Provider_is_recognised_from_the_connection_string(string connectionString, DatabaseProvider expected)
    {
        var settings = DatabaseSettings.From(Read(("ConnectionStrings:Default", connectionString)), "/base");
        Assert.Equal(expected, settings.Provider);
        if (expected == DatabaseProvider.Sqlite)
        {
            Assert.Equal("/base/relative.db", new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource);
        }
    }

    [Theory]
    [InlineData("ConnectionStrings:Default", "Host=db;Database=a;Username=u", 100, 2, true)]
    [InlineData("DATABASE_URL", "postgresql://u@db/a", 100, 2, true)]
    [InlineData("ConnectionStrings:Default", "Host=db;Database=a;Max Auto Prepare=0", 0, 2, true)]
    [InlineData("ConnectionStrings:Default", "Host=db;Database=a;maxautoprepare=20;Auto Prepare Min Usages=5", 20, 5, true)]
    [InlineData("DATABASE_URL", "postgresql://u@db/a?max_auto_prepare=0", 0, 2, true)]
    [InlineData("ConnectionStrings:Default", "Host=db;Database=a;No Reset On Close=false", 100, 2, false)]
    [InlineData("ConnectionStrings:Default", "Host=db;Database=a;noresetonclose=false", 100, 2, false)]
    [InlineData("DATABASE_URL", "postgresql://u@db/a?no_reset_on_close=false", 100, 2, false)]
    public void Postgres_prepares_repeated_statements_and_skips_the_pool_reset_unless_the_operator_says_otherwise(
        string key, string value, int maxAutoPrepare, int minUsages, bool noResetOnClose)
    {
        var settings = DatabaseSettings.From(Read((key, value)), "/");
        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        Assert.Equal(maxAutoPrepare, builder.MaxAutoPrepare);
        Assert.Equal(minUsages, builder.AutoPrepareMinUsages);
        Assert.Equal(noResetOnClose, builder.NoResetOnClose);
        Assert.Equal("db", builder.Host);
    }

    [Fact]
    public void Migrate_on_startup_can_be_forced_for_postgres()
    {
        var settings = DatabaseSettings.From(Read(("DATABASE_URL", "postgresql://u:p@h/db"), ("Database:MigrateOnStartup", "true")), "/");
        Assert.True(settings.MigrateOnStartup);
    }

    [Theory]
    [InlineData("Database:Provider", "oracle", "Database__Provider")]
    [InlineData("Database:MigrateOnStartup", "perhaps", "Database__MigrateOnStartup")]
    [InlineData("ConnectionStrings:Default", "nonsense", "Database__Provider")]
    public void Bad_database_settings_are_named(string key, string value, string expectedSetting)
    {
        var error = Assert.Throws<InvalidSettingException>(() => DatabaseSettings.From(Read((key, value)), "/"));
        Assert.Equal(expectedSetting, error.Setting);
    }

    [Fact]
    public void Provider_contradicting_the_url_is_an_error()
    {
        var error = Assert.Throws<InvalidSettingException>(() =>
            DatabaseSettings.From(Read(("DATABASE_URL", "sqlite:///x.db"), ("Database:Provider", "postgresql")), "/"));
        Assert.Equal("Database__Provider", error.Setting);
    }

    [Theory]
    [InlineData("Jobs:Concurrency", "many", "Jobs__Concurrency", "'many' is not a whole number")]
    [InlineData("Jobs:Concurrency", "0", "Jobs__Concurrency", "outside the allowed range 1..64")]
    [InlineData("Jobs:Enabled", "maybe", "Jobs__Enabled", "not true or false")]
    public void Bad_job_settings_are_named(string key, string value, string setting, string reason)
    {
        var error = Assert.Throws<InvalidSettingException>(() => JobSettings.From(Read((key, value))));
        Assert.Equal(setting, error.Setting);
        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [InlineData("Cors:Origins", "https://app.example.com/path", "Cors__Origins")]
    [InlineData("Cors:Origins", "app.example.com", "Cors__Origins")]
    [InlineData("ForwardedHeaders:KnownProxies", "10.0.0.300", "ForwardedHeaders__KnownProxies")]
    [InlineData("ForwardedHeaders:KnownNetworks", "10.0.0.0/99", "ForwardedHeaders__KnownNetworks")]
    [InlineData("Http:MaxRequestBodyBytes", "12", "Http__MaxRequestBodyBytes")]
    public void Bad_http_settings_are_named(string key, string value, string setting)
    {
        var error = Assert.Throws<InvalidSettingException>(() => HttpSettings.From(Read((key, value))));
        Assert.Equal(setting, error.Setting);
    }

    [Fact]
    public void Http_lists_accept_commas_and_semicolons()
    {
        var settings = HttpSettings.From(Read(
            ("Cors:Origins", "https://a.example.com, https://b.example.com;http://localhost:5173"),
            ("ForwardedHeaders:KnownNetworks", "10.0.0.0/8")));
        Assert.Equal(["https://a.example.com", "https://b.example.com", "http://localhost:5173"], settings.CorsOrigins);
        Assert.Single(settings.KnownNetworks);
    }

    [Theory]
    [InlineData("Delivery:PublicUrl", "assess.example.com", "Delivery__PublicUrl")]
    [InlineData("Delivery:TimerGraceSeconds", "-1", "Delivery__TimerGraceSeconds")]
    [InlineData("Delivery:BulkInlineLimit", "20000", "Delivery__BulkInlineLimit")]
    [InlineData("Demo:Seed", "maybe", "Demo__Seed")]
    public void Bad_delivery_settings_are_named(string key, string value, string setting)
    {
        var error = Assert.Throws<InvalidSettingException>(() => Assessa.Server.Modules.Delivery.DeliverySettings.From(Read((key, value))));
        Assert.Equal(setting, error.Setting);
    }
}
