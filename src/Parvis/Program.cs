using Parvis.Features;
using Parvis.Features.Demo;
using Parvis.Features.Territories;
using Parvis.Infrastructure.Cluster;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Email;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Operations;
using Parvis.Infrastructure.Web;

// A fair draw, an opinion map, a budget count or a tally log's check needs no database, no web server: anyone can
// run it on the files.
if (await Parvis.Features.Sortition.SortitionCommand.TryRunAsync(args)) return;
if (await Parvis.Features.OpinionMaps.OpinionMapCommand.TryRunAsync(args)) return;
if (await Parvis.Features.Budgets.PbOutcomeCommand.TryRunAsync(args)) return;
if (await Parvis.Features.Tallies.VerifyLogCommand.TryRunAsync(args)) return;
var startup = new StartupTimer();
var builder = WebApplication.CreateBuilder(args);
builder.AddParvisData();
builder.AddParvisIdentity();
builder.AddParvisEmail();
builder.AddParvisWeb();
builder.AddParvisCluster();
builder.AddParvisOperations();
builder.AddParvisFeatures();

var app = builder.Build();
startup.Mark("services");
await app.Services.MigrateAsync();
startup.Mark("database");
if (await TerritoryImportCommand.TryRunAsync(app.Services, args)) return;
if (await Parvis.Features.Platform.CreateOrganizationCommand.TryRunAsync(app.Services, args)) return;
if (await Parvis.Features.Bench.GenerateBenchDataCommand.TryRunAsync(app.Services, args)) return;
await DemoSeeder.SeedIfEmptyAsync(app.Services, app.Configuration, app.Environment);
startup.Mark("demo data");
app.UseParvisPipeline();
app.MapParvisEndpoints();
startup.LogWhenListening(app);
await app.RunAsync();

public partial class Program;
