using Assessa.Server.Modules.Delivery;
using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Modules.Identity.Features.Users;
using Assessa.Server.Modules.Identity.Security;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Http;
using Assessa.Server.Platform.Json;
using Assessa.Server.Platform.Security;
using Assessa.Server.Platform.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Identity.Features.Tenants;

/// <summary><c>GET|POST /api/v1/tenants/{id}/users</c> and <c>GET /api/v1/tenants/{id}/statistics</c>.</summary>
public static class TenantUsers
{
    public sealed record Query([FromQuery(Name = "page")] int? Page, [FromQuery(Name = "per_page")] int? PerPage);

    public sealed record StatisticsResponse(
        int Users,
        int Candidates,
        int Submissions,
        Dictionary<string, int> SubmissionsByStatus,
        Dictionary<string, int> SubmissionsByTestType,
        double? AverageScore);

    public static void Map(IEndpointRouteBuilder tenants)
    {
        tenants.MapGet("/{id:guid}/users", ListAsync).WithName("Identity.ListTenantUsers").WithSummary("List a tenant's users").RequireAuthorization(Policies.Admin);
        tenants.MapPost("/{id:guid}/users", CreateAsync).WithName("Identity.CreateTenantUser").WithSummary("Create a user in a tenant").RequireAuthorization(Policies.Admin);
        tenants.MapGet("/{id:guid}/statistics", StatisticsAsync).WithName("Identity.TenantStatistics").WithSummary("A tenant's statistics").RequireAuthorization(Policies.Admin);
    }

    public static async Task<Results<Ok<List<UserResponse>>, ProblemHttpResult>> ListAsync(
        Guid id, [AsParameters] Query query, HttpContext http, AppDbContext db, ICurrentActor actor, ICurrentTenant current, CancellationToken ct)
    {
        if (await ManageTenants.FindAsync(id, db, actor, current, ct) is null)
        {
            return IdentityErrors.TenantNotFound(id).ToProblem();
        }

        if (!PageRequest.TryCreate(query.Page, query.PerPage, out var page, out var error))
        {
            return error!.ToProblem();
        }

        var users = await db.Set<User>().IgnoreQueryFilters([QueryFilters.Tenant]).Where(u => u.TenantId == id)
            .OrderBy(u => u.CreatedAt).ThenBy(u => u.Id).ToPageAsync(page, http, ct);
        return TypedResults.Ok(users.Select(UserResponse.From).ToList());
    }

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> CreateAsync(
        Guid id, CreateUser.Request request, AppDbContext db, ICurrentActor actor, ICurrentTenant current, UserAccounts accounts, CancellationToken ct)
    {
        if (await ManageTenants.FindAsync(id, db, actor, current, ct) is null)
        {
            return IdentityErrors.TenantNotFound(id).ToProblem();
        }

        return await CreateUser.HandleAsync(request, id, db, actor, current, accounts, ct);
    }

    public static async Task<Results<Ok<StatisticsResponse>, ProblemHttpResult>> StatisticsAsync(
        Guid id, AppDbContext db, ICurrentActor actor, ICurrentTenant current, CancellationToken ct)
    {
        if (await ManageTenants.FindAsync(id, db, actor, current, ct) is null)
        {
            return IdentityErrors.TenantNotFound(id).ToProblem();
        }

        var users = db.Set<User>().IgnoreQueryFilters([QueryFilters.Tenant]).Where(u => u.TenantId == id);
        var submissions = await DeliveryFacts.SubmissionsOfTenant(db, id)
            .GroupBy(s => new { s.Status, s.TestType })
            .Select(g => new { g.Key.Status, g.Key.TestType, Count = g.Count(), Scored = g.Count(s => s.Percent != null), PercentSum = g.Sum(s => s.Percent ?? 0) })
            .ToListAsync(ct);
        var completed = submissions.Where(s => s.Status == SubmissionStatus.Completed).ToList();
        var scored = completed.Sum(s => s.Scored);
        return TypedResults.Ok(new StatisticsResponse(
            await users.CountAsync(ct),
            await users.CountAsync(u => u.Role == UserRole.Candidate, ct),
            submissions.Sum(s => s.Count),
            Enum.GetValues<SubmissionStatus>().ToDictionary(EnumText.Name, status => submissions.Where(s => s.Status == status).Sum(s => s.Count)),
            TestTypes.ToDictionary(t => t, t => submissions.Where(s => (s.TestType ?? OtherTestType) == t).Sum(s => s.Count)),
            scored == 0 ? null : Math.Round(completed.Sum(s => s.PercentSum) / scored, 2)));
    }

    /// <summary>The key of <c>submissions_by_test_type</c> for assessments that are neither SJT nor JDT.</summary>
    public const string OtherTestType = "other";

    private static readonly string[] TestTypes = ["SJT", "JDT", OtherTestType];
}
