using Assessa.Server.Modules.Integrations.Domain;
using Assessa.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessa.Server.Modules.Integrations.Data;

public sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.ToTable("webhook_endpoints");
        builder.Property(e => e.Url).HasMaxLength(2000);
        builder.Property(e => e.Description).HasMaxLength(500);
        builder.Property(e => e.EventTypes).HasJsonConversion();
        builder.Property(e => e.DisabledReason).HasMaxLength(500);
        builder.HasIndex(e => new { e.TenantId, e.IsActive });
    }
}

public sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.Property(d => d.MessageId).HasMaxLength(64);
        builder.Property(d => d.Url).HasMaxLength(2000);
        builder.Property(d => d.EventType).HasMaxLength(100);
        builder.Property(d => d.LastError).HasMaxLength(1000);
        builder.Property(d => d.Method).HasMaxLength(10);
        builder.HasIndex(d => new { d.EndpointId, d.OutboxMessageId }).IsUnique().HasFilter("outbox_message_id IS NOT NULL AND endpoint_id IS NOT NULL");
        builder.HasIndex(d => d.OutboxMessageId).IsUnique().HasFilter("outbox_message_id IS NOT NULL AND endpoint_id IS NULL");
        builder.HasIndex(d => new { d.TenantId, d.Status, d.CreatedAt });
        builder.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> builder)
    {
        builder.ToTable("webhook_attempts");
        builder.Property(a => a.Error).HasMaxLength(1000);
        builder.HasIndex(a => a.DeliveryId);
        builder.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CallbackSigningKeyConfiguration : IEntityTypeConfiguration<CallbackSigningKey>
{
    public void Configure(EntityTypeBuilder<CallbackSigningKey> builder)
    {
        builder.ToTable("callback_signing_keys");
        builder.HasIndex(k => k.TenantId).IsUnique();
    }
}

public sealed class IntegrationSettingConfiguration : IEntityTypeConfiguration<IntegrationSetting>
{
    public void Configure(EntityTypeBuilder<IntegrationSetting> builder)
    {
        builder.ToTable("integration_settings");
        builder.Property(s => s.Integration).HasMaxLength(40);
        builder.HasIndex(s => new { s.TenantId, s.Integration }).IsUnique();
    }
}

public sealed class IntegrationLinkConfiguration : IEntityTypeConfiguration<IntegrationLink>
{
    public void Configure(EntityTypeBuilder<IntegrationLink> builder)
    {
        builder.ToTable("integration_links");
        builder.Property(l => l.Integration).HasMaxLength(40);
        builder.Property(l => l.CallbackUrl).HasMaxLength(2000);
        builder.HasIndex(l => new { l.InvitationId, l.Integration }).IsUnique();
    }
}

public sealed class IntegrationCallConfiguration : IEntityTypeConfiguration<IntegrationCall>
{
    public void Configure(EntityTypeBuilder<IntegrationCall> builder)
    {
        builder.ToTable("integration_calls");
        builder.Property(c => c.Integration).HasMaxLength(40);
        builder.Property(c => c.Operation).HasMaxLength(40);
        builder.Property(c => c.Error).HasMaxLength(2000);
        builder.HasIndex(c => new { c.TenantId, c.Integration, c.At });
    }
}
