using System.Reflection;
using Xunit.Sdk;
using Xunit.v3;

namespace Assessa.Tests.Infrastructure;

/// <summary>
/// Runs a theory once per database: <c>[Theory, AllDatabases] Task X(Db db)</c>. Without
/// ASSESSA_TEST_POSTGRES the PostgreSQL case is reported as skipped (never silently passed); .ci/run fails
/// if any PostgreSQL case was skipped.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AllDatabasesAttribute : DataAttribute
{
    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker)
    {
        IReadOnlyCollection<ITheoryDataRow> rows =
        [
            new TheoryDataRow<Db>(Db.Sqlite),
            new TheoryDataRow<Db>(Db.Postgres) { Skip = PostgresServer.IsConfigured ? null : PostgresServer.SkipReason },
        ];
        return ValueTask.FromResult(rows);
    }

    public override bool SupportsDiscoveryEnumeration() => true;
}
