using Assessa.Server.Modules.Reporting.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessa.Server.Modules.Reporting.Data;

public sealed class ExportJobConfiguration : IEntityTypeConfiguration<ExportJob>
{
    public void Configure(EntityTypeBuilder<ExportJob> builder)
    {
        builder.ToTable("export_jobs");
        builder.Property(e => e.Format).HasMaxLength(8);
        builder.Property(e => e.Status).HasMaxLength(16);
        builder.Property(e => e.SubmissionStatus).HasMaxLength(32);
        builder.Property(e => e.FileName).HasMaxLength(260);
        builder.Property(e => e.StoragePath).HasMaxLength(1000);
        builder.Property(e => e.Error).HasMaxLength(2000);
        builder.HasIndex(e => new { e.TenantId, e.CreatedAt });
        // The maintenance loop looks for finished exports past their expiry, across tenants.
        builder.HasIndex(e => new { e.Status, e.ExpiresAt });
    }
}
