using System.Security.Claims;
using Assessa.Server.Components.Staff;
using Assessa.Server.Modules.Audit;
using Assessa.Server.Modules.Identity.Domain;
using Assessa.Server.Modules.Identity.Security;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Http;
using Assessa.Server.Platform.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Server.Modules.Identity.Features.Auth;

/// <summary>
/// Sign-in for staff pages in a browser (the assessment-service operator form, reports): <c>GET/POST /signin</c>
/// sets an HttpOnly, SameSite=Lax cookie tied to a sign-in session (revocable like any other), <c>POST /signout</c>
/// ends it. Same credential checks, lockout and two-factor rule as the API; forms carry an anti-forgery token.
/// </summary>
public static class BrowserSignIn
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").WithTags("Browser sign-in");
        pages.MapGet("/signin", Form).WithName("Identity.BrowserSignInForm").WithSummary("Sign-in page (HTML)").Produces(StatusCodes.Status200OK, contentType: "text/html").AllowAnonymous();
        pages.MapPost("/signin", SignInAsync).WithName("Identity.BrowserSignIn").WithSummary("Sign in from the page (form post; sets the cookie)")
            .Produces(StatusCodes.Status303SeeOther).AllowAnonymous().RequireRateLimiting(IdentityModule.AuthRateLimit);
        pages.MapPost("/signout", SignOutAsync).WithName("Identity.BrowserSignOut").WithSummary("Sign out (form post; ends the cookie's session)")
            .Produces(StatusCodes.Status303SeeOther).WithMetadata(new BrowserPageAttribute()).RequireAuthorization(Policies.Person);
    }

    public static IResult Form(HttpContext http, IAntiforgery antiforgery, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "return_url")] string? returnUrl) =>
        Page(http, antiforgery, HtmlPages.LocalOnly(returnUrl), email: null, error: null, StatusCodes.Status200OK);

    public static async Task<IResult> SignInAsync(
        HttpContext http, IAntiforgery antiforgery, CredentialCheck credentials, TwoFactor twoFactor, AccountRateLimiter limiter, AppDbContext db,
        IdentitySettings settings, AuditTrail audit, TimeProvider time, CancellationToken ct)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : FormCollection.Empty;
        var returnUrl = HtmlPages.LocalOnly(form["return_url"]);
        var email = form["email"].ToString().Trim();
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Page(http, antiforgery, returnUrl, email, "The form expired. Please sign in again.", StatusCodes.Status400BadRequest);
        }

        if (email.Length == 0 || form["password"].ToString().Length == 0)
        {
            return Page(http, antiforgery, returnUrl, email, "Enter your e-mail and password.", StatusCodes.Status400BadRequest);
        }

        if (limiter.TryAcquire(email) is not null)
        {
            return Page(http, antiforgery, returnUrl, email, "Too many attempts. Wait a minute and try again.", StatusCodes.Status429TooManyRequests);
        }

        var verified = await credentials.VerifyAsync(email, form["password"].ToString(), ct);
        if (verified is null)
        {
            return Page(http, antiforgery, returnUrl, email, "Wrong e-mail or password.", StatusCodes.Status401Unauthorized);
        }

        var (user, tenant) = verified.Value;
        if (tenant.Require2fa && !user.TwoFactorEnabled)
        {
            return Page(http, antiforgery, returnUrl, email, "Your organisation requires two-factor sign-in: set it up in the app first.", StatusCodes.Status403Forbidden);
        }

        if (user.TwoFactorEnabled && await twoFactor.VerifyAsync(user, form["code"].ToString().Trim(), ct) == TwoFactorMatch.None)
        {
            await db.SaveChangesAsync(ct);
            return Page(http, antiforgery, returnUrl, email, "Enter a current two-factor code (or a recovery code).", StatusCodes.Status401Unauthorized);
        }

        var now = time.UtcNow();
        var session = new Session
        {
            TenantId = user.TenantId,
            UserId = user.Id,
            CreatedAt = now,
            LastActivityAt = now,
            ExpiresAt = now.AddHours(8),
            IpAddress = http.Connection.RemoteIpAddress?.ToString(),
            UserAgent = http.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent[..Math.Min(agent.Length, 500)] : null,
        };
        db.Add(session);
        user.LastLogin = now;
        audit.Record("auth.login_succeeded", "user", user.Id.ToString(), user.TenantId, newValues: new { session_id = session.Id, browser = true }, userId: user.Id);
        await db.SaveChangesAsync(ct);

        var identity = new ClaimsIdentity(
            [
                new Claim(AssessaClaims.Subject, user.Id.ToString()),
                new Claim(AssessaClaims.Tenant, user.TenantId.ToString()),
                new Claim(AssessaClaims.Role, RoleNames.Of(user.Role)),
                new Claim(AssessaClaims.Session, session.Id.ToString()),
                new Claim(AssessaClaims.Email, user.Email),
            ],
            AuthenticationSetup.CookieScheme,
            AssessaClaims.Subject,
            AssessaClaims.Role);
        await http.SignInAsync(AuthenticationSetup.CookieScheme, new ClaimsPrincipal(identity));
        return HtmlPages.SeeOther(http, returnUrl);
    }

    public static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery, AppDbContext db, SignIns signIns, CancellationToken ct)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.BadRequest();
        }

        if (Guid.TryParse(http.User.FindFirst(AssessaClaims.Session)?.Value, out var sessionId)
            && await db.Set<Session>().IgnoreQueryFilters().SingleOrDefaultAsync(s => s.Id == sessionId, ct) is { } session)
        {
            await signIns.RevokeAsync(session, "signed out", ct);
        }

        await http.SignOutAsync(AuthenticationSetup.CookieScheme);
        return HtmlPages.SeeOther(http, "/signin");
    }

    private static Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult<SignInPage> Page(HttpContext http, IAntiforgery antiforgery, string returnUrl, string? email, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var nonce = HtmlPages.NewNonce();
        return HtmlPages.Render<SignInPage>(http, nonce, new Dictionary<string, object?>
        {
            ["Error"] = error,
            ["Email"] = email,
            ["ReturnUrl"] = returnUrl,
            ["AntiforgeryField"] = tokens.FormFieldName,
            ["AntiforgeryToken"] = tokens.RequestToken,
            ["Nonce"] = nonce,
        }, status);
    }
}
