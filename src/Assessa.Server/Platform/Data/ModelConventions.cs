using System.Linq.Expressions;
using Assessa.Server.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Assessa.Server.Platform.Data;

/// <summary>Model-wide rules applied after every module's configuration.</summary>
public static class ModelConventions
{
    public static void Apply(ModelBuilder modelBuilder, AppDbContext context)
    {
        foreach (var entityType in modelBuilder.Model.GetEntityTypes().ToList())
        {
            StoreEnumsAsSnakeCase(entityType);
            if (entityType.BaseType is not null || entityType.IsOwned())
            {
                continue;
            }

            if (typeof(ITenantOwned).IsAssignableFrom(entityType.ClrType))
            {
                entityType.SetQueryFilter(QueryFilters.Tenant, TenantFilter(entityType.ClrType, context));
                entityType.FindProperty(nameof(ITenantOwned.TenantId))?.SetIsIndexed(entityType);
            }

            if (typeof(ISoftDeletable).IsAssignableFrom(entityType.ClrType))
            {
                entityType.SetQueryFilter(QueryFilters.SoftDelete, SoftDeleteFilter(entityType.ClrType));
            }
        }
    }

    /// <summary>Entity types implementing <see cref="ITenantOwned"/> that lack the "Tenant" filter (architecture check).</summary>
    public static IReadOnlyList<string> TenantOwnedWithoutFilter(IModel model) =>
        model.GetEntityTypes()
            .Where(e => e.BaseType is null && typeof(ITenantOwned).IsAssignableFrom(e.ClrType))
            .Where(e => e.FindDeclaredQueryFilter(QueryFilters.Tenant) is null)
            .Select(e => e.DisplayName())
            .ToList();

    // e => (Guid?)e.TenantId == context.CurrentTenantId. EF Core sees the context constant and re-reads the
    // property for each query on whichever context instance runs it.
    private static LambdaExpression TenantFilter(Type clrType, AppDbContext context)
    {
        var entity = Expression.Parameter(clrType, "e");
        var tenantId = Expression.Convert(Expression.Property(entity, nameof(ITenantOwned.TenantId)), typeof(Guid?));
        var current = Expression.Property(Expression.Constant(context), nameof(AppDbContext.CurrentTenantId));
        return Expression.Lambda(Expression.Equal(tenantId, current), entity);
    }

    private static LambdaExpression SoftDeleteFilter(Type clrType)
    {
        var entity = Expression.Parameter(clrType, "e");
        var deletedAt = Expression.Property(entity, nameof(ISoftDeletable.DeletedAt));
        return Expression.Lambda(Expression.Equal(deletedAt, Expression.Constant(null, typeof(DateTime?))), entity);
    }

    private static void StoreEnumsAsSnakeCase(IMutableEntityType entityType)
    {
        foreach (var property in entityType.GetDeclaredProperties())
        {
            var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
            if (type.IsEnum && property.GetValueConverter() is null)
            {
                var converterType = typeof(SnakeCaseEnumConverter<>).MakeGenericType(type);
                property.SetValueConverter((Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter)Activator.CreateInstance(converterType)!);
                property.SetMaxLength(64);
            }
        }
    }

    private static void SetIsIndexed(this IMutableProperty property, IMutableEntityType entityType)
    {
        if (!entityType.GetIndexes().Any(i => i.Properties[0] == property))
        {
            entityType.AddIndex(property);
        }
    }
}
