using System.Globalization;
using Assessa.Server.Components.Staff;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Modules.Delivery.Features.Invitations;
using Assessa.Server.Modules.Delivery.Features.Results;
using Assessa.Server.Modules.Identity.Security;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Http;
using Assessa.Server.Platform.Json;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Delivery.Features.AssessmentService;

/// <summary>
/// contracts/assessment-service-api.md, people side: the operator form <c>GET /assessments/{id}</c> with its
/// <c>POST …/update</c> (manual status and score; queues the record's webhook; 303 back), and the HTML report
/// <c>GET /assessments/reports/{id}</c> (a signed link or a signed-in tenant user). Staff sign in with a bearer
/// token or the browser sign-in cookie.
/// </summary>
public static class OperatorPages
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/assessments").WithTags("Assessment service");
        pages.MapGet("/{id}", FormAsync).WithName("Delivery.OperatorForm").WithSummary("Operator form of an assessment record (HTML)")
            .Produces(StatusCodes.Status200OK, contentType: "text/html").WithMetadata(new BrowserPageAttribute()).RequireAuthorization(Policies.Staff);
        pages.MapPost("/{id}/update", UpdateAsync).WithName("Delivery.OperatorUpdate").WithSummary("Set status and score (form: status, score); queues the webhook; 303")
            .Produces(StatusCodes.Status303SeeOther).WithMetadata(new BrowserPageAttribute()).RequireAuthorization(Policies.Staff);
        pages.MapGet("/reports/{id}", ReportAsync).WithName("Delivery.RecordReport").WithSummary("HTML report (signed link or signed-in staff)")
            .Produces(StatusCodes.Status200OK, contentType: "text/html").AllowAnonymous();
    }

    public static async Task<IResult> FormAsync(string id, HttpContext http, AppDbContext db, IAntiforgery antiforgery, ReportBuilder reports, ReportLinks links, CancellationToken ct)
    {
        var invitation = await FindAsync(db, id, ct);
        return invitation is null
            ? NotFound(http, id)
            : await FormPageAsync(http, db, antiforgery, reports, links, invitation, id, error: null, StatusCodes.Status200OK, ct);
    }

    public static async Task<IResult> UpdateAsync(
        string id, HttpContext http, AppDbContext db, IAntiforgery antiforgery, InvitationChanges changes, ReportBuilder reports, ReportLinks links, CancellationToken ct)
    {
        var invitation = await FindAsync(db, id, ct);
        if (invitation is null)
        {
            return NotFound(http, id);
        }

        // A browser signed in by cookie must prove the form came from us; bearer-token callers cannot be forged cross-site.
        if (http.User.Identity?.AuthenticationType == AuthenticationSetup.CookieScheme && !await antiforgery.IsRequestValidAsync(http))
        {
            return await FormPageAsync(http, db, antiforgery, reports, links, invitation, id, "The form expired; reload the page and try again.", StatusCodes.Status400BadRequest, ct);
        }

        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : FormCollection.Empty;
        var statusText = form["status"].ToString().Trim();
        var scoreText = form["score"].ToString().Trim();
        decimal? score = null;
        string? error = null;
        if (!AssessmentServiceApi.AllowedStatuses.Contains(statusText))
        {
            error = $"Status must be one of: {string.Join(", ", AssessmentServiceApi.AllowedStatuses)}.";
        }
        else if (scoreText.Length > 0)
        {
            if (decimal.TryParse(scoreText, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) && parsed is >= 0 and <= 100)
            {
                score = Math.Round(parsed, 2);
            }
            else
            {
                error = "Score must be a number from 0 to 100.";
            }
        }

        if (error is not null)
        {
            return await FormPageAsync(http, db, antiforgery, reports, links, invitation, id, error, StatusCodes.Status400BadRequest, ct);
        }

        // The form shows statuses in this API's vocabulary (in_progress reads as pending, expired as abandoned):
        // posting back the status it showed means "leave the status as it is".
        var status = statusText == AssessmentServiceApi.StatusName(invitation.Status) ? invitation.Status : EnumText.Parse<InvitationStatus>(statusText)!.Value;
        invitation.ManualScore = score ?? invitation.ManualScore;
        var percent = invitation.SubmissionId is { } submissionId
            ? await db.Set<Submission>().Where(s => s.Id == submissionId).Select(s => s.Percent).SingleOrDefaultAsync(ct)
            : null;
        if (status == invitation.Status)
        {
            invitation.Revision++;
            changes.Record(invitation, InvitationEventTypes.Updated, $"score set to {invitation.ManualScore} by an operator");
            changes.PublishCallback(invitation, percent);
        }
        else if (changes.ChangeStatus(invitation, status, "set on the operator form", percent) is { } refused)
        {
            return await FormPageAsync(http, db, antiforgery, reports, links, invitation, id, refused.Detail, StatusCodes.Status409Conflict, ct);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await FormPageAsync(http, db, antiforgery, reports, links, invitation, id, "The record changed meanwhile; reload and try again.", StatusCodes.Status409Conflict, ct);
        }

        return HtmlPages.SeeOther(http, $"/assessments/{Uri.EscapeDataString(id)}");
    }

    public static async Task<IResult> ReportAsync(
        string id, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "token")] string? token, HttpContext http, AppDbContext db, ReportLinks links,
        ReportBuilder reports, Platform.Tenancy.ICurrentTenant tenant, CancellationToken ct)
    {
        if (links.InvitationIdFrom(token) is { } invitationId)
        {
            // A signed link works without signing in: it names the invitation, and so its tenant.
            var tenantId = await db.Set<Invitation>().IgnoreQueryFilters([QueryFilters.Tenant]).Where(i => i.Id == invitationId).Select(i => (Guid?)i.TenantId).SingleOrDefaultAsync(ct);
            using var scope = tenant.Use(tenantId);
            var linked = tenantId is null ? null : await db.Set<Invitation>().SingleAsync(i => i.Id == invitationId, ct);
            return linked is not null && (linked.ExternalId == id || linked.Id.ToString() == id)
                ? Report(http, await reports.ForInvitationAsync(linked, HtmlPages.NewNonce(), ct))
                : NotFound(http, id);
        }

        if (http.User.Identity?.IsAuthenticated != true)
        {
            return HtmlPages.SeeOther(http, "/signin?return_url=" + Uri.EscapeDataString(http.Request.Path + http.Request.QueryString));
        }

        var staff = new[] { Roles.Analyst, Roles.Admin, Roles.Superadmin }.Any(role => http.User.HasClaim(AssessaClaims.Role, role));
        var invitation = staff ? await FindAsync(db, id, ct) : null;
        return invitation is null ? NotFound(http, id) : Report(http, await reports.ForInvitationAsync(invitation, HtmlPages.NewNonce(), ct));
    }

    /// <summary>A record of the current tenant by the caller's id (assessment-service records), or by invitation id.</summary>
    private static async Task<Invitation?> FindAsync(AppDbContext db, string id, CancellationToken ct) =>
        await db.Set<Invitation>().SingleOrDefaultAsync(i => i.Source == InvitationSources.AssessmentService && i.ExternalId == id, ct)
        ?? (Guid.TryParse(id, out var invitationId) ? await db.Set<Invitation>().SingleOrDefaultAsync(i => i.Id == invitationId, ct) : null);

    private static async Task<IResult> FormPageAsync(
        HttpContext http, AppDbContext db, IAntiforgery antiforgery, ReportBuilder reports, ReportLinks links, Invitation invitation, string id, string? error, int status, CancellationToken ct)
    {
        var nonce = HtmlPages.NewNonce();
        var report = await reports.ForInvitationAsync(invitation, nonce, ct);
        var candidate = await db.Set<Candidate>().SingleAsync(c => c.Id == invitation.CandidateId, ct);
        var tokens = antiforgery.GetAndStoreTokens(http);
        var model = new OperatorPage.OperatorModel(
            nonce, id, candidate.Name, candidate.Email, report.AssessmentTitle, AssessmentServiceApi.StatusName(invitation.Status), report.Score,
            AssessmentServiceApi.AllowedStatuses, "/assessments/" + links.ReportPath(invitation.Id, id), tokens.FormFieldName, tokens.RequestToken, error);
        return HtmlPages.Render<OperatorPage>(http, nonce, new Dictionary<string, object?> { ["Model"] = model }, status);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult<ReportPage> Report(HttpContext http, ReportModel model) =>
        HtmlPages.Render<ReportPage>(http, model.Nonce, new Dictionary<string, object?> { ["Model"] = model });

    private static Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult<NotFoundPage> NotFound(HttpContext http, string id)
    {
        var nonce = HtmlPages.NewNonce();
        return HtmlPages.Render<NotFoundPage>(http, nonce, new Dictionary<string, object?> { ["Nonce"] = nonce, ["What"] = $"Assessment record '{id}'" }, StatusCodes.Status404NotFound);
    }
}
