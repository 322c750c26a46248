using System.Data.Common;
using System.Net;
using Assessa.Server.Modules.Accounts.Domain;
using Assessa.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Assessa.Tests.Modules.Accounts;

/// <summary>Database failures: a failure in the middle of a save leaves nothing behind, and every failure is a 503 problem, not a stack trace.</summary>
public sealed class AccountsFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Fails, once armed, right after the database ran a matching command (so its rows were written inside the transaction).</summary>
    private sealed class FailingCommands : DbCommandInterceptor
    {
        public Func<string, bool>? FailAfter { get; set; }

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (FailAfter?.Invoke(command.CommandText) == true)
            {
                await result.DisposeAsync();
                throw Injected();
            }

            return result;
        }

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default) =>
            FailAfter?.Invoke(command.CommandText) == true ? throw Injected() : ValueTask.FromResult(result);

        // Any DbException will do: the server must treat it as "the database failed", whichever provider raised it.
        private static SqliteException Injected() => new("injected failure: disk I/O error", 10);
    }

    private static async Task<(AssessaApp App, FailingCommands Failures, HttpClient Operator)> StartAsync(Db db)
    {
        var failures = new FailingCommands();
        var app = await AssessaApp.StartAsync(db, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" }, s => s.AddSingleton<IInterceptor>(failures));
        return (app, failures, await TestTenant.SuperadminAsync(app));
    }

    [Theory, AllDatabases]
    public async Task A_failure_injected_mid_save_leaves_no_opportunity_row(Db db)
    {
        var (app, failures, client) = await StartAsync(db);
        await using var _ = app;
        var cid = AccountsApi.NewCid();
        await AccountsApi.CustomerAsync(client, cid, "France");
        var body = AccountsApi.Opportunity(cid);

        failures.FailAfter = sql => sql.Contains("INSERT INTO", StringComparison.OrdinalIgnoreCase) && sql.Contains("opportunities", StringComparison.Ordinal);
        var failed = await Problems.AssertProblemAsync(await client.PostJsonAsync("/api/opportunities", body), HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.DoesNotContain("disk I/O", failed.GetRawText(), StringComparison.Ordinal);
        failures.FailAfter = null;

        Assert.Empty(await app.QueryAsync(d => d.Set<Opportunity>().Where(o => o.Cid == cid)));
        Assert.Empty((await client.GetJsonAsync($"/api/opportunities?cid={cid}")).EnumerateArray());
        await (await client.PostJsonAsync("/api/opportunities", body)).JsonAsync(HttpStatusCode.Created);
        Assert.Single(await app.QueryAsync(d => d.Set<Opportunity>().Where(o => o.Cid == cid)));
    }

    [Theory, AllDatabases]
    public async Task A_failing_database_answers_503_problem_json(Db db)
    {
        var (app, failures, client) = await StartAsync(db);
        await using var _ = app;
        var cid = AccountsApi.NewCid();
        await AccountsApi.CustomerAsync(client, cid, "France");

        failures.FailAfter = sql => sql.Contains("customers", StringComparison.Ordinal);
        var response = await client.GetAsync("/api/customers", Ct);
        await Problems.AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.NotNull(response.Headers.RetryAfter);
        await Problems.AssertProblemAsync(await AccountsApi.PostCsvAsync(client, "/api/customers/import", $"cid,name,area\n{cid},Renamed,France\n"), HttpStatusCode.ServiceUnavailable);
        failures.FailAfter = null;

        Assert.Equal($"Customer {cid}", (await client.GetJsonAsync($"/api/customers/{cid}")).Str("name"));
    }
}
