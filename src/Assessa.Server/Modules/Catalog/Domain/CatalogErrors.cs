using Assessa.Server.Platform.Errors;

namespace Assessa.Server.Modules.Catalog.Domain;

public static class CatalogErrors
{
    public static Error QuestionNotFound(object id) => Error.NotFound("Question", id);

    public static Error AssessmentNotFound(object id) => Error.NotFound("Assessment", id);

    public static Error CompetencyNotFound(object id) => Error.NotFound("Competency", id);

    public static Error ConfigurationNotFound(object id) => Error.NotFound("Configuration", id);

    public static Error VersionNotFound(int number) => Error.NotFound("Published version", number);

    public static readonly Error NameTaken = Error.Conflict("name_taken", "Another entry with this name exists.");

    public static readonly Error AssessmentArchived = Error.Conflict("assessment_archived", "The assessment is archived; restore it first.");

    public static readonly Error NothingToPublish = Error.Conflict("nothing_to_publish", "The draft has no changes since the latest published version.");

    public static readonly Error PublishedCannotBeDeleted = Error.Conflict("assessment_published", "A published assessment cannot be deleted; archive it instead.");

    public static readonly Error CompetencyInUse = Error.Conflict("competency_in_use", "Questions or other competencies still use this competency.");

    public static readonly Error NoActiveConfiguration = Error.NotFound("Active configuration", "of this type");

    public static Error UnknownQuestions(IEnumerable<Guid> ids) => Scoring.AnswerProblems.UnknownQuestionsError(ids);
}
