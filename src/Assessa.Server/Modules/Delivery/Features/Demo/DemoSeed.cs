using System.Security.Cryptography;
using Assessa.Server.Modules.Catalog;
using Assessa.Server.Modules.Catalog.Features.Questions;
using Assessa.Server.Modules.Catalog.Scoring;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Modules.Delivery.Features.Invitations;
using Assessa.Server.Modules.Identity;
using Assessa.Server.Platform;
using Assessa.Server.Platform.Data;
using Assessa.Server.Platform.Tenancy;

namespace Assessa.Server.Modules.Delivery.Features.Demo;

/// <summary>
/// On the first start of the embedded default (SQLite, no configuration), creates a demo organisation with an
/// admin, a published sample assessment and one invitation, and prints the admin's generated password and the
/// candidate link next to the superadmin's credentials — so a newcomer can take an assessment and read its
/// result minutes after cloning. <c>Demo__Seed=false</c> turns it off; it never runs on PostgreSQL.
/// </summary>
public sealed partial class DemoSeed(DatabaseSettings database, DeliverySettings settings, StartupNotices notices, ILogger<DemoSeed> logger) : IStartupTask
{
    public const string Domain = "demo.assessa.local";
    public const string AdminEmail = "demo-admin@assessa.local";
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static readonly string[] LikertPoints = ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"];

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        if (!database.IsEmbeddedDefault || !settings.SeedDemo)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var (tenantId, created) = await sp.GetRequiredService<IdentityProvisioning>().EnsureTenantAsync("Demo organisation", Domain, ct);
        if (!created)
        {
            return;
        }

        var password = string.Join('-', Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetString(Alphabet, 5)));
        if (await sp.GetRequiredService<IdentityProvisioning>().CreateAdminAsync(tenantId, AdminEmail, password, "Demo admin", ct) is { } adminError)
        {
            LogSkipped(logger, adminError.Detail);
            return;
        }

        using var tenantScope = sp.GetRequiredService<ICurrentTenant>().Use(tenantId);
        var (version, error) = await sp.GetRequiredService<CatalogProvisioning>().PublishAsync(
            "Customer service assessment (sample)",
            "A five-minute sample: numeracy, judgment and conscientiousness.",
            SampleQuestions(),
            new ScoringConfig([], [
                new RecommendationBand(0, 50, "develop", "Not yet", "Below the bar for this role."),
                new RecommendationBand(50, 75, "consider", "Consider", "Meets most expectations; interview to confirm."),
                new RecommendationBand(75, 100, "recommend", "Recommended", "Strong on every competency measured."),
            ]),
            ct);
        if (error is not null)
        {
            LogSkipped(logger, error.Detail);
            return;
        }

        var db = sp.GetRequiredService<AppDbContext>();
        var candidate = new Candidate { Name = "Demo Candidate", Email = "candidate@demo.assessa.local" };
        db.Add(candidate);
        var invitation = sp.GetRequiredService<InvitationFactory>().Create(candidate, version!, new InvitationOptions(Source: InvitationSources.Demo, ExpiresAt: DateTime.UtcNow.AddDays(365)));
        await db.SaveChangesAsync(ct);
        notices.Add(Notice
            .Replace("EMAIL", AdminEmail, StringComparison.Ordinal)
            .Replace("PASSWORD", password, StringComparison.Ordinal)
            .Replace("TOKEN", invitation.Token, StringComparison.Ordinal));
    }

    private static List<QuestionInput> SampleQuestions() =>
    [
        Question("single_choice", "A customer buys 3 items at 4.50 each. What do they pay?", "Numeracy", [("13.50", 1), ("12.50", 0), ("14.00", 0)]),
        Question("single_choice", "A 20 % discount on 60.00 leaves what price?", "Numeracy", [("48.00", 1), ("40.00", 0), ("50.00", 0)]),
        new QuestionInput("sjt_best_worst", "What would you do?", "A customer is shouting at a colleague at the till.", "Judgment", null, [], [
            Option("Ignore it and serve the next customer"),
            Option("Step in calmly, acknowledge the customer and offer to help", best: true),
            Option("Call security straight away"),
            Option("Tell the customer to calm down or leave", worst: true),
        ], null, null, null, null, null, null, null, "en", null, true),
        Likert("I double-check my work before handing it over."),
        Likert("I finish tasks even when nobody checks on them."),
    ];

    private static QuestionInput Question(string type, string stem, string competency, (string Text, decimal Score)[] options) =>
        new(type, stem, null, competency, null, [], options.Select(o => new OptionInput(null, null, o.Text, o.Score, null, null, null)).ToList(),
            null, null, null, null, null, null, null, "en", null, true);

    private static QuestionInput Likert(string stem) =>
        new("likert", stem, null, "Conscientiousness", null, [],
            LikertPoints.Select(t => new OptionInput(null, null, t, null, null, null, null)).ToList(),
            null, null, null, null, null, null, null, "en", null, true);

    private static OptionInput Option(string text, bool best = false, bool worst = false) =>
        new(null, null, text, null, best ? true : null, worst ? true : null, null);

    private const string Notice = """

        ================================================================================
          Demo organisation (turn off with Demo__Seed=false). Its admin, shown once:

            email:    EMAIL
            password: PASSWORD

          Take the sample assessment as a candidate:  {base_url}/t/TOKEN
          Then read the result:  GET {base_url}/api/v1/results  (sign in as the demo admin)
        ================================================================================

        """;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped the demo seed: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string reason);
}
