using Assessa.Server.Platform.Configuration;
using Assessa.Server.Platform.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Assessa.Tests.Platform.Configuration;

public sealed class DatabaseUrlTests
{
    [Fact]
    public void Relative_sqlite_path_resolves_against_the_base_directory()
    {
        var (provider, connectionString) = DatabaseUrl.Parse("sqlite:///./data/x.db", "/srv/assessa");
        Assert.Equal(DatabaseProvider.Sqlite, provider);
        Assert.Equal("/srv/assessa/data/x.db", new SqliteConnectionStringBuilder(connectionString).DataSource);
    }

    [Fact]
    public void Four_slashes_mean_an_absolute_sqlite_path()
    {
        var (_, connectionString) = DatabaseUrl.Parse("sqlite:////var/lib/assessa/a.db", "/srv/assessa");
        Assert.Equal("/var/lib/assessa/a.db", new SqliteConnectionStringBuilder(connectionString).DataSource);
    }

    [Theory]
    [InlineData("postgresql://assessa:p%40ss%3Aword@db.internal:6543/assessa_prod?sslmode=require")]
    [InlineData("postgres://assessa:p%40ss%3Aword@db.internal:6543/assessa_prod?sslmode=require")]
    public void Postgres_url_becomes_a_connection_string(string url)
    {
        var (provider, connectionString) = DatabaseUrl.Parse(url, "/");
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Assert.Equal(DatabaseProvider.Postgres, provider);
        Assert.Equal("db.internal", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("assessa", builder.Username);
        Assert.Equal("p@ss:word", builder.Password);
        Assert.Equal("assessa_prod", builder.Database);
        Assert.Equal(SslMode.Require, builder.SslMode);
    }

    [Fact]
    public void Postgres_port_defaults_to_5432()
    {
        var (_, connectionString) = DatabaseUrl.Parse("postgresql://u@localhost/db", "/");
        Assert.Equal(5432, new NpgsqlConnectionStringBuilder(connectionString).Port);
    }

    [Theory]
    [InlineData("mysql://u:p@h/db", "unsupported scheme 'mysql'")]
    [InlineData("sqlite://relative.db", "sqlite:///./data/assessa.db")]
    [InlineData("sqlite:///:memory:", "must name a database file")]
    [InlineData("postgresql://u:p@host:5432/", "names no database")]
    [InlineData("postgresql://u:p@host/db?colour=blue", "unsupported query parameter 'colour'")]
    [InlineData("postgresql://u:p@host/db?sslmode=sideways", "query parameter 'sslmode' has an invalid value")]
    public void Bad_urls_name_DATABASE_URL_and_say_why(string url, string expected)
    {
        var error = Assert.Throws<InvalidSettingException>(() => DatabaseUrl.Parse(url, "/"));
        Assert.Equal("DATABASE_URL", error.Setting);
        Assert.Contains(expected, error.Message);
    }
}
