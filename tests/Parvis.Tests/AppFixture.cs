using Parvis.Testing;

namespace Parvis.Tests;

/// <summary>One running application for the HTTP tests: starting one per class would cost more than the tests.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public ParvisFactory App { get; } = new();

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync() => App.DisposeAsync().AsTask();
}

/// <summary>
/// The HTTP tests share four applications, each with its own database: xunit runs collections side by side, so the
/// four groups run in parallel while the tests of one class still share one application. With two groups, one holding
/// three quarters of the tests, the suite used 18 CPU-minutes in 45 minutes of wall time: CI waited on that group with
/// a core idle. Keep the groups of like size when adding a folder.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}

/// <summary>Administration, security, identity and the platform's machinery (API, files, tenancy): the second application.</summary>
[CollectionDefinition(Name)]
public sealed class PlatformAppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app-platform";
}

/// <summary>Meetings, councils, sortition, participation rules, projects, budgets and outcomes: the third application.</summary>
[CollectionDefinition(Name)]
public sealed class CivicAppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app-civic";
}

/// <summary>Citizen initiatives and requests (proposals, petitions, requests, Open311): the fourth application.</summary>
[CollectionDefinition(Name)]
public sealed class InitiativesAppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app-initiatives";
}
