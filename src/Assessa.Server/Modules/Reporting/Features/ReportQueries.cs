using Assessa.Server.Modules.Delivery;
using Assessa.Server.Platform.Data;

namespace Assessa.Server.Modules.Reporting.Features;

/// <summary>The filtered sets reports start from, so every report counts the same rows the same way.</summary>
public static class ReportQueries
{
    /// <summary>Invitations created in the range (of one assessment, when filtered).</summary>
    public static IQueryable<InvitationFact> Invitations(AppDbContext db, ReportFilter filter) =>
        DeliveryFacts.Invitations(db)
            .WhereIf(filter.AssessmentId is not null, i => i.AssessmentId == filter.AssessmentId)
            .WhereIf(filter.From is not null, i => i.CreatedAt >= filter.From)
            .WhereIf(filter.Before is not null, i => i.CreatedAt < filter.Before);

    /// <summary>Submissions completed (scored, nothing pending) in the range (of one assessment, when filtered).</summary>
    public static IQueryable<SubmissionFact> Completed(AppDbContext db, ReportFilter filter) =>
        DeliveryFacts.Submissions(db)
            .Where(s => s.Status == SubmissionStatus.Completed && s.CompletedAt != null)
            .WhereIf(filter.AssessmentId is not null, s => s.AssessmentId == filter.AssessmentId)
            .WhereIf(filter.From is not null, s => s.CompletedAt >= filter.From)
            .WhereIf(filter.Before is not null, s => s.CompletedAt < filter.Before);

}
