using Assessa.Server.Modules.Catalog.Domain;
using Assessa.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessa.Server.Modules.Catalog.Data;

public sealed class CompetencyConfiguration : IEntityTypeConfiguration<Competency>
{
    public void Configure(EntityTypeBuilder<Competency> builder)
    {
        builder.ToTable("competencies");
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.NormalizedName).HasMaxLength(200);
        builder.Property(c => c.Description).HasMaxLength(2000);
        builder.HasIndex(c => new { c.TenantId, c.NormalizedName }).IsUnique().HasFilter("deleted_at IS NULL");
        builder.HasOne<Competency>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class SectorConfiguration : IEntityTypeConfiguration<Sector>
{
    public void Configure(EntityTypeBuilder<Sector> builder)
    {
        builder.ToTable("sectors");
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.NormalizedName).HasMaxLength(200);
        builder.HasIndex(s => new { s.TenantId, s.NormalizedName }).IsUnique().HasFilter("deleted_at IS NULL");
    }
}

public sealed class QuestionConfiguration : IEntityTypeConfiguration<Question>
{
    public void Configure(EntityTypeBuilder<Question> builder)
    {
        builder.ToTable("questions");
        builder.Property(q => q.Stem).HasMaxLength(10_000);
        builder.Property(q => q.Situation).HasMaxLength(20_000);
        builder.Property(q => q.PreferredAnswer).HasMaxLength(20_000);
        builder.Property(q => q.Rubric).HasMaxLength(20_000);
        builder.Property(q => q.Language).HasMaxLength(16);
        builder.Property(q => q.SourceKey).HasMaxLength(200);
        builder.Property(q => q.MaxScore).HasPrecision(18, 4);
        builder.Property(q => q.NumericAnswer).HasPrecision(28, 8);
        builder.Property(q => q.Tolerance).HasPrecision(28, 8);
        builder.Property(q => q.Options).HasJsonConversion();
        builder.Property(q => q.Translations).HasJsonConversion();
        builder.HasIndex(q => new { q.TenantId, q.CompetencyId });
        builder.HasIndex(q => new { q.TenantId, q.SourceKey }).IsUnique().HasFilter("source_key IS NOT NULL");
        builder.HasOne<Competency>().WithMany().HasForeignKey(q => q.CompetencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Sector>().WithMany().HasForeignKey(q => q.SectorId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class QuestionVersionConfiguration : IEntityTypeConfiguration<QuestionVersion>
{
    public void Configure(EntityTypeBuilder<QuestionVersion> builder)
    {
        builder.ToTable("question_versions");
        builder.Property(v => v.Content).HasJsonConversion();
        builder.HasIndex(v => new { v.QuestionId, v.Version }).IsUnique();
        builder.HasOne<Question>().WithMany().HasForeignKey(v => v.QuestionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> builder)
    {
        builder.ToTable("assessments");
        builder.Property(a => a.Title).HasMaxLength(300);
        builder.Property(a => a.Description).HasMaxLength(10_000);
        builder.Property(a => a.Language).HasMaxLength(16);
        builder.Property(a => a.TestType).HasMaxLength(16);
        builder.Property(a => a.Settings).HasJsonConversion();
        builder.Property(a => a.Scoring).HasJsonConversion();
        builder.HasIndex(a => new { a.TenantId, a.PackageNumber }).IsUnique();
        builder.HasIndex(a => new { a.TenantId, a.TestType }).IsUnique().HasFilter("test_type IS NOT NULL AND deleted_at IS NULL");
    }
}

public sealed class AssessmentItemConfiguration : IEntityTypeConfiguration<AssessmentItem>
{
    public void Configure(EntityTypeBuilder<AssessmentItem> builder)
    {
        builder.ToTable("assessment_items");
        builder.Property(i => i.Section).HasMaxLength(200);
        builder.HasIndex(i => new { i.AssessmentId, i.Position }).IsUnique();
        builder.HasIndex(i => i.QuestionId);
        builder.HasOne<Assessment>().WithMany().HasForeignKey(i => i.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Question>().WithMany().HasForeignKey(i => i.QuestionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AssessmentVersionConfiguration : IEntityTypeConfiguration<AssessmentVersion>
{
    public void Configure(EntityTypeBuilder<AssessmentVersion> builder)
    {
        builder.ToTable("assessment_versions");
        builder.Property(v => v.Title).HasMaxLength(300);
        builder.Property(v => v.Language).HasMaxLength(16);
        builder.Property(v => v.Settings).HasJsonConversion();
        builder.Property(v => v.Scoring).HasJsonConversion();
        builder.Property(v => v.Items).HasJsonConversion();
        builder.HasIndex(v => new { v.AssessmentId, v.Number }).IsUnique();
        builder.HasOne<Assessment>().WithMany().HasForeignKey(v => v.AssessmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AssessmentVersionQuestionConfiguration : IEntityTypeConfiguration<AssessmentVersionQuestion>
{
    public void Configure(EntityTypeBuilder<AssessmentVersionQuestion> builder)
    {
        builder.ToTable("assessment_version_questions");
        builder.HasKey(v => new { v.VersionId, v.QuestionId });
        builder.HasIndex(v => new { v.QuestionId, v.QuestionVersion });
        builder.HasOne<AssessmentVersion>().WithMany().HasForeignKey(v => v.VersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ConfigurationConfiguration : IEntityTypeConfiguration<Configuration>
{
    public void Configure(EntityTypeBuilder<Configuration> builder)
    {
        builder.ToTable("configurations");
        builder.HasIndex(c => new { c.TenantId, c.ConfigType, c.Version }).IsUnique();
        builder.HasIndex(c => new { c.TenantId, c.ConfigType }).HasFilter("is_active");
    }
}
