using Parvis.Features;
using Parvis.Features.Demo;
using Parvis.Features.Territories;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Email;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddParvisData();
builder.AddParvisIdentity();
builder.AddParvisEmail();
builder.AddParvisWeb();
builder.AddParvisFeatures();

var app = builder.Build();
await app.Services.MigrateAsync();
if (await TerritoryImportCommand.TryRunAsync(app.Services, args)) return;
if (await Parvis.Features.Platform.CreateOrganizationCommand.TryRunAsync(app.Services, args)) return;
if (await Parvis.Features.Bench.GenerateBenchDataCommand.TryRunAsync(app.Services, args)) return;
await DemoSeeder.SeedIfEmptyAsync(app.Services, app.Configuration, app.Environment);
app.UseParvisPipeline();
app.MapParvisEndpoints();
await app.RunAsync();

public partial class Program;
