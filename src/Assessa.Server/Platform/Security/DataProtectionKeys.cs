using System.Xml.Linq;
using Assessa.Server.Platform.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assessa.Server.Platform.Security;

/// <summary>A Data Protection key ring entry, kept in the database so every node can decrypt what another encrypted.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; init; }

    public string? FriendlyName { get; init; }

    public required string Xml { get; init; }
}

public sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder) => builder.ToTable("data_protection_keys");
}

/// <summary>Stores the Data Protection key ring in <c>data_protection_keys</c>.</summary>
public sealed class DatabaseXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return db.Set<DataProtectionKey>().AsNoTracking().Select(k => k.Xml).ToList().Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Set<DataProtectionKey>().Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}

public static class DataProtectionSetup
{
    /// <summary>
    /// Data Protection (used to encrypt stored secrets such as TOTP keys) with its key ring in the database.
    /// Anyone who can read the database can read the key ring too: protect database access and backups.
    /// </summary>
    public static IServiceCollection AddAssessaDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("Assessa");
        services.AddOptions<KeyManagementOptions>().Configure<IServiceScopeFactory>((options, scopes) =>
            options.XmlRepository = new DatabaseXmlRepository(scopes));
        return services;
    }
}
