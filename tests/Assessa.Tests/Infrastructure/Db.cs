namespace Assessa.Tests.Infrastructure;

/// <summary>The database an integration test runs on. Every integration test runs on both.</summary>
public enum Db
{
    Sqlite,
    Postgres,
}
