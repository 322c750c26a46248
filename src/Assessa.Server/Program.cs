using Assessa.Server.Modules.Accounts;
using Assessa.Server.Modules.Audit;
using Assessa.Server.Modules.Catalog;
using Assessa.Server.Modules.Delivery;
using Assessa.Server.Modules.Field;
using Assessa.Server.Modules.Identity;
using Assessa.Server.Modules.Integrations;
using Assessa.Server.Modules.Reporting;
using Assessa.Server.Platform;
using Assessa.Server.Platform.Configuration;

// Assessa: one server for every module. Read this file as a table of contents; see ../../docs/ and DESIGN.md.
try
{
    var builder = AssessaHost.CreateBuilder(AssessaRunner.WithoutCommand(args));
    builder.AddPlatform();
    builder.AddAuditModule();
    builder.AddIdentityModule();
    builder.AddCatalogModule();
    builder.AddDeliveryModule();
    builder.AddIntegrationsModule();
    builder.AddAccountsModule();
    builder.AddFieldModule();
    builder.AddReportingModule();

    var app = builder.Build();
    app.UsePlatform();
    app.MapPlatformEndpoints();
    app.MapAuditEndpoints();
    app.MapIdentityEndpoints();
    app.MapCatalogEndpoints();
    app.MapDeliveryEndpoints();
    app.MapIntegrationsEndpoints();
    app.MapAccountsEndpoints();
    app.MapFieldEndpoints();
    app.MapReportingEndpoints();

    return await app.RunAssessaAsync(args);
}
catch (InvalidSettingException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
