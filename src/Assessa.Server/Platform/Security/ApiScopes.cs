namespace Assessa.Server.Platform.Security;

/// <summary>What a tenant API key may do. Endpoints for machines require one with <c>Policies.ApiScope(...)</c>.</summary>
public static class ApiScopes
{
    /// <summary>Everything any scope allows.</summary>
    public const string All = "*";

    /// <summary>List published assessments ("packages").</summary>
    public const string AssessmentsRead = "assessments:read";

    /// <summary>Invite candidates / create assessment records.</summary>
    public const string AssessmentsWrite = "assessments:write";

    /// <summary>Read results and reports.</summary>
    public const string ResultsRead = "results:read";

    /// <summary>Submit answers on a candidate's behalf.</summary>
    public const string SubmissionsWrite = "submissions:write";

    /// <summary>Manage webhook endpoints.</summary>
    public const string WebhooksManage = "webhooks:manage";

    /// <summary>Read field sessions, sites, enumerators, imports and KPIs.</summary>
    public const string FieldRead = "field:read";

    /// <summary>Create, change, delete and import field sessions.</summary>
    public const string FieldWrite = "field:write";

    public static readonly IReadOnlyList<string> Known = [All, AssessmentsRead, AssessmentsWrite, ResultsRead, SubmissionsWrite, WebhooksManage, FieldRead, FieldWrite];
}
