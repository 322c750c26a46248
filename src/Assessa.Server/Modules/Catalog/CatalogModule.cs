using Assessa.Server.Modules.Catalog.Features;
using Assessa.Server.Modules.Catalog.Features.Assessments;
using Assessa.Server.Modules.Catalog.Features.Competencies;
using Assessa.Server.Modules.Catalog.Features.Configurations;
using Assessa.Server.Modules.Catalog.Features.QuestionBank;
using Assessa.Server.Modules.Catalog.Features.Questions;

namespace Assessa.Server.Modules.Catalog;

/// <summary>
/// Competencies, the question bank, assessments with immutable published versions, SJT/JDT configurations and
/// the scoring engine (<c>Scoring/</c>, the module's public surface for delivery and reporting).
/// </summary>
public static class CatalogModule
{
    public static WebApplicationBuilder AddCatalogModule(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CatalogLookups>();
        builder.Services.AddScoped<QuestionStore>();
        builder.Services.AddScoped<AssessmentStore>();
        builder.Services.AddScoped<ConfigurationMaterializer>();
        builder.Services.AddScoped<PublishedAssessments>();
        builder.Services.AddScoped<CatalogProvisioning>();
        builder.Services.AddSingleton<PublishedVersionCache>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder app)
    {
        ManageCompetencies.Map(app);
        ManageSectors.Map(app);

        var questions = app.MapGroup("/api/v1/questions").WithTags("Questions");
        ListQuestions.Map(questions);
        CreateQuestion.Map(questions);
        ManageQuestion.Map(questions);
        ExportImportQuestionBank.Map(app);

        var assessments = app.MapGroup("/api/v1/assessments").WithTags("Assessments");
        ManageAssessments.Map(assessments);
        PublishAssessment.Map(assessments);
        AssessmentVersions.Map(assessments);

        ManageConfigurations.Map(app);
        return app;
    }
}
