using Assessa.Server.Modules.Accounts.Domain;
using Assessa.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessa.Server.Modules.Accounts.Data;

public sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("customers");

        // Opportunities reference customers by cid (the id the operator's other systems know), so it is a key.
        builder.HasAlternateKey(c => c.Cid);
        builder.Property(c => c.Name).HasMaxLength(CustomerLimits.Text);
        builder.Property(c => c.Area).HasMaxLength(CustomerLimits.Area);
        builder.Property(c => c.AccountExecutive).HasMaxLength(CustomerLimits.Text);
        builder.Property(c => c.TechnicalSpecialist).HasMaxLength(CustomerLimits.Text);
        builder.Property(c => c.Industry).HasMaxLength(CustomerLimits.Text);
        builder.Property(c => c.Subscriptions).HasJsonConversion();
        builder.HasIndex(c => c.Area);
    }
}

public sealed class OpportunityConfiguration : IEntityTypeConfiguration<Opportunity>
{
    public void Configure(EntityTypeBuilder<Opportunity> builder)
    {
        builder.ToTable("opportunities");
        builder.Property(o => o.Oid).HasMaxLength(32).IsFixedLength();
        builder.HasIndex(o => o.Oid).IsUnique();
        builder.Property(o => o.Name).HasMaxLength(CustomerLimits.Text);
        builder.Property(o => o.Product).HasMaxLength(CustomerLimits.Text);
        builder.Property(o => o.Notes).HasMaxLength(CustomerLimits.Notes);
        builder.Property(o => o.EstimatedMonthlyRevenue).HasPrecision(18, 2);
        builder.HasIndex(o => new { o.Cid, o.ExpectedCloseDate });
        builder.HasIndex(o => new { o.Status, o.ExpectedCloseDate });
        builder.HasOne<Customer>().WithMany().HasForeignKey(o => o.Cid).HasPrincipalKey(c => c.Cid).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class RevenueActualConfiguration : IEntityTypeConfiguration<RevenueActual>
{
    public void Configure(EntityTypeBuilder<RevenueActual> builder)
    {
        builder.ToTable("revenue_actuals");
        builder.Property(r => r.Area).HasMaxLength(CustomerLimits.Area);
        builder.Property(r => r.Amount).HasPrecision(18, 2);
        builder.HasIndex(r => new { r.Area, r.Month }).IsUnique();
    }
}

public sealed class RevenueTargetConfiguration : IEntityTypeConfiguration<RevenueTarget>
{
    public void Configure(EntityTypeBuilder<RevenueTarget> builder)
    {
        builder.ToTable("revenue_targets");
        builder.Property(r => r.Area).HasMaxLength(CustomerLimits.Area);
        builder.Property(r => r.Amount).HasPrecision(18, 2);
        builder.HasIndex(r => new { r.Area, r.FiscalYear }).IsUnique();
    }
}
