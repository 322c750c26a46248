using Assessa.Server.Modules.Delivery.Features.AssessmentService;
using Assessa.Server.Modules.Delivery.Features.Attempts;
using Assessa.Server.Modules.Delivery.Features.CandidatePages;
using Assessa.Server.Modules.Delivery.Features.Candidates;
using Assessa.Server.Modules.Delivery.Features.Demo;
using Assessa.Server.Modules.Delivery.Features.Invitations;
using Assessa.Server.Modules.Delivery.Features.Media;
using Assessa.Server.Modules.Delivery.Features.Submissions;
using Assessa.Server.Modules.Delivery.Features.Results;
using Assessa.Server.Modules.Delivery.Features.Submit;
using Assessa.Server.Platform.Configuration;
using Assessa.Server.Platform.Jobs;

namespace Assessa.Server.Modules.Delivery;

/// <summary>
/// Candidates, invitations and their lifecycle, candidate pages, atomic idempotent submission and scoring,
/// results and reports, media, and the assessment-service API. Serves the submit path of
/// contracts/skills-api.md, attempts/submissions/media of contracts/sjt-jdt-api.md and
/// contracts/assessment-service-api.md.
/// </summary>
public static class DeliveryModule
{
    public static WebApplicationBuilder AddDeliveryModule(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorComponents();

        // Pages in Portuguese (and any other script) are sent as UTF-8 text, not as &#x..; entities.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddSettings((settings, _) => DeliverySettings.From(settings));
        DeliveryPolicies.Add(services.AddAuthorizationBuilder());
        services.AddSettings((settings, _) => MediaSettings.From(settings));
        services.AddSingleton<MediaStorage>();
        services.AddScoped<PublicLinks>();
        services.AddSingleton<InvitationTokens>();
        services.AddScoped<ReportLinks>();
        services.AddScoped<CandidateResolver>();
        services.AddScoped<CandidateEraser>();
        services.AddScoped<InvitationChanges>();
        services.AddScoped<InvitationFactory>();
        services.AddScoped<InvitationCreator>();
        services.AddScoped<AtsInvitations>();
        services.AddScoped<ExternalCandidates>();
        services.AddScoped<InvitationResponses>();
        services.AddScoped<SubmissionRecorder>();
        services.AddScoped<AttemptService>();
        services.AddScoped<ResultReader>();
        services.AddScoped<ReportBuilder>();
        services.AddSingleton<Platform.IStartupTask, DemoSeed>();
        services.AddJobHandler<BulkInvitationJob>(BulkInvitationJob.JobType, maxAttempts: 3);
        services.AddJobHandler<InvitationExpiryJob>(InvitationFactory.ExpiryJob);
        services.AddJobHandler<InvitationReminderJob>(InvitationFactory.ReminderJob);
        services.AddJobHandler<AttemptDeadlineJob>(AttemptService.DeadlineJob);
        return builder;
    }

    public static IEndpointRouteBuilder MapDeliveryEndpoints(this IEndpointRouteBuilder app)
    {
        ManageCandidates.Map(app);

        var invitations = app.MapGroup("/api/v1/invitations").WithTags("Invitations");
        CreateInvitation.Map(invitations);
        BulkInvitations.Map(invitations);
        ManageInvitations.Map(invitations);
        ChangeInvitation.Map(invitations);

        SubmitAssessment.Map(app);
        CandidatePageEndpoints.Map(app);
        StartTestAttempt.Map(app);
        ManageSubmissions.Map(app);
        SubmissionMedia.Map(app);
        AssessmentServiceApi.Map(app);
        OperatorPages.Map(app);

        var results = app.MapGroup("/api/v1/results").WithTags("Results");
        ManageResults.Map(results);
        ReviewResult.Map(results);
        return app;
    }
}
