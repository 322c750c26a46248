using System.Net;
using Assessa.Server.Modules.Identity.Security;
using Assessa.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Assessa.Tests.Modules.Identity;

/// <summary>TOTP two-factor sign-in (contracts/skills-api.md), with the clock under the test's control.</summary>
public sealed class TwoFactorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(AssessaApp App, FakeTimeProvider Time)> StartAsync(Db db)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var app = await AssessaApp.StartAsync(db, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" }, s => s.AddSingleton<TimeProvider>(time));
        return (app, time);
    }

    private static string CodeAt(string secret, FakeTimeProvider time) => Totp.Code(Base32.Decode(secret), Totp.StepAt(time.GetUtcNow()));

    /// <summary>A code that is wrong for every step the server accepts right now (its own and either neighbour).</summary>
    private static string WrongCode(string secret, FakeTimeProvider time)
    {
        var step = Totp.StepAt(time.GetUtcNow());
        var valid = new[] { step - 1, step, step + 1 }.Select(s => Totp.Code(Base32.Decode(secret), s)).ToHashSet();
        return Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(c => !valid.Contains(c));
    }

    /// <summary>Sets up and enables 2FA for a new admin; returns its secret and recovery codes.</summary>
    private static async Task<(TestTenant Tenant, string Secret, List<string> RecoveryCodes)> EnableAsync(AssessaApp app, FakeTimeProvider time)
    {
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var setup = await (await admin.PostAsync("/api/v1/auth/2fa/setup", null, Ct)).JsonAsync();
        var enabled = await (await admin.PostJsonAsync("/api/v1/auth/2fa/enable", new { code = CodeAt(setup.Str("secret"), time) })).JsonAsync();
        time.Advance(Totp.Step);
        return (tenant, setup.Str("secret"), enabled.GetProperty("recovery_codes").EnumerateArray().Select(c => c.GetString()!).ToList());
    }

    private static async Task<string> MfaTokenAsync(AssessaApp app, TestTenant tenant)
    {
        var login = await (await app.NewClient().PostJsonAsync("/api/v1/auth/login", new { email = tenant.AdminEmail, password = TestTenant.Password })).JsonAsync();
        Assert.Equal(["mfa_token", "two_factor_required"], login.PropertyNames());
        Assert.True(login.GetProperty("two_factor_required").GetBoolean());
        return login.Str("mfa_token");
    }

    [Theory, AllDatabases]
    public async Task Setup_gives_a_secret_an_otpauth_uri_and_a_png_qr_code_without_enabling_anything(Db db)
    {
        var (app, _) = await StartAsync(db);
        await using var _app = app;
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();

        var setup = await (await admin.PostAsync("/api/v1/auth/2fa/setup", null, Ct)).JsonAsync();

        Assert.Equal(["otpauth_uri", "qr_code", "secret"], setup.PropertyNames());
        Assert.Matches("^[A-Z2-7]{32}$", setup.Str("secret"));
        Assert.Equal($"otpauth://totp/Assessa:{tenant.AdminEmail}?secret={setup.Str("secret")}&issuer=Assessa", setup.Str("otpauth_uri"));
        Assert.StartsWith("data:image/png;base64,", setup.Str("qr_code"));
        var png = Convert.FromBase64String(setup.Str("qr_code")["data:image/png;base64,".Length..]);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        var login = await (await app.NewClient().PostJsonAsync("/auth/login", new { email = tenant.AdminEmail, password = TestTenant.Password })).JsonAsync();
        Assert.True(login.TryGetProperty("refresh_token", out _), "2FA must not be on before /enable");
    }

    [Theory, AllDatabases]
    public async Task Enable_needs_a_correct_code_and_returns_ten_recovery_codes(Db db)
    {
        var (app, time) = await StartAsync(db);
        await using var _app = app;
        var tenant = await TestTenant.CreateAsync(app);
        var admin = await tenant.AdminAsync();
        var setup = await (await admin.PostAsync("/api/v1/auth/2fa/setup", null, Ct)).JsonAsync();
        var right = CodeAt(setup.Str("secret"), time);
        var wrong = WrongCode(setup.Str("secret"), time);

        await Problems.AssertProblemAsync(await admin.PostJsonAsync("/api/v1/auth/2fa/enable", new { code = wrong }), HttpStatusCode.BadRequest, "invalid_code");
        var enabled = await (await admin.PostJsonAsync("/api/v1/auth/2fa/enable", new { code = right })).JsonAsync();

        Assert.Equal(["enabled", "recovery_codes"], enabled.PropertyNames());
        Assert.True(enabled.GetProperty("enabled").GetBoolean());
        var codes = enabled.GetProperty("recovery_codes").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$", c));
    }

    [Theory, AllDatabases]
    public async Task Sign_in_finishes_with_a_totp_code_and_the_same_code_never_works_twice(Db db)
    {
        var (app, time) = await StartAsync(db);
        await using var _app = app;
        var (tenant, secret, _) = await EnableAsync(app, time);
        var code = CodeAt(secret, time);

        var login = await (await app.NewClient().PostJsonAsync("/api/v1/auth/2fa/verify-login", new { mfa_token = await MfaTokenAsync(app, tenant), code })).JsonAsync();
        var replay = await app.NewClient().PostJsonAsync("/api/v1/auth/2fa/verify-login", new { mfa_token = await MfaTokenAsync(app, tenant), code });

        Assert.Equal(["access_token", "expires_in", "refresh_token", "token_type", "user"], login.PropertyNames());
        await app.NewClient().WithBearer(login.Str("access_token")).GetJsonAsync("/auth/me");
        await Problems.AssertProblemAsync(replay, HttpStatusCode.Unauthorized, "invalid_code");

        time.Advance(Totp.Step);
        await (await app.NewClient().PostJsonAsync("/api/v1/auth/2fa/verify-login", new { mfa_token = await MfaTokenAsync(app, tenant), code = CodeAt(secret, time) })).JsonAsync();
    }

    [Theory, AllDatabases]
    public async Task A_recovery_code_works_once(Db db)
    {
        var (app, time) = await StartAsync(db);
        await using var _app = app;
        var (tenant, _, codes) = await EnableAsync(app, time);

        var first = await app.NewClient().PostJsonAsync("/api/v1/auth/2fa/verify-login", new { mfa_token = await MfaTokenAsync(app, tenant), code = codes[3].ToUpperInvariant() });
        var again = await app.NewClient().PostJsonAsync("/api/v1/auth/2fa/verify-login", new { mfa_token = await MfaTokenAsync(app, tenant), code = codes[3] });
        var another = await app.NewClient().PostJsonAsync("/api/v1/auth/2fa/verify-login", new { mfa_token = await MfaTokenAsync(app, tenant), code = codes[4].Replace("-", "", StringComparison.Ordinal) });

        await first.JsonAsync();
        await Problems.AssertProblemAsync(again, HttpStatusCode.Unauthorized, "invalid_code");
        await another.JsonAsync();
    }

    [Theory, AllDatabases]
    public async Task The_mfa_token_expires_after_five_minutes_and_dies_after_five_wrong_codes(Db db)
    {
        var (app, time) = await StartAsync(db);
        await using var _app = app;
        var (tenant, secret, _) = await EnableAsync(app, time);

        var stale = await MfaTokenAsync(app, tenant);
        time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await Problems.AssertProblemAsync(
            await app.NewClient().PostJsonAsync("/api/v1/auth/2fa/verify-login", new { mfa_token = stale, code = CodeAt(secret, time) }), HttpStatusCode.Unauthorized, "invalid_mfa_token");

        var token = await MfaTokenAsync(app, tenant);
        var wrong = WrongCode(secret, time);
        for (var i = 0; i < 5; i++)
        {
            await Problems.AssertProblemAsync(
                await app.NewClient().PostJsonAsync("/api/v1/auth/2fa/verify-login", new { mfa_token = token, code = wrong }), HttpStatusCode.Unauthorized, "invalid_code");
        }

        await Problems.AssertProblemAsync(
            await app.NewClient().PostJsonAsync("/api/v1/auth/2fa/verify-login", new { mfa_token = token, code = CodeAt(secret, time) }), HttpStatusCode.Unauthorized, "invalid_mfa_token");
    }

    [Theory, AllDatabases]
    public async Task Disable_needs_the_password_and_a_code(Db db)
    {
        var (app, time) = await StartAsync(db);
        await using var _app = app;
        var (tenant, secret, _) = await EnableAsync(app, time);
        var login = await (await app.NewClient().PostJsonAsync("/api/v1/auth/2fa/verify-login", new { mfa_token = await MfaTokenAsync(app, tenant), code = CodeAt(secret, time) })).JsonAsync();
        var client = app.NewClient().WithBearer(login.Str("access_token"));
        time.Advance(Totp.Step);

        var wrongPassword = await client.PostJsonAsync("/api/v1/auth/2fa/disable", new { password = "not-the-password", code = CodeAt(secret, time) });
        var disabled = await (await client.PostJsonAsync("/api/v1/auth/2fa/disable", new { password = TestTenant.Password, code = CodeAt(secret, time) })).JsonAsync();

        await Problems.AssertProblemAsync(wrongPassword, HttpStatusCode.BadRequest, "invalid_password_or_code");
        Assert.Equal("{\"enabled\":false}", disabled.GetRawText());
        var plain = await (await app.NewClient().PostJsonAsync("/auth/login", new { email = tenant.AdminEmail, password = TestTenant.Password })).JsonAsync();
        Assert.True(plain.TryGetProperty("refresh_token", out _));

        var actions = (await app.NewClient().WithBearer(plain.Str("access_token")).GetJsonAsync("/api/v1/audit-logs?per_page=500"))
            .EnumerateArray().Select(r => r.Str("action")).ToList();
        Assert.Contains("auth.2fa_enabled", actions);
        Assert.Contains("auth.2fa_disabled", actions);
        Assert.DoesNotContain(secret, string.Join(",", actions));
    }

    [Theory, AllDatabases]
    public async Task A_tenant_that_requires_2fa_only_lets_its_users_set_it_up(Db db)
    {
        var (app, time) = await StartAsync(db);
        await using var _app = app;
        var tenant = await TestTenant.CreateAsync(app, new { require_2fa = true });

        var login = await (await app.NewClient().PostJsonAsync("/auth/login", new { email = tenant.AdminEmail, password = TestTenant.Password })).JsonAsync();
        Assert.Equal(["access_token", "expires_in", "token_type", "two_factor_setup_required", "user"], login.PropertyNames());
        var limited = app.NewClient().WithBearer(login.Str("access_token"));

        await Problems.AssertProblemAsync(await limited.GetAsync("/users", Ct), HttpStatusCode.Unauthorized);
        await limited.GetJsonAsync("/auth/me");
        var setup = await (await limited.PostAsync("/api/v1/auth/2fa/setup", null, Ct)).JsonAsync();
        await (await limited.PostJsonAsync("/api/v1/auth/2fa/enable", new { code = CodeAt(setup.Str("secret"), time) })).JsonAsync();
        time.Advance(Totp.Step);

        var full = await (await app.NewClient().PostJsonAsync("/api/v1/auth/2fa/verify-login", new { mfa_token = await MfaTokenAsync(app, tenant), code = CodeAt(setup.Str("secret"), time) })).JsonAsync();
        await app.NewClient().WithBearer(full.Str("access_token")).GetJsonAsync("/users");
        var disable = await app.NewClient().WithBearer(full.Str("access_token")).PostJsonAsync("/api/v1/auth/2fa/disable", new { password = TestTenant.Password, code = CodeAt(setup.Str("secret"), time) });
        await Problems.AssertProblemAsync(disable, HttpStatusCode.Conflict, "two_factor_required");
    }

    [Fact]
    public void Totp_matches_the_rfc_6238_test_vectors()
    {
        // RFC 6238 appendix B, SHA-1 secret "12345678901234567890": 8-digit codes, of which we use the last 6.
        var secret = "12345678901234567890"u8.ToArray();
        Assert.Equal("287082", Totp.Code(secret, 59 / 30));
        Assert.Equal("081804", Totp.Code(secret, 1111111109 / 30));
        Assert.Equal("050471", Totp.Code(secret, 1111111111 / 30));
        Assert.Equal("005924", Totp.Code(secret, 1234567890 / 30));
        Assert.Equal("279037", Totp.Code(secret, 2000000000 / 30));
        Assert.Equal(secret, Base32.Decode(Base32.Encode(secret)));
        Assert.Equal("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Base32.Encode(secret));
    }
}
