using Assessa.Server.Modules.Delivery.Domain;
using Assessa.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessa.Server.Modules.Delivery.Data;

public sealed class CandidateConfiguration : IEntityTypeConfiguration<Candidate>
{
    public void Configure(EntityTypeBuilder<Candidate> builder)
    {
        builder.ToTable("candidates");
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Email).HasMaxLength(254);
        builder.Property(c => c.Phone).HasMaxLength(16);
        builder.Property(c => c.Language).HasMaxLength(16);
        builder.Property(c => c.Metadata).HasJsonConversion();
        builder.HasIndex(c => new { c.TenantId, c.Email }).IsUnique().HasFilter("email IS NOT NULL");
        builder.HasIndex(c => new { c.TenantId, c.Phone }).IsUnique().HasFilter("phone IS NOT NULL");
        builder.HasIndex(c => new { c.TenantId, c.UserId }).IsUnique().HasFilter("user_id IS NOT NULL");
    }
}

public sealed class CandidateExternalIdConfiguration : IEntityTypeConfiguration<CandidateExternalId>
{
    public void Configure(EntityTypeBuilder<CandidateExternalId> builder)
    {
        builder.ToTable("candidate_external_ids");
        builder.Property(c => c.Source).HasMaxLength(64);
        builder.Property(c => c.ExternalId).HasMaxLength(200);
        builder.HasIndex(c => new { c.TenantId, c.Source, c.ExternalId }).IsUnique();
        builder.HasIndex(c => c.CandidateId);
        builder.HasOne<Candidate>().WithMany().HasForeignKey(c => c.CandidateId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.ToTable("invitations");
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.Property(i => i.TokenProtected).HasMaxLength(1000);
        builder.Property(i => i.Source).HasMaxLength(64);
        builder.Property(i => i.ExternalId).HasMaxLength(200);
        builder.Property(i => i.WebhookUrl).HasMaxLength(2000);
        builder.Property(i => i.RedirectUrl).HasMaxLength(2000);
        builder.Property(i => i.PlatformUrl).HasMaxLength(2000);
        builder.Property(i => i.Language).HasMaxLength(16);
        builder.Property(i => i.ManualScore).HasPrecision(5, 2);
        builder.Property(i => i.QuestionOrder).HasJsonConversion();
        builder.Property(i => i.ReminderHours).HasJsonConversion();
        builder.Property(i => i.Metadata).HasJsonConversion();
        builder.Property(i => i.Revision).IsConcurrencyToken();
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => new { i.TenantId, i.Source, i.ExternalId }).IsUnique().HasFilter("external_id IS NOT NULL");
        builder.HasIndex(i => new { i.TenantId, i.Status, i.CreatedAt });
        builder.HasIndex(i => new { i.TenantId, i.AssessmentId });
        builder.HasIndex(i => i.CandidateId);
        builder.HasIndex(i => i.BatchId).HasFilter("batch_id IS NOT NULL");
        builder.HasOne<Candidate>().WithMany().HasForeignKey(i => i.CandidateId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class InvitationEventConfiguration : IEntityTypeConfiguration<InvitationEvent>
{
    public void Configure(EntityTypeBuilder<InvitationEvent> builder)
    {
        builder.ToTable("invitation_events");
        builder.Property(e => e.Type).HasMaxLength(64);
        builder.Property(e => e.Detail).HasMaxLength(2000);
        builder.HasIndex(e => new { e.InvitationId, e.CreatedAt });
        builder.HasOne<Invitation>().WithMany().HasForeignKey(e => e.InvitationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SavedAnswerConfiguration : IEntityTypeConfiguration<SavedAnswer>
{
    public void Configure(EntityTypeBuilder<SavedAnswer> builder)
    {
        builder.ToTable("saved_answers");
        builder.Property(a => a.Answer).HasNullableJsonConversion();
        builder.HasIndex(a => new { a.InvitationId, a.Attempt, a.QuestionId }).IsUnique();
        builder.HasOne<Invitation>().WithMany().HasForeignKey(a => a.InvitationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SubmissionConfiguration : IEntityTypeConfiguration<Submission>
{
    public void Configure(EntityTypeBuilder<Submission> builder)
    {
        builder.ToTable("submissions");
        builder.Property(s => s.RecommendationBand).HasMaxLength(100);
        builder.Property(s => s.RecommendationLabel).HasMaxLength(200);
        builder.Property(s => s.RecommendationText).HasMaxLength(2000);
        builder.Property(s => s.TestType).HasMaxLength(16);
        builder.Property(s => s.CandidateName).HasMaxLength(200);
        builder.Property(s => s.CandidateReference).HasMaxLength(200);
        builder.Property(s => s.CandidateLanguage).HasMaxLength(16);
        builder.Property(s => s.UiLanguage).HasMaxLength(16);
        // One submission per attempt of an invitation: the database settles races between parallel submits.
        builder.HasIndex(s => new { s.InvitationId, s.Attempt }).IsUnique().HasFilter("invitation_id IS NOT NULL");
        builder.HasIndex(s => new { s.TenantId, s.SubmittedAt });
        builder.HasIndex(s => new { s.TenantId, s.AssessmentId, s.SubmittedAt });
        builder.HasIndex(s => new { s.TenantId, s.UserId });
        builder.HasIndex(s => s.CandidateId);
        builder.HasOne<Invitation>().WithMany().HasForeignKey(s => s.InvitationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Candidate>().WithMany().HasForeignKey(s => s.CandidateId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class SubmissionAnswerConfiguration : IEntityTypeConfiguration<SubmissionAnswer>
{
    public void Configure(EntityTypeBuilder<SubmissionAnswer> builder)
    {
        builder.ToTable("submission_answers");
        builder.Property(a => a.Competency).HasMaxLength(200);
        builder.Property(a => a.Explanation).HasMaxLength(4000);
        builder.Property(a => a.ReviewComment).HasMaxLength(4000);
        builder.Property(a => a.Answer).HasNullableJsonConversion();
        builder.Property(a => a.Points).HasJsonConversion();
        builder.HasIndex(a => new { a.SubmissionId, a.QuestionId }).IsUnique();
        builder.HasIndex(a => new { a.TenantId, a.QuestionId });
        builder.HasOne<Submission>().WithMany().HasForeignKey(a => a.SubmissionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SubmissionCompetencyConfiguration : IEntityTypeConfiguration<SubmissionCompetency>
{
    public void Configure(EntityTypeBuilder<SubmissionCompetency> builder)
    {
        builder.ToTable("submission_competencies");
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.HasIndex(c => new { c.SubmissionId, c.Name }).IsUnique();
        builder.HasOne<Submission>().WithMany().HasForeignKey(c => c.SubmissionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MediaFileConfiguration : IEntityTypeConfiguration<MediaFile>
{
    public void Configure(EntityTypeBuilder<MediaFile> builder)
    {
        builder.ToTable("media_files");
        builder.Property(m => m.FileName).HasMaxLength(255);
        builder.Property(m => m.FileType).HasMaxLength(16);
        builder.Property(m => m.MimeType).HasMaxLength(100);
        builder.Property(m => m.Sha256).HasMaxLength(64);
        builder.Property(m => m.StorageProvider).HasMaxLength(16);
        builder.Property(m => m.StorageKey).HasMaxLength(500);
        builder.Property(m => m.StorageUrl).HasMaxLength(2000);
        builder.HasIndex(m => m.SubmissionId);
        builder.HasOne<Submission>().WithMany().HasForeignKey(m => m.SubmissionId).OnDelete(DeleteBehavior.Cascade);
    }
}
