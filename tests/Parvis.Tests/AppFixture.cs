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
/// The HTTP tests share two applications, each with its own database: xunit runs collections side by side,
/// so the two halves run in parallel while the tests of one class still share one application.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}

/// <summary>Citizen initiatives and requests (proposals, petitions, requests, Open311): the second application.</summary>
[CollectionDefinition(Name)]
public sealed class InitiativesAppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app-initiatives";
}
