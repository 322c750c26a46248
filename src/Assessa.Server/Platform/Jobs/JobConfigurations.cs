using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessa.Server.Platform.Jobs;

public sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> builder)
    {
        builder.ToTable("jobs");
        builder.Property(j => j.Type).HasMaxLength(200);
        builder.Property(j => j.ProgressMessage).HasMaxLength(500);
        builder.Property(j => j.LeaseOwner).HasMaxLength(200);
        builder.Property(j => j.Error).HasMaxLength(2000);
        builder.HasIndex(j => new { j.Status, j.RunAfter });
        builder.HasIndex(j => j.TenantId);
        builder.HasIndex(j => new { j.OutboxMessageId, j.Type }).IsUnique();
    }
}

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.Property(m => m.Type).HasMaxLength(200);
        builder.Property(m => m.LeaseOwner).HasMaxLength(200);
        builder.HasIndex(m => new { m.Status, m.AvailableAt });
    }
}
