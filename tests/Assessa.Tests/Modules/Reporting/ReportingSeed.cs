using Assessa.Server.Modules.Delivery;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Tests.Infrastructure;
using Assessa.Tests.Modules.Delivery;
using Microsoft.EntityFrameworkCore;

namespace Assessa.Tests.Modules.Reporting;

/// <summary>One seeded invitation and, when it was completed, its submission (with two competencies).</summary>
public sealed record SeededCase(
    Guid AssessmentId,
    InvitationStatus Status,
    bool Started,
    DateTime CreatedAt,
    DeliveryChannel Channel,
    double? Percent,
    string? Band,
    DateTime? CompletedAt,
    double Reasoning,
    double Teamwork)
{
    public Guid InvitationId { get; } = Guid.CreateVersion7();

    public Guid SubmissionId { get; } = Guid.CreateVersion7();

    public Guid CandidateId { get; } = Guid.CreateVersion7();

    public string CandidateName => "Candidate " + InvitationId.ToString("N")[..8];

    public bool HasSubmission => CompletedAt is not null;
}

/// <summary>
/// Writes invitations, submissions and competency rows straight into the database with chosen timestamps,
/// statuses, channels and scores, so a report's numbers can be compared with counts made here, in memory.
/// </summary>
public static class ReportingSeed
{
    private static readonly InvitationStatus[] Statuses =
        [InvitationStatus.Pending, InvitationStatus.NotStarted, InvitationStatus.InProgress, InvitationStatus.Completed, InvitationStatus.Completed, InvitationStatus.Expired];

    private static readonly string?[] Bands = ["strong", "consider", "not_recommended", null];

    /// <summary>Two published assessments of the tenant and their ids/titles/version ids.</summary>
    public static async Task<List<(Guid Id, Guid VersionId, string Title)>> PublishTwoAsync(TestTenant tenant)
    {
        var admin = await tenant.AdminAsync();
        var result = new List<(Guid, Guid, string)>();
        for (var i = 0; i < 2; i++)
        {
            var published = await DeliveryApi.PublishAsync(admin);
            result.Add((Guid.Parse(published.AssessmentId), Guid.Parse(published.Version.Str("id")), published.Version.Str("title")));
        }

        return result;
    }

    /// <summary>A varied, deterministic set of cases spread over <paramref name="days"/> days from <paramref name="start"/>.</summary>
    public static List<SeededCase> Cases(IReadOnlyList<Guid> assessments, DateTime start, int count, int days)
    {
        var random = new Random(count * 31 + days);
        var channels = Enum.GetValues<DeliveryChannel>();
        var cases = new List<SeededCase>();
        for (var i = 0; i < count; i++)
        {
            var status = Statuses[random.Next(Statuses.Length)];
            var created = start.AddDays(random.Next(days)).AddMinutes(random.Next(1, 600));
            var completed = status == InvitationStatus.Completed ? created.AddHours(random.Next(1, 72)).AddSeconds(i) : (DateTime?)null;
            cases.Add(new SeededCase(
                assessments[random.Next(assessments.Count)],
                status,
                status is InvitationStatus.InProgress or InvitationStatus.Completed || (status == InvitationStatus.Expired && random.Next(2) == 0),
                created,
                channels[random.Next(channels.Length)],
                completed is null ? null : Math.Round(random.NextDouble() * 100, 2),
                Bands[random.Next(Bands.Length)],
                completed,
                Math.Round(random.NextDouble() * 100, 2),
                Math.Round(random.NextDouble() * 100, 2)));
        }

        return cases;
    }

    public static async Task WriteAsync(AssessaApp app, Guid tenantId, IReadOnlyList<(Guid Id, Guid VersionId, string Title)> assessments, IReadOnlyList<SeededCase> cases)
    {
        var versions = assessments.ToDictionary(a => a.Id, a => a.VersionId);
        await app.WriteAsync(tenantId, async db =>
        {
            foreach (var c in cases)
            {
                db.Add(new Candidate { Id = c.CandidateId, TenantId = tenantId, Name = c.CandidateName });
                db.Add(new Invitation
                {
                    Id = c.InvitationId,
                    TenantId = tenantId,
                    CandidateId = c.CandidateId,
                    AssessmentId = c.AssessmentId,
                    AssessmentVersionId = versions[c.AssessmentId],
                    VersionNumber = 1,
                    Status = c.Status,
                    Channel = c.Channel,
                    TokenHash = Guid.NewGuid().ToString("N"),
                    TokenProtected = "seeded",
                    StartedAt = c.Started ? c.CreatedAt.AddMinutes(5) : null,
                    CompletedAt = c.CompletedAt,
                    SubmissionId = c.HasSubmission ? c.SubmissionId : null,
                });
                if (c.HasSubmission)
                {
                    var submission = Submission(tenantId, c, versions[c.AssessmentId]);
                    SubmissionCompetency[] competencies =
                    [
                        new() { TenantId = tenantId, SubmissionId = c.SubmissionId, Name = "Reasoning", Percent = c.Reasoning, Score = c.Reasoning, MaxScore = 100 },
                        new() { TenantId = tenantId, SubmissionId = c.SubmissionId, Name = "Teamwork", Percent = c.Teamwork, Score = c.Teamwork, MaxScore = 100 },
                    ];
                    submission.SummariseCompetencies(competencies);
                    db.Add(submission);
                    db.AddRange(competencies);
                }
            }

            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            foreach (var c in cases)
            {
                // created_at is stamped on insert; set the seeded one.
                await db.Set<Invitation>().Where(i => i.Id == c.InvitationId)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.CreatedAt, c.CreatedAt), TestContext.Current.CancellationToken);
            }
        });
    }

    private static Submission Submission(Guid tenantId, SeededCase c, Guid versionId) => new()
    {
        Id = c.SubmissionId,
        TenantId = tenantId,
        InvitationId = c.InvitationId,
        CandidateId = c.CandidateId,
        AssessmentId = c.AssessmentId,
        AssessmentVersionId = versionId,
        Channel = c.Channel,
        Status = SubmissionStatus.Completed,
        Score = c.Percent,
        MaxScore = 100,
        Percent = c.Percent,
        RecommendationBand = c.Band,
        StartedAt = c.CreatedAt.AddMinutes(5),
        SubmittedAt = c.CompletedAt!.Value,
        CompletedAt = c.CompletedAt,
        DurationSeconds = (int)(c.CompletedAt!.Value - c.CreatedAt).TotalSeconds,
    };
}
