using Assessa.Server.Modules.Field.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessa.Server.Modules.Field.Data;

public sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> builder)
    {
        builder.ToTable("field_sites");
        builder.Property(s => s.Name).HasMaxLength(FieldNames.NameMax);
        builder.Property(s => s.NormalizedName).HasMaxLength(FieldNames.NameMax);
        builder.Property(s => s.State).HasMaxLength(2);
        builder.Property(s => s.City).HasMaxLength(FieldNames.NameMax);
        builder.HasIndex(s => new { s.TenantId, s.NormalizedName }).IsUnique();
    }
}

public sealed class EnumeratorConfiguration : IEntityTypeConfiguration<Enumerator>
{
    public void Configure(EntityTypeBuilder<Enumerator> builder)
    {
        builder.ToTable("field_enumerators");
        builder.Property(e => e.Name).HasMaxLength(FieldNames.NameMax);
        builder.Property(e => e.NormalizedName).HasMaxLength(FieldNames.NameMax);
        builder.HasIndex(e => new { e.TenantId, e.NormalizedName }).IsUnique();
        builder.HasIndex(e => new { e.TenantId, e.UserId }).IsUnique().HasFilter("user_id IS NOT NULL");
    }
}

public sealed class FieldSessionConfiguration : IEntityTypeConfiguration<FieldSession>
{
    public void Configure(EntityTypeBuilder<FieldSession> builder)
    {
        builder.ToTable("field_sessions");
        builder.Property(s => s.Status).HasMaxLength(32);
        // The natural key covers soft-deleted rows too: a re-import never resurrects a deleted visit as a second row.
        builder.HasIndex(s => new { s.TenantId, s.Number }).IsUnique();
        // Each secondary index costs the import several microseconds per row (ADR 0021): one per filter the
        // lists need (an enumerator's own sessions, a site's), none for sort orders or KPI scans.
        builder.HasIndex(s => new { s.TenantId, s.EnumeratorId });
        builder.HasIndex(s => new { s.TenantId, s.SiteId });

        // No foreign keys to sites and enumerators: those are only ever soft-deleted, every writer (API, import)
        // resolves them first in the same tenant, and the keys' checks and single-column indexes cost the import
        // most of its time (docs/benchmarks.md, "Field CSV import").
    }
}

public sealed class FieldImportConfiguration : IEntityTypeConfiguration<FieldImport>
{
    public void Configure(EntityTypeBuilder<FieldImport> builder)
    {
        builder.ToTable("field_imports");
        builder.Property(i => i.FileName).HasMaxLength(260);
        builder.Property(i => i.StoragePath).HasMaxLength(1000);
        builder.Property(i => i.Status).HasMaxLength(16);
        builder.Property(i => i.Delimiter).HasMaxLength(8);
        builder.Property(i => i.Encoding).HasMaxLength(32);
        builder.Property(i => i.Error).HasMaxLength(2000);
        builder.HasIndex(i => new { i.TenantId, i.CreatedAt });
    }
}

public sealed class FieldImportErrorConfiguration : IEntityTypeConfiguration<FieldImportError>
{
    public void Configure(EntityTypeBuilder<FieldImportError> builder)
    {
        builder.ToTable("field_import_errors");
        builder.Property(e => e.Error).HasMaxLength(500);
        builder.Property(e => e.Data).HasMaxLength(2000);
        // One error per line: a resumed import that re-reads a line cannot record its error twice.
        builder.HasIndex(e => new { e.ImportId, e.Line }).IsUnique();
        builder.HasOne<FieldImport>().WithMany().HasForeignKey(e => e.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}
