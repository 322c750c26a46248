using Assessa.Server.Modules.Accounts.Features;
using Assessa.Server.Modules.Accounts.Features.Customers;
using Assessa.Server.Modules.Accounts.Features.Insights;
using Assessa.Server.Modules.Accounts.Features.Opportunities;
using Assessa.Server.Modules.Accounts.Features.Revenue;

namespace Assessa.Server.Modules.Accounts;

/// <summary>
/// The platform operator's commercial data (contracts/crm-api.md): the customer roster (CID), opportunities tied
/// to customers, revenue actuals and targets, the fiscal-year forecast and data-quality counts. Platform-level
/// data, not tenant data: only superadmins and admins of the operator tenant reach it.
/// </summary>
public static class AccountsModule
{
    public static WebApplicationBuilder AddAccountsModule(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapAccountsEndpoints(this IEndpointRouteBuilder app)
    {
        var customers = AccountsRoutes.Group(app, "/api/customers", "Accounts");
        ListCustomers.Map(customers);
        ManageCustomers.Map(customers);
        ImportCustomers.Map(customers);

        var opportunities = AccountsRoutes.Group(app, "/api/opportunities", "Accounts");
        CreateOpportunity.Map(opportunities);
        ListOpportunities.Map(opportunities);
        ManageOpportunities.Map(opportunities);

        var crm = AccountsRoutes.Group(app, "/api/v1/crm", "Accounts");
        RevenueActuals.Map(crm);
        RevenueTargets.Map(crm);
        Forecast.Map(crm);
        DataQuality.Map(crm);
        return app;
    }
}
