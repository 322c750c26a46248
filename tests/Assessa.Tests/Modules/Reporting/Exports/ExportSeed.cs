using Assessa.Server.Modules.Catalog.Domain;
using Assessa.Server.Modules.Delivery;
using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Tests.Infrastructure;
using Assessa.Tests.Modules.Delivery;

namespace Assessa.Tests.Modules.Reporting.Exports;

/// <summary>
/// Seeds submissions (and their competencies and candidates) straight into the database, in batches, with values
/// derived from the row number so a test can recompute what any exported row must hold.
/// </summary>
public sealed class ExportSeed
{
    public static readonly DateTime Start = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
    public static readonly string[] CompetencyNames = ["Numeracy", "Judgment", "Conscientiousness"];

    private ExportSeed(Guid assessmentId, string title)
    {
        AssessmentId = assessmentId;
        Title = title;
    }

    public Guid AssessmentId { get; }

    public string Title { get; }

    /// <summary>A published assessment of the tenant (its title shows in the assessment column).</summary>
    public static async Task<ExportSeed> AssessmentAsync(AssessaApp app, TestTenant tenant)
    {
        var published = await DeliveryApi.PublishAsync(await tenant.AdminAsync());
        var id = Guid.Parse(published.AssessmentId);
        var title = Assert.Single(await app.QueryAsync(d => d.Set<Assessment>().Where(a => a.Id == id))).Title;
        return new ExportSeed(id, title);
    }

    /// <summary>Row <paramref name="i"/>: submitted one minute after the previous one.</summary>
    public static DateTime SubmittedAt(int i) => Start.AddMinutes(i);

    public static double Score(int i) => i % 11;

    public static double Percent(int i) => Math.Round(i % 1000 / 10.0, 2);

    /// <summary>Competency <paramref name="c"/> (index into <see cref="CompetencyNames"/>) of row <paramref name="i"/>; every 4th row lacks Conscientiousness.</summary>
    public static double? CompetencyPercent(int i, int c) => c == 2 && i % 4 == 3 ? null : (i * 7 + c * 13) % 101;

    public static SubmissionStatus Status(int i) => i % 10 == 9 ? SubmissionStatus.PendingReview : SubmissionStatus.Completed;

    public static string CandidateName(int i) => $"Candidate {i:D6}";

    /// <summary>Seeds rows [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>) for the tenant, 10,000 per transaction.</summary>
    public async Task SeedAsync(AssessaApp app, Guid tenantId, int first, int count)
    {
        const int Batch = 10_000;
        for (var start = first; start < first + count; start += Batch)
        {
            var end = Math.Min(first + count, start + Batch);
            await app.WriteAsync(tenantId, async db =>
            {
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                for (var i = start; i < end; i++)
                {
                    var submission = new Submission
                    {
                        AssessmentId = AssessmentId,
                        Channel = (DeliveryChannel)(i % 4),
                        Status = Status(i),
                        Score = Score(i),
                        MaxScore = 10,
                        Percent = Percent(i),
                        RecommendationBand = i % 2 == 0 ? "yes" : "no",
                        RecommendationLabel = i % 2 == 0 ? "Recommended" : null,
                        SubmittedAt = SubmittedAt(i),
                        CandidateName = CandidateName(i),
                    };
                    var competencies = new List<SubmissionCompetency>();
                    for (var c = 0; c < CompetencyNames.Length; c++)
                    {
                        if (CompetencyPercent(i, c) is { } percent)
                        {
                            competencies.Add(new SubmissionCompetency { SubmissionId = submission.Id, Name = CompetencyNames[c], Percent = percent, Score = percent / 10, MaxScore = 10 });
                        }
                    }

                    submission.SummariseCompetencies(competencies);
                    db.Add(submission);
                    db.AddRange(competencies);
                }

                await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            });
        }
    }

    /// <summary>Adds one submission with its own candidate and returns its id.</summary>
    public static async Task<Guid> AddAsync(AssessaApp app, Guid tenantId, Action<Submission>? shape = null, Candidate? candidate = null, DateTime? submittedAt = null, string? candidateName = null)
    {
        var submission = new Submission
        {
            CandidateId = candidate?.Id,
            Channel = DeliveryChannel.Web,
            Status = SubmissionStatus.Completed,
            Score = 1,
            Percent = 10,
            SubmittedAt = submittedAt ?? Start,
            CandidateName = candidateName,
        };
        shape?.Invoke(submission);
        await app.WriteAsync(tenantId, async db =>
        {
            if (candidate is not null)
            {
                db.Add(candidate);
            }

            db.Add(submission);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        return submission.Id;
    }
}
