using Assessa.Server.Modules.Reporting.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessa.Server.Modules.Reporting.Data;

public sealed class ItemAnalysisConfiguration : IEntityTypeConfiguration<ItemAnalysis>
{
    public void Configure(EntityTypeBuilder<ItemAnalysis> builder)
    {
        builder.ToTable("item_analyses");
        builder.Property(a => a.Status).HasMaxLength(32);
        builder.Property(a => a.Reason).HasMaxLength(2000);
        // One analysis per version: concurrent requests meet on this index instead of queuing twice.
        builder.HasIndex(a => a.VersionId).IsUnique();
        builder.HasIndex(a => new { a.TenantId, a.AssessmentId });
    }
}
